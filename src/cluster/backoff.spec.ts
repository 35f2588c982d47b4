import type { RandomSource } from '../common/crypto/random-source';
import { backoffDelayMs } from './backoff';

/** Returns the given fractions of 2³², in turn. */
function randomOf(...fractions: number[]): RandomSource {
  let i = 0;
  return {
    bytes: (size: number) => {
      const buffer = Buffer.alloc(size);
      buffer.writeUInt32BE(Math.min(0xffff_ffff, Math.floor(fractions[i++ % fractions.length]! * 0x1_0000_0000)), 0);
      return buffer;
    },
  };
}

describe('backoffDelayMs', () => {
  const policy = { baseMs: 100, capMs: 10_000 };

  it('doubles per attempt between half and all of the ceiling', () => {
    expect(backoffDelayMs(policy, 0, randomOf(0))).toBe(50);
    expect(backoffDelayMs(policy, 0, randomOf(0.999_999_999))).toBe(100);
    expect(backoffDelayMs(policy, 1, randomOf(0))).toBe(100);
    expect(backoffDelayMs(policy, 3, randomOf(0.5))).toBe(600);
  });

  it('never exceeds the cap, however many attempts failed', () => {
    for (const attempt of [7, 8, 20, 1000]) {
      const delay = backoffDelayMs(policy, attempt, randomOf(0.999_999_999));
      expect(delay).toBe(10_000);
      expect(backoffDelayMs(policy, attempt, randomOf(0))).toBe(5_000);
    }
  });
});
