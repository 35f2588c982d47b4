import { Injectable } from '@nestjs/common';
import { hash, timingSafeEqual } from 'node:crypto';
import { RandomSource } from './random-source';

export const REGISTRATION_TOKEN_PREFIX = 'opstage_reg_';
export const AGENT_TOKEN_PREFIX = 'opstage_agent_';

/** Raw secrets (tokens, session ids) and their at-rest SHA-256 hashes. */
@Injectable()
export class TokenService {
  constructor(private readonly random: RandomSource) {}

  /** `prefix` + base64url of 32 random bytes (43 chars). */
  generate(prefix = ''): string {
    return prefix + this.random.bytes(32).toString('base64url');
  }

  /** One-shot `crypto.hash` (no Hash object): it runs on every agent request. */
  hash(raw: string): string {
    return hash('sha256', raw, 'hex');
  }

  /** Constant-time string comparison; different lengths compare unequal without early exit on content. */
  safeEqual(a: string, b: string): boolean {
    const ab = Buffer.from(a, 'utf8');
    const bb = Buffer.from(b, 'utf8');
    if (ab.length !== bb.length) {
      timingSafeEqual(ab, ab);
      return false;
    }
    return timingSafeEqual(ab, bb);
  }
}
