import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { Clock } from '../common/time/clock';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_USER_AND_IP = 5;
export const MAX_FAILURES_PER_IP = 20;
/** Bounds memory under a spray of distinct usernames; expired windows are dropped first. */
const MAX_KEYS = 50_000;

/**
 * Decision 5: a sliding 15-minute window of failed logins per (username, address) and per
 * address. In-process on purpose: a restart forgets the counts, which the decision accepts, and
 * no request needs a database write just to be refused. Usernames are compared case-folded so
 * `Admin` and `admin` share one budget.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly clock: Clock) {}

  /** Throws 429 `RATE_LIMITED` with `Retry-After` when either budget is spent. */
  assertAllowed(username: string, ip: string | null): void {
    const now = this.clock.nowMs();
    const retryMs = Math.max(
      this.retryAfterMs(userKey(username, ip), MAX_FAILURES_PER_USER_AND_IP, now),
      this.retryAfterMs(ipKey(ip), MAX_FAILURES_PER_IP, now),
    );
    if (retryMs > 0) {
      const seconds = Math.max(1, Math.ceil(retryMs / 1000));
      throw new DomainError('RATE_LIMITED', 'Too many failed login attempts. Try again later.', { retryAfterSeconds: seconds }, 429, {
        'Retry-After': String(seconds),
      });
    }
  }

  recordFailure(username: string, ip: string | null): void {
    const now = this.clock.nowMs();
    if (this.failures.size >= MAX_KEYS) this.sweep(now);
    for (const key of [userKey(username, ip), ipKey(ip)]) {
      const hits = this.live(key, now);
      hits.push(now);
      this.failures.set(key, hits);
    }
  }

  /** A successful login clears that username's count from that address (not the address budget). */
  recordSuccess(username: string, ip: string | null): void {
    this.failures.delete(userKey(username, ip));
  }

  private retryAfterMs(key: string, limit: number, now: number): number {
    const hits = this.live(key, now);
    if (hits.length < limit) return 0;
    // The window reopens when the oldest failure that keeps the count at the limit ages out.
    const blocking = hits[hits.length - limit] ?? now;
    return blocking + LOGIN_WINDOW_MS - now;
  }

  private live(key: string, now: number): number[] {
    const hits = (this.failures.get(key) ?? []).filter((t) => t > now - LOGIN_WINDOW_MS);
    if (hits.length === 0) this.failures.delete(key);
    else this.failures.set(key, hits);
    return hits;
  }

  private sweep(now: number): void {
    for (const key of [...this.failures.keys()]) this.live(key, now);
    // Still full: forget the oldest keys rather than grow without bound.
    for (const key of this.failures.keys()) {
      if (this.failures.size < MAX_KEYS) break;
      this.failures.delete(key);
    }
  }
}

function userKey(username: string, ip: string | null): string {
  return `u:${ip ?? '-'}:${username.toLowerCase()}`;
}

function ipKey(ip: string | null): string {
  return `ip:${ip ?? '-'}`;
}
