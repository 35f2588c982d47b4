import { Injectable } from '@nestjs/common';
import { Clock } from '../time/clock';
import { RandomSource } from '../crypto/random-source';

/** Every id prefix the data model uses (docs/design/decisions.md, "Prefixed, time-sortable ids"). */
export type IdPrefix =
  | 'usr'
  | 'wks'
  | 'agt'
  | 'tok'
  | 'svc'
  | 'hlr'
  | 'cfg'
  | 'act'
  | 'cmd'
  | 'crs'
  | 'aud'
  | 'bev'
  | 'brt'
  | 'set'
  | 'ses'
  | 'atk'
  | 'sch'
  | 'srn'
  | (string & { readonly __extension?: never });

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A ULID's random part: 80 bits, 16 base-32 digits (one byte each, masked to 5 bits). */
const RANDOM_DIGITS = 16;
const POOLED_IDS = 64;

/**
 * Prefixed ULIDs (`cmd_01J…`): time-sortable, so `ORDER BY id` follows creation order and
 * inserts land at the end of the primary-key index. Monotonic within one millisecond.
 */
@Injectable()
export class IdGenerator {
  private lastMs = -1;
  private lastRandom: number[] = [];
  /**
   * Random bytes for the next ids, fetched POOLED_IDS ids at a time: a call per id was a visible share of the
   * event loop when a fleet's first heartbeats are audited (docs/performance.md). Ids are not secrets.
   */
  private pool: Buffer = Buffer.alloc(0);
  private offset = 0;

  constructor(
    private readonly clock: Clock,
    private readonly random: RandomSource,
  ) {}

  next(prefix: IdPrefix): string {
    return `${prefix}_${this.ulid()}`;
  }

  private ulid(): string {
    const ms = this.clock.nowMs();
    let rand: number[];
    if (ms === this.lastMs) {
      rand = this.increment(this.lastRandom);
    } else {
      rand = this.randomDigits();
    }
    this.lastMs = ms;
    this.lastRandom = rand;
    let text = encodeTime(ms);
    for (const v of rand) text += CROCKFORD.charAt(v);
    return text;
  }

  /** The 16 random base-32 digits of a new millisecond's first id. */
  private randomDigits(): number[] {
    if (this.offset + RANDOM_DIGITS > this.pool.length) {
      this.pool = this.random.bytes(RANDOM_DIGITS * POOLED_IDS);
      this.offset = 0;
    }
    const digits: number[] = [];
    for (let i = 0; i < RANDOM_DIGITS; i += 1) digits.push((this.pool[this.offset + i] ?? 0) & 31);
    this.offset += RANDOM_DIGITS;
    return digits;
  }

  private increment(rand: number[]): number[] {
    const next = [...rand];
    for (let i = next.length - 1; i >= 0; i -= 1) {
      const v = next[i] ?? 0;
      if (v < 31) {
        next[i] = v + 1;
        return next;
      }
      next[i] = 0;
    }
    return next;
  }
}

function encodeTime(ms: number): string {
  let out = '';
  let t = ms;
  for (let i = 0; i < 10; i += 1) {
    out = CROCKFORD[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
}
