/** Scheduled actions: `/api/admin/schedules` (docs/schedules.md). */
import type { CommandStatus } from './commands';

/** `cron`: a five-field cron expression in `timeZone`; `once`: a single run at `runAt`. */
export type ScheduleKind = 'cron' | 'once';

export interface ScheduleResponse {
  id: string;
  name: string;
  serviceId: string;
  serviceName: string | null;
  actionName: string;
  kind: ScheduleKind;
  /** Set when `kind` is `cron`. */
  cron: string | null;
  /** Set when `kind` is `once`. */
  runAt: string | null;
  /** IANA zone the cron expression is read in; `UTC` by default. */
  timeZone: string;
  /** Secret fields masked as `"********"`. */
  payload: Record<string, unknown>;
  enabled: boolean;
  /** Do not start a run while the previous run's command is not terminal. */
  skipIfRunning: boolean;
  /** The next few planned run times (empty when disabled or a spent `once`). */
  nextRuns: string[];
  lastRunAt: string | null;
  lastCommandId: string | null;
  createdByUserId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreateScheduleRequest {
  name: string;
  serviceId: string;
  actionName: string;
  kind: ScheduleKind;
  cron?: string;
  runAt?: string;
  timeZone?: string;
  payload?: Record<string, unknown>;
  enabled?: boolean;
  skipIfRunning?: boolean;
  /** Required, as for an execute, when the action's danger level asks for confirmation. */
  confirm?: boolean;
}
export type UpdateScheduleRequest = Partial<Omit<CreateScheduleRequest, 'serviceId' | 'actionName'>>;

/**
 * One planned run and what became of it: `started` made a command; `skipped` did not, because the
 * previous run was still open; `missed`: the server was down at that time (reported, not replayed);
 * `failed`: the command could not be created (the action is gone, the agent is revoked...).
 */
export type ScheduleRunOutcome = 'started' | 'skipped' | 'missed' | 'failed';

export interface ScheduleRunResponse {
  id: string;
  scheduleId: string;
  plannedAt: string;
  outcome: ScheduleRunOutcome;
  commandId: string | null;
  /** The command's current status when `commandId` is set. */
  commandStatus: CommandStatus | null;
  error: string | null;
  replicaId: string;
  createdAt: string;
}
