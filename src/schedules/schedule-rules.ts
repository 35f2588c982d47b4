import type { ErrorIssue } from '../common/errors/domain-error';
import { REDACTED } from '../common/redaction/redact';
import { cronIssues, isValidTimeZone, type Timing } from './cron-plan';
import { MASK } from './schedule.mapper';
import type { ScheduleKind } from '../contracts';

/** ISO-8601 with a date, a time and an explicit zone (`Z` or an offset): a bare local time would be ambiguous. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export interface TimingInput {
  kind: ScheduleKind;
  cron: string | undefined;
  runAt: string | undefined;
  timeZone: string;
}

/**
 * Judges the timing of a schedule (docs/schedules.md, "Creating a schedule"): 422 paths `cron`, `runAt` (missing,
 * not ISO-8601 with a zone, or not in the future) and `timeZone`. Returns the stored form when there is no issue.
 */
export function checkTiming(input: TimingInput, nowMs: number): { issues: ErrorIssue[]; timing: Timing | null } {
  const issues: ErrorIssue[] = [];
  if (!isValidTimeZone(input.timeZone))
    issues.push({ path: 'timeZone', message: `timeZone must be an IANA time zone such as UTC or Europe/Berlin` });
  let runAt: string | null = null;
  let cron: string | null = null;
  if (input.kind === 'cron') {
    if (input.runAt !== undefined) issues.push({ path: 'runAt', message: 'runAt is only for kind once' });
    if (input.cron === undefined) issues.push({ path: 'cron', message: 'cron is required for kind cron' });
    else {
      issues.push(...cronIssues(input.cron));
      cron = input.cron.trim().split(/\s+/).join(' ');
    }
  } else {
    if (input.cron !== undefined) issues.push({ path: 'cron', message: 'cron is only for kind cron' });
    const at = input.runAt === undefined ? NaN : Date.parse(input.runAt);
    if (input.runAt === undefined) issues.push({ path: 'runAt', message: 'runAt is required for kind once' });
    else if (!ISO_WITH_ZONE.test(input.runAt) || !Number.isFinite(at))
      issues.push({ path: 'runAt', message: 'runAt must be an ISO-8601 time with a zone, e.g. 2030-01-01T09:00:00Z' });
    else if (at <= nowMs) issues.push({ path: 'runAt', message: 'runAt must be in the future' });
    else runAt = new Date(at).toISOString();
  }
  if (issues.length > 0) return { issues, timing: null };
  return { issues, timing: { kind: input.kind, cron, runAt, timeZone: input.timeZone } };
}

/**
 * An edit sends back the payload it was shown: a top-level field that still reads as the mask keeps the stored
 * value, so the operator need not retype a password to change the time of a schedule.
 */
export function unmaskPayload(
  incoming: Record<string, unknown>,
  stored: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(incoming)) {
    out[key] = (value === MASK || value === REDACTED) && key in stored ? stored[key] : value;
  }
  return out;
}
