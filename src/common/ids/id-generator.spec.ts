import { RandomSource } from '../crypto/random-source';
import { FixedClock } from '../time/clock';
import { IdGenerator } from './id-generator';

/** Counts the calls and hands out a known byte stream (0, 1, 2, … wrapping). */
class CountingRandom extends RandomSource {
  calls = 0;
  private next = 0;

  bytes(size: number): Buffer {
    this.calls += 1;
    return Buffer.from(Array.from({ length: size }, () => this.next++ & 0xff));
  }
}

const ULID = /^cmd_[0-9A-HJKMNP-TV-Z]{26}$/;

describe('IdGenerator', () => {
  it('makes prefixed ULIDs whose random part comes from the random source', () => {
    const clock = new FixedClock('2026-12-07T00:00:00.000Z');
    const ids = new IdGenerator(clock, new CountingRandom());
    const id = ids.next('cmd');
    expect(id).toMatch(ULID);
    // Bytes 0..15 masked to 5 bits are the digits 0..15 of the Crockford alphabet.
    expect(id.slice(-16)).toBe('0123456789ABCDEF');
  });

  it('sorts by time and stays monotonic within one millisecond', () => {
    const clock = new FixedClock('2026-12-07T00:00:00.000Z');
    const ids = new IdGenerator(clock, new CountingRandom());
    const made: string[] = [];
    for (let i = 0; i < 5; i += 1) made.push(ids.next('cmd'));
    clock.advance(1);
    made.push(ids.next('cmd'));
    expect(new Set(made).size).toBe(made.length);
    expect([...made].sort()).toEqual(made);
    expect(made[1]?.slice(-1)).toBe('G'); // the previous random part plus one
  });

  it('asks the random source once per 64 new milliseconds, not once per id', () => {
    const clock = new FixedClock('2026-12-07T00:00:00.000Z');
    const random = new CountingRandom();
    const ids = new IdGenerator(clock, random);
    const made = new Set<string>();
    for (let i = 0; i < 130; i += 1) {
      made.add(ids.next('aud'));
      clock.advance(1);
    }
    expect(made.size).toBe(130);
    expect(random.calls).toBe(3);
  });
});
