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

/**
 * Prefixed ULIDs (`cmd_01J…`): time-sortable, so `ORDER BY id` follows creation order and
 * inserts land at the end of the primary-key index. Monotonic within one millisecond.
 */
@Injectable()
export class IdGenerator {
  private lastMs = -1;
  private lastRandom: number[] = [];

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
      rand = [...this.random.bytes(10)].map((b) => b & 31).concat([...this.random.bytes(6)].map((b) => b & 31));
    }
    this.lastMs = ms;
    this.lastRandom = rand;
    return encodeTime(ms) + rand.map((v) => CROCKFORD[v]).join('');
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
