import { REDACTED } from '../common/redaction/redact';
import { parseObject } from '../commands/sealed-values';
import { NEXT_RUNS_SHOWN, upcoming, type Timing } from './cron-plan';
import type { ScheduleRunEntity } from './schedule-run.entity';
import type { ScheduleEntity } from './schedule.entity';
import type { CommandStatus, ScheduleResponse, ScheduleRunResponse } from '../contracts';

/** How a secret payload field reads on the wire (src/contracts/schedules.ts); an edit sending it back keeps the value. */
export const MASK = '********';

export function timingOf(row: Pick<ScheduleEntity, 'kind' | 'cron' | 'runAt' | 'timeZone'>): Timing {
  return { kind: row.kind, cron: row.cron, runAt: row.runAt, timeZone: row.timeZone };
}

/** The stored readable payload with its hidden fields shown as the mask. */
export function maskedPayload(payloadJson: string): Record<string, unknown> {
  return mask(parseObject(payloadJson)) as Record<string, unknown>;
}

function mask(value: unknown): unknown {
  if (value === REDACTED) return MASK;
  if (Array.isArray(value)) return value.map(mask);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, mask(v)]));
  return value;
}

/** The stored next run first, then the ones after it. */
export function nextRunsOf(row: ScheduleEntity): string[] {
  if (!row.enabled || row.nextRunAt === null) return [];
  const first = Date.parse(row.nextRunAt);
  return [first, ...upcoming(timingOf(row), first, NEXT_RUNS_SHOWN - 1)].map((ms) => new Date(ms).toISOString());
}

export function toScheduleResponse(row: ScheduleEntity, serviceName: string | null): ScheduleResponse {
  return {
    id: row.id,
    name: row.name,
    serviceId: row.serviceId,
    serviceName,
    actionName: row.actionName,
    kind: row.kind,
    cron: row.cron,
    runAt: row.runAt,
    timeZone: row.timeZone,
    payload: maskedPayload(row.payloadJson),
    enabled: row.enabled,
    skipIfRunning: row.skipIfRunning,
    nextRuns: nextRunsOf(row),
    lastRunAt: row.lastRunAt,
    lastCommandId: row.lastCommandId,
    createdByUserId: row.createdByUserId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toScheduleRunResponse(
  row: ScheduleRunEntity,
  commandStatus: CommandStatus | null,
): ScheduleRunResponse {
  return {
    id: row.id,
    scheduleId: row.scheduleId,
    plannedAt: row.plannedAt,
    outcome: row.outcome,
    commandId: row.commandId,
    commandStatus,
    error: row.error,
    replicaId: row.replicaId,
    createdAt: row.createdAt,
  };
}
