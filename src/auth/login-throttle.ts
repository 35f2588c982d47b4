import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DomainError } from '../common/errors/domain-error';
import { Clock } from '../common/time/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { usernameKey } from '../users/username-key';
import { LoginThrottleRepository } from './login-throttle.repository';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_USER_AND_IP = 5;
export const MAX_FAILURES_PER_IP = 20;

/** The budgets one attempt took; handed back to `succeeded` after a correct password. */
export interface LoginReservation {
  userKey: string;
  ipKey: string;
}

/**
 * Login throttling (docs/security.md): at most 5 password checks per username and client
 * address, and 20 per address, in a 15-minute window. An attempt takes its slot from both
 * budgets *before* the slow hash, in one serialised transaction, so a burst of parallel requests
 * can never run more than the limit through the hasher. The counts live in the database
 * (`login_throttle`), shared by every replica and kept across restarts.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly repository: LoginThrottleRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** Takes one attempt from both budgets, or throws 429 `RATE_LIMITED` with `Retry-After` and takes nothing. */
  async reserve(username: string, ip: string | null): Promise<LoginReservation> {
    const reservation = { userKey: budgetKey('u', ip, usernameKey(username)), ipKey: budgetKey('ip', ip, '') };
    const nowMs = this.clock.nowMs();
    const now = new Date(nowMs).toISOString();
    const cutoff = new Date(nowMs - LOGIN_WINDOW_MS).toISOString();
    await this.tx.run(async (em) => {
      for (const [key, limit] of [
        [reservation.userKey, MAX_FAILURES_PER_USER_AND_IP],
        [reservation.ipKey, MAX_FAILURES_PER_IP],
      ] as const) {
        if (await this.repository.take(key, limit, now, cutoff, em)) continue;
        // Throwing rolls back a slot already taken from the other budget.
        const start = await this.repository.windowStart(key, em);
        throw rateLimited(start === null ? LOGIN_WINDOW_MS : Date.parse(start) + LOGIN_WINDOW_MS - nowMs);
      }
    });
    return reservation;
  }

  /**
   * Bad API tokens share the address budget with failed logins (docs/security.md, "API tokens"): while it is spent
   * every bearer token from that address is refused with 429, so a guess that happens to be right is never told
   * apart. A read only: a busy script with a good token writes nothing here.
   */
  async assertAddressOpen(ip: string | null): Promise<void> {
    const nowMs = this.clock.nowMs();
    const row = await this.repository.read(budgetKey('ip', ip, ''), this.tx.manager);
    if (!row || row.count < MAX_FAILURES_PER_IP) return;
    const endsMs = Date.parse(row.windowStart) + LOGIN_WINDOW_MS;
    if (endsMs > nowMs) throw rateLimited(endsMs - nowMs);
  }

  /** One bad bearer token from this address: one slot of its budget (nothing more once it is spent). */
  async addressFailed(ip: string | null): Promise<void> {
    const nowMs = this.clock.nowMs();
    const now = new Date(nowMs).toISOString();
    const cutoff = new Date(nowMs - LOGIN_WINDOW_MS).toISOString();
    await this.tx.run((em) => this.repository.take(budgetKey('ip', ip, ''), MAX_FAILURES_PER_IP, now, cutoff, em));
  }

  /** Sweep step: ended windows are deleted (one statement; the table holds one row per live budget). */
  pruneEnded(nowMs: number): Promise<number> {
    const cutoff = new Date(nowMs - LOGIN_WINDOW_MS).toISOString();
    return this.tx.run((em) => this.repository.pruneEnded(cutoff, em));
  }

  /** A correct password: that username's count is cleared and the address budget gets its slot back. */
  async succeeded(reservation: LoginReservation): Promise<void> {
    await this.tx.run(async (em) => {
      await this.repository.clear(reservation.userKey, em);
      await this.repository.refund(reservation.ipKey, em);
    });
  }
}

function budgetKey(kind: string, ip: string | null, name: string): string {
  return createHash('sha256')
    .update(`${kind}\u0000${ip ?? '-'}\u0000${name}`)
    .digest('hex');
}

function rateLimited(retryMs: number): DomainError {
  const seconds = Math.max(1, Math.ceil(retryMs / 1000));
  return new DomainError(
    'RATE_LIMITED',
    'Too many failed login attempts. Try again later.',
    { retryAfterSeconds: seconds },
    429,
    { 'Retry-After': String(seconds) },
  );
}
