import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context';
import { Clock } from '../common/time/clock';
import { AuditService, type AuditInput } from './audit.service';

/** One audit row per client address, route pattern and action in this interval. */
export const REJECTION_SAMPLE_INTERVAL_MS = 5 * 60 * 1000;
/** At most this many sampled rejection rows per minute, whatever the number of addresses. */
export const REJECTION_AUDIT_CAP_PER_MINUTE = 60;
const MAX_TRACKED = 10_000;

export type RejectionDropReason = 'sampled' | 'cap';

/**
 * Unauthenticated traffic must not grow the database without bound (docs/security.md). Failed
 * agent authentications and registration rejections are audited through here: sampled per
 * client address and *route pattern* (never the raw path, which the caller chooses), under a
 * global cap per minute. What is not written is counted, for the Prometheus counter
 * `opstage_audit_rejections_dropped_total`. Per process: each replica samples on its own.
 */
@Injectable()
export class RejectionAuditSampler {
  private readonly seen = new Map<string, { at: number; suppressed: number }>();
  private minute = -1;
  private writtenThisMinute = 0;
  private readonly drops: Record<RejectionDropReason, number> = { sampled: 0, cap: 0 };

  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Writes the audit row unless sampled out or over the cap; returns whether it was written.
   * `variant` (one of a few fixed reasons) samples each reason on its own, so an operator still
   * sees *why* a registration failed, e.g. `expired` after an earlier `unknown`.
   */
  async record(ctx: RequestContext, route: string, input: AuditInput, variant = ''): Promise<boolean> {
    const nowMs = this.clock.nowMs();
    const key = `${ctx.ip ?? '-'}\u0000${route}\u0000${input.action}\u0000${variant}`;
    const entry = this.seen.get(key);
    if (entry && nowMs - entry.at < REJECTION_SAMPLE_INTERVAL_MS) {
      entry.suppressed += 1;
      this.drops.sampled += 1;
      return false;
    }
    const minute = Math.floor(nowMs / 60_000);
    if (minute !== this.minute) {
      this.minute = minute;
      this.writtenThisMinute = 0;
    }
    if (this.writtenThisMinute >= REJECTION_AUDIT_CAP_PER_MINUTE) {
      this.drops.cap += 1;
      return false;
    }
    this.writtenThisMinute += 1;
    if (!entry && this.seen.size >= MAX_TRACKED) this.forgetOld(nowMs);
    this.seen.set(key, { at: nowMs, suppressed: 0 });
    await this.audit.recordNow(ctx, {
      ...input,
      metadata: { ...input.metadata, route, suppressedSinceLastAudit: entry?.suppressed ?? 0 },
    });
    return true;
  }

  /** Rejections not written since start, by reason. */
  dropped(): Readonly<Record<RejectionDropReason, number>> {
    return { ...this.drops };
  }

  private forgetOld(nowMs: number): void {
    for (const [key, value] of this.seen) if (nowMs - value.at >= REJECTION_SAMPLE_INTERVAL_MS) this.seen.delete(key);
    // Still full (a spray from many addresses): start over rather than grow; the cap still holds.
    if (this.seen.size >= MAX_TRACKED) this.seen.clear();
  }
}
