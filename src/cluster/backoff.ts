import type { RandomSource } from '../common/crypto/random-source';

export interface BackoffPolicy {
  /** Delay before the first retry. */
  readonly baseMs: number;
  /** No delay exceeds this, however many attempts failed. */
  readonly capMs: number;
}

export const LISTEN_BACKOFF: BackoffPolicy = { baseMs: 100, capMs: 10_000 };

/**
 * Exponential back-off with jitter: attempt n waits between half and all of min(cap, base·2ⁿ), so
 * replicas that lost the database together do not all reconnect in the same instant.
 */
export function backoffDelayMs(policy: BackoffPolicy, attempt: number, random: RandomSource): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  const unit = random.bytes(4).readUInt32BE(0) / 0x1_0000_0000;
  return Math.round(ceiling / 2 + (ceiling / 2) * unit);
}
