import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { CommandRepository } from '../commands/command.repository';
import { effectiveCommandStatus, isTerminal } from '../commands/command-state';
import { CommandCreationService } from '../commands/command-creation.service';
import { parseObject } from '../commands/sealed-values';
import { RequestContext } from '../common/context/request-context';
import { SecretSealer } from '../common/crypto/secret-sealer';
import { DomainError } from '../common/errors/domain-error';
import { IdGenerator } from '../common/ids/id-generator';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { BatchOutcome } from '../database/batches';
import { TransactionRunner } from '../database/transaction-runner';
import { planDue, type DuePlan } from './cron-plan';
import type { ScheduleEntity } from './schedule.entity';
import { timingOf } from './schedule.mapper';
import { SchedulesRepository } from './schedules.repository';
import type { AuditResult, ScheduleRunOutcome } from '../contracts';

/** Schedules handled per tick; the rest wait for the next tick (oldest due first). */
const DUE_BATCH = 50;
/** Beyond one tick, how late a planned time may be and still run (docs/schedules.md, "Missed runs"). */
export const MISSED_GRACE_MS = 60_000;

/**
 * Claims the planned time `slotMs` of `job` once across every replica and, if this replica won it, runs `work`.
 * The maintenance ticker passes ScheduledJobs.runOnce here, so this domain never imports maintenance/.
 */
export type SlotClaim = (job: string, slotMs: number, work: () => Promise<void>) => Promise<unknown>;

interface RunRecord {
  outcome: ScheduleRunOutcome;
  commandId?: string;
  error?: string;
}

/**
 * What happens at a schedule's planned times (docs/schedules.md, "How runs happen"): the maintenance ticker asks for
 * the due schedules and hands each to `handle`, which records planned times that passed while no server was ticking
 * as missed and starts each other planned time once across every replica, claiming it as `schedule:<id>` at that
 * time. A run is an ordinary command made by CommandCreationService.enqueue with `createdBy` the schedule.
 */
@Injectable()
export class ScheduleRunsService {
  private readonly logger = new Logger('schedules');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly schedules: SchedulesRepository,
    private readonly creation: CommandCreationService,
    private readonly commands: CommandRepository,
    private readonly sealer: SecretSealer,
    private readonly ids: IdGenerator,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** Enabled schedules whose next planned time has come, oldest first, at most DUE_BATCH (the rest wait a tick). */
  due(nowMs: number): Promise<ScheduleEntity[]> {
    return this.schedules.due(new Date(nowMs).toISOString(), DUE_BATCH);
  }

  /**
   * The planned times of `row` due by `nowMs`. A time later than one tick plus MISSED_GRACE_MS is missed; the
   * others start. Then the next planned time moves past now.
   */
  async handle(row: ScheduleEntity, nowMs: number, tickMs: number, claim: SlotClaim): Promise<void> {
    if (row.nextRunAt === null) return;
    const plan = planDue(timingOf(row), Date.parse(row.nextRunAt), nowMs, tickMs + MISSED_GRACE_MS);
    const job = `schedule:${row.id}`;
    // The first missed time names the outage: whichever replica claims it records the whole list once.
    const firstMissed = plan.missed[0];
    if (firstMissed !== undefined) await claim(job, firstMissed, () => this.recordMissed(row, plan));
    for (const plannedMs of plan.run) await claim(job, plannedMs, () => this.start(row.id, plannedMs));
    const next = plan.next === null ? null : new Date(plan.next).toISOString();
    await this.tx.run((em) => this.schedules.advance(row.id, row.nextRunAt as string, next, this.clock.nowIso(), em));
  }

  /** Sweep step, one batch in its own transaction: run rows recorded before the cutoff (docs/schedules.md, "Retention"). */
  pruneRunsBefore(cutoffIso: string, limit: number): Promise<BatchOutcome> {
    return this.tx.run((em) => this.schedules.pruneRunsBatch(cutoffIso, limit, em));
  }

  /** One planned time: skipped while the previous run is open (when asked), otherwise a command. */
  private async start(scheduleId: string, plannedMs: number): Promise<void> {
    const row = await this.schedules.findById(scheduleId);
    // Deleted or disabled since the due query: nothing to do, nothing to record.
    if (!row || !row.enabled) return;
    const ctx = RequestContext.system(this.clock);
    if (row.skipIfRunning && row.lastCommandId !== null) {
      const last = await this.commands.findById(row.lastCommandId);
      const status = last ? effectiveCommandStatus(last, ctx.nowIso) : null;
      if (status !== null && !isTerminal(status)) {
        return this.record(ctx, row, plannedMs, {
          outcome: 'skipped',
          error: `The previous run's command ${row.lastCommandId} is still ${status}.`,
        });
      }
    }
    let result: RunRecord;
    try {
      const command = await this.creation.enqueue(ctx, {
        serviceId: row.serviceId,
        actionName: row.actionName,
        payload: this.payloadOf(row),
        // Confirmation was given when the schedule was made, for every run it would make.
        confirmation: true,
        createdBy: { type: 'SCHEDULE', id: row.id },
        onBehalfOfUserId: row.createdByUserId,
      });
      result = { outcome: 'started', commandId: command.id };
    } catch (error) {
      if (!(error instanceof DomainError)) {
        this.logger.error({ msg: 'scheduled run failed unexpectedly', scheduleId: row.id, error: messageOf(error) });
      }
      result = {
        outcome: 'failed',
        error:
          error instanceof DomainError
            ? `${error.code}: ${error.message}`
            : 'INTERNAL_ERROR: the run failed unexpectedly.',
      };
    }
    await this.record(ctx, row, plannedMs, result);
  }

  private async record(ctx: RequestContext, row: ScheduleEntity, plannedMs: number, run: RunRecord): Promise<void> {
    const plannedAt = new Date(plannedMs).toISOString();
    await this.tx.run(async (em) => {
      await this.schedules.insertRun(
        {
          id: this.ids.next('srn'),
          scheduleId: row.id,
          plannedAt,
          outcome: run.outcome,
          commandId: run.commandId ?? null,
          error: run.error ?? null,
          replicaId: this.config.replicaId,
          createdAt: ctx.nowIso,
        },
        em,
      );
      await this.schedules.update(
        row.id,
        run.commandId === undefined ? { lastRunAt: plannedAt } : { lastRunAt: plannedAt, lastCommandId: run.commandId },
        em,
      );
      await this.audit.record(
        ctx,
        {
          action: `schedule.run.${run.outcome}`,
          actor: { type: 'SYSTEM', id: row.id },
          targetType: 'Schedule',
          targetId: row.id,
          result: resultOf(run.outcome),
          metadata: {
            plannedAt,
            serviceId: row.serviceId,
            actionName: row.actionName,
            commandId: run.commandId ?? null,
            error: run.error ?? null,
          },
        },
        em,
      );
    });
  }

  /** Missed times are reported, never replayed: one row each (up to the cap), one summary row, one audit row. */
  private async recordMissed(row: ScheduleEntity, plan: DuePlan): Promise<void> {
    const ctx = RequestContext.system(this.clock);
    const base = { scheduleId: row.id, outcome: 'missed' as const, commandId: null, replicaId: this.config.replicaId };
    await this.tx.run(async (em) => {
      for (const plannedMs of plan.missed) {
        const plannedAt = new Date(plannedMs).toISOString();
        await this.schedules.insertRun(
          { ...base, id: this.ids.next('srn'), plannedAt, error: null, createdAt: ctx.nowIso },
          em,
        );
      }
      const lastListed = new Date(plan.missed[plan.missed.length - 1] ?? 0).toISOString();
      if (plan.moreMissedFrom !== null) {
        const from = new Date(plan.moreMissedFrom).toISOString();
        await this.schedules.insertRun(
          {
            ...base,
            id: this.ids.next('srn'),
            plannedAt: from,
            error: `More planned times from ${from} until the server came back were missed; they are not listed.`,
            createdAt: ctx.nowIso,
          },
          em,
        );
      }
      await this.audit.record(
        ctx,
        {
          action: 'schedule.run.missed',
          actor: { type: 'SYSTEM', id: row.id },
          targetType: 'Schedule',
          targetId: row.id,
          result: 'FAILURE',
          metadata: {
            serviceId: row.serviceId,
            actionName: row.actionName,
            listed: plan.missed.length,
            firstPlannedAt: new Date(plan.missed[0] ?? 0).toISOString(),
            lastListedPlannedAt: lastListed,
            moreMissedFrom: plan.moreMissedFrom === null ? null : new Date(plan.moreMissedFrom).toISOString(),
          },
        },
        em,
      );
    });
    this.logger.warn({
      msg: 'scheduled runs missed while no server was ticking',
      scheduleId: row.id,
      listed: plan.missed.length,
    });
  }

  private payloadOf(row: ScheduleEntity): Record<string, unknown> {
    if (row.sealedPayload === null) return parseObject(row.payloadJson);
    const opened = this.sealer.open(row.sealedPayload);
    if (opened === null || typeof opened !== 'object' || Array.isArray(opened))
      throw new DomainError('COMMAND_PAYLOAD_SEALED', 'The sealed payload of the schedule can no longer be opened.');
    return opened as Record<string, unknown>;
  }
}

function resultOf(outcome: ScheduleRunOutcome): AuditResult {
  return outcome === 'failed' || outcome === 'missed' ? 'FAILURE' : 'SUCCESS';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
