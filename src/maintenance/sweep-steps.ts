import { Injectable } from '@nestjs/common';
import { AgentsService } from '../agents/agents.service';
import { ApiTokensService } from '../api-tokens/api-tokens.service';
import { ApprovalsService } from '../approvals/approvals.service';
import { AuditService } from '../audit/audit.service';
import { LoginThrottle } from '../auth/login-throttle';
import { SessionsService } from '../auth/sessions.service';
import { BusIngestService } from '../bus/bus-ingest.service';
import { CapsuleServicesService } from '../capsule-services/capsule-services.service';
import { CommandsService } from '../commands/commands.service';
import type { RequestContext } from '../common/context/request-context';
import type { BatchOutcome } from '../database/batches';
import { RegistrationTokensService } from '../registration-tokens/registration-tokens.service';
import { ScheduleRunsService } from '../schedules/schedule-runs.service';
import type { CommandStatus } from '../contracts';

/**
 * Rows touched per batch. better-sqlite3 runs each statement synchronously, so a batch blocks the
 * event loop (and, through TransactionRunner, every other transaction) for its whole duration.
 * Measured at 1M audit rows: 5,000-row deletes took 0.2-0.4 s each and stalled heartbeats for up
 * to 487 ms; 500-row batches take a few tens of milliseconds, and a 500k-row backlog still clears
 * in about a thousand batches.
 */
export const SWEEP_BATCH_SIZE = 250;

/**
 * Real pause between batches. setImmediate alone let the next batch start before requests that
 * were waiting on the TransactionRunner queue or on their next I/O callback got their turn; a few
 * milliseconds of timer lets heartbeats and polls interleave with a long sweep.
 */
export const SWEEP_PAUSE_MS = 5;

/** Lets queued requests run between batches, so a long sweep never monopolises the event loop or the writer. */
export const pauseBetweenBatches = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, SWEEP_PAUSE_MS));

/** Runs one-batch steps (each its own short transaction) until a batch comes back short; the total changed. */
async function drain(batch: () => Promise<BatchOutcome>): Promise<number> {
  let total = 0;
  for (;;) {
    const outcome = await batch();
    total += outcome.affected;
    if (outcome.selected < SWEEP_BATCH_SIZE) return total;
    await pauseBetweenBatches();
  }
}

/**
 * The steps of the maintenance sweep. Each is a method of the module that owns the table (it holds
 * the statement, the status sets and the messages); this class only batches and paces them and
 * adds up the counts (docs/design/architecture.md, "Module map"; docs/operations.md, "Maintenance sweep").
 */
@Injectable()
export class SweepSteps {
  constructor(
    private readonly registrationTokens: RegistrationTokensService,
    private readonly agents: AgentsService,
    private readonly services: CapsuleServicesService,
    private readonly commands: CommandsService,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
    private readonly loginThrottle: LoginThrottle,
    private readonly bus: BusIngestService,
    private readonly apiTokens: ApiTokensService,
    private readonly approvals: ApprovalsService,
    private readonly scheduleRuns: ScheduleRunsService,
  ) {}

  expireRegistrationTokens(now: string): Promise<number> {
    return drain(() => this.registrationTokens.expireDue(now, SWEEP_BATCH_SIZE));
  }

  /** Open commands past their deadline become EXPIRED (with COMMAND_EXPIRED) and their waiters wake. */
  expireCommands(now: string, prepareCutoff: string): Promise<number> {
    return drain(async () => {
      const batch = await this.commands.expireDue(now, prepareCutoff, SWEEP_BATCH_SIZE);
      return { selected: batch.selected, affected: batch.expired };
    });
  }

  /** Approval requests nobody decided on in time become EXPIRED (APPROVAL_EXPIRED), each audited. */
  expireApprovals(ctx: RequestContext): Promise<number> {
    return drain(() => this.approvals.expireDue(ctx, SWEEP_BATCH_SIZE));
  }

  /** Agents silent past the threshold go OFFLINE (audited, `agent.offline` emitted per agent). */
  markAgentsOffline(ctx: RequestContext, thresholdSeconds: number): Promise<number> {
    return drain(() => this.agents.markStaleOffline(ctx, thresholdSeconds, SWEEP_BATCH_SIZE));
  }

  markServicesOfOfflineAgents(now: string): Promise<number> {
    return drain(() => this.services.followOfflineAgents(now, SWEEP_BATCH_SIZE));
  }

  pruneAudit(cutoff: string): Promise<number> {
    return drain(() => this.audit.pruneOlderThan(cutoff, SWEEP_BATCH_SIZE));
  }

  /** Terminal commands finished before the cutoff, counted per status (outcome counters stay monotonic). */
  async pruneCommands(cutoff: string): Promise<Partial<Record<CommandStatus, number>>> {
    const byStatus: Partial<Record<CommandStatus, number>> = {};
    await drain(async () => {
      const batch = await this.commands.pruneFinishedBefore(cutoff, SWEEP_BATCH_SIZE);
      for (const [status, n] of Object.entries(batch.byStatus) as [CommandStatus, number][])
        byStatus[status] = (byStatus[status] ?? 0) + n;
      return { selected: batch.selected, affected: batch.selected };
    });
    return byStatus;
  }

  /** Only services over the limit are visited. */
  async pruneHealthReports(keep: number): Promise<number> {
    let total = 0;
    for (const serviceId of await this.services.servicesOverHealthLimit(keep)) {
      total += await drain(() => this.services.pruneHealthReports(serviceId, keep, SWEEP_BATCH_SIZE));
    }
    return total;
  }

  pruneSessions(now: string): Promise<number> {
    return drain(() => this.sessions.purgeExpired(now, SWEEP_BATCH_SIZE));
  }

  pruneLoginThrottle(nowMs: number): Promise<number> {
    return this.loginThrottle.pruneEnded(nowMs);
  }

  pruneRevokedAgentTokens(cutoff: string): Promise<number> {
    return drain(() => this.agents.pruneRevokedTokens(cutoff, SWEEP_BATCH_SIZE));
  }

  /** API tokens revoked or expired before the cutoff (docs/api-tokens-and-cli.md, "Lifetime"). */
  pruneApiTokens(cutoff: string): Promise<number> {
    return drain(() => this.apiTokens.purgeStale(cutoff, SWEEP_BATCH_SIZE));
  }

  /** Schedule run rows recorded before the cutoff (docs/schedules.md, "Retention"). */
  pruneScheduleRuns(cutoff: string): Promise<number> {
    return drain(() => this.scheduleRuns.pruneRunsBefore(cutoff, SWEEP_BATCH_SIZE));
  }

  pruneBusEvents(cutoff: string): Promise<number> {
    return drain(() => this.bus.pruneAcceptedBefore(cutoff, SWEEP_BATCH_SIZE));
  }

  /** Safety net: expired one-time result data, and sealed payloads of terminal commands. */
  async wipeSealedSecrets(now: string): Promise<number> {
    const results = await drain(() => this.commands.wipeExpiredResultData(now, SWEEP_BATCH_SIZE));
    const payloads = await drain(() => this.commands.wipeTerminalPayloads(SWEEP_BATCH_SIZE));
    return results + payloads;
  }
}
