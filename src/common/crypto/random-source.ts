import { randomBytes } from 'node:crypto';

/** Randomness is injected so ids and tokens can be made deterministic in unit tests. */
export abstract class RandomSource {
  abstract bytes(size: number): Buffer;
}

export class CryptoRandomSource extends RandomSource {
  bytes(size: number): Buffer {
    return randomBytes(size);
  }
}
