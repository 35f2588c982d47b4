import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { ScheduledSlotsRepository } from './scheduled-slots.repository';

/** Slot rows are kept this long (and at least ten intervals), then pruned by the next claimer. */
const SLOT_HISTORY_MS = 86_400_000;

/** What one replica did with one slot of a scheduled job. */
export type SlotOutcome = 'ran' | 'taken' | 'busy';

/**
 * Runs each scheduled job once per interval across every replica (docs/operations.md,
 * "Maintenance sweep"). Every replica ticks on the same wall-clock slot boundaries; the one whose
 * insert of (job, slot) lands runs it, the others log that they skipped. A slot whose winner dies
 * is lost, and the next one goes to whichever replica is still ticking. On PostgreSQL the winner
 * also holds the job's advisory lock while it runs, so a run slower than the interval never
 * overlaps the next slot's run on another replica.
 */
@Injectable()
export class ScheduledJobs {
  private readonly logger = new Logger('scheduler');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly slots: ScheduledSlotsRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** The slot a tick at `nowMs` belongs to: the nearest boundary, so a timer firing a little late still names its own. */
  static slotOf(nowMs: number, intervalMs: number): number {
    return Math.round(nowMs / intervalMs) * intervalMs;
  }

  /**
   * The wall-clock boundary a one-shot timer should be armed for next. A timer can fire a little before the
   * instant it was armed for (Node measures the delay from the event loop's cached time, which lags under load);
   * re-arming from such an early firing must not pick the boundary just served, or that slot is ticked twice.
   */
  static nextBoundary(nowMs: number, intervalMs: number, servedMs?: number): number {
    const next = (Math.floor(nowMs / intervalMs) + 1) * intervalMs;
    return servedMs === undefined ? next : Math.max(next, servedMs + intervalMs);
  }

  /** Claims the slot of `job` that starts at `slotMs` and, if this replica won it, runs `work`. */
  async runOnce(job: string, slotMs: number, intervalMs: number, work: () => Promise<unknown>): Promise<SlotOutcome> {
    const slotStart = new Date(slotMs).toISOString();
    const nowMs = this.clock.nowMs();
    const cutoff = new Date(slotMs - Math.max(SLOT_HISTORY_MS, 10 * intervalMs)).toISOString();
    const won = await this.tx.run(async (em) => {
      const claimed = await this.slots.claim(job, slotStart, this.config.replicaId, new Date(nowMs).toISOString(), em);
      if (claimed) await this.slots.pruneBefore(job, cutoff, em);
      return claimed;
    });
    if (!won) {
      const ranBy = await this.slots.claimedBy(job, slotStart);
      // A second tick in a slot this replica already won (a settings change re-arms the timer) is not a
      // stand-down for another replica: say so quietly.
      if (ranBy === this.config.replicaId) {
        this.logger.debug({ msg: 'scheduled job already ran here this interval', job, slotStart });
        return 'taken';
      }
      this.logger.log({
        msg: 'scheduled job skipped: another replica runs this interval',
        job,
        slotStart,
        replicaId: this.config.replicaId,
        ranBy,
      });
      return 'taken';
    }
    const outcome = await this.slots.withJobLock(job, work);
    if (outcome.ran) return 'ran';
    this.logger.log({
      msg: 'scheduled job skipped: its previous run is still going on another replica',
      job,
      slotStart,
      replicaId: this.config.replicaId,
    });
    return 'busy';
  }
}
