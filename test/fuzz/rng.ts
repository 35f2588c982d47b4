/**
 * A small seeded PRNG (mulberry32): the same seed gives the same request sequence, so any
 * failure the fuzzer finds can be replayed with `--seed S --only I`.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** The generator of request `index` of a run: every request replays on its own from (seed, index). */
  static forRequest(seed: number, index: number): Rng {
    return new Rng((Math.imul(seed >>> 0, 0x85ebca6b) ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  }
}
