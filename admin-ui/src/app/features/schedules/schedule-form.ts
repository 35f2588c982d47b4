import type {
  CreateScheduleRequest,
  ScheduleKind,
  ScheduleResponse,
  UpdateScheduleRequest,
} from '@opstage/contracts';
import { ApiError } from '../../core/http/api-error';
import type { JsonObject } from '../../api/view-types';

/** What the schedule dialog's fields hold (the payload comes from the schema form). */
export interface ScheduleFormValue {
  name: string;
  serviceId: string;
  actionName: string;
  kind: ScheduleKind;
  cron: string;
  /** `datetime-local` text in the browser's zone, e.g. `2030-01-01T09:00`. */
  runAtLocal: string;
  timeZone: string;
  enabled: boolean;
  skipIfRunning: boolean;
  confirm: boolean;
}

/** Cron suggestions shown under the field. */
export const CRON_EXAMPLES: readonly string[] = [
  '*/15 * * * *',
  '0 * * * *',
  '0 3 * * *',
  '0 9 * * 1-5',
];

/** The browser's own zone, the default a person expects for "09:00". */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** A `datetime-local` value as an ISO instant (the browser reads it in its own zone); '' stays ''. */
export function localToIso(local: string): string {
  if (!local) return '';
  const ms = new Date(local).getTime();
  return Number.isFinite(ms) ? new Date(ms).toISOString() : local;
}

/** An ISO instant as a `datetime-local` value in the browser's zone. */
export function isoToLocal(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (!Number.isFinite(d.getTime())) return '';
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function timing(
  form: ScheduleFormValue,
): Pick<CreateScheduleRequest, 'cron' | 'runAt' | 'timeZone'> {
  return form.kind === 'cron'
    ? { cron: form.cron.trim(), timeZone: form.timeZone.trim() || 'UTC' }
    : { runAt: localToIso(form.runAtLocal), timeZone: form.timeZone.trim() || 'UTC' };
}

/** `POST /api/admin/schedules` from the dialog. */
export function toCreateRequest(
  form: ScheduleFormValue,
  payload: JsonObject,
): CreateScheduleRequest {
  return {
    name: form.name.trim(),
    serviceId: form.serviceId,
    actionName: form.actionName,
    kind: form.kind,
    ...timing(form),
    payload,
    enabled: form.enabled,
    skipIfRunning: form.skipIfRunning,
    ...(form.confirm ? { confirm: true } : {}),
  };
}

/**
 * `PATCH /api/admin/schedules/:id` (service and action are fixed). The timing goes only when it changed: an unchanged
 * one would be planned again from now, and a spent `once` time would be refused as past.
 */
export function toUpdateRequest(
  form: ScheduleFormValue,
  payload: JsonObject,
  original?: ScheduleFormValue,
): UpdateScheduleRequest {
  const timingChanged =
    !original ||
    form.kind !== original.kind ||
    form.timeZone.trim() !== original.timeZone ||
    (form.kind === 'cron'
      ? form.cron.trim() !== original.cron
      : form.runAtLocal !== original.runAtLocal);
  return {
    name: form.name.trim(),
    ...(timingChanged ? { kind: form.kind, ...timing(form) } : {}),
    payload,
    enabled: form.enabled,
    skipIfRunning: form.skipIfRunning,
    ...(form.confirm ? { confirm: true } : {}),
  };
}

/** The dialog's fields for an existing schedule. */
export function fromSchedule(s: ScheduleResponse): ScheduleFormValue {
  return {
    name: s.name,
    serviceId: s.serviceId,
    actionName: s.actionName,
    kind: s.kind,
    cron: s.cron ?? '',
    runAtLocal: isoToLocal(s.runAt),
    timeZone: s.timeZone,
    enabled: s.enabled,
    skipIfRunning: s.skipIfRunning,
    confirm: false,
  };
}

/** The timing as one cell: the cron expression with its zone, or the one time. */
export function timingText(
  s: Pick<ScheduleResponse, 'kind' | 'cron' | 'runAt' | 'timeZone'>,
): string {
  return s.kind === 'cron' ? `${s.cron ?? ''} (${s.timeZone})` : (s.runAt ?? '');
}

/** 422 issues by field path (`cron`, `runAt`, `timeZone`, `payload.<field>`), for messages next to the fields. */
export function issuesByPath(error: ApiError | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!error || error.code !== 'VALIDATION_FAILED') return out;
  const details = error.details as { issues?: { path?: unknown; message?: unknown }[] } | undefined;
  for (const issue of details?.issues ?? []) {
    if (typeof issue.path === 'string' && typeof issue.message === 'string' && !(issue.path in out))
      out[issue.path] = issue.message;
  }
  return out;
}
