import { CronTime } from 'cron';
import type { ErrorIssue } from '../common/errors/domain-error';

/** How many upcoming times a schedule shows (docs/schedules.md, "Next runs"). */
export const NEXT_RUNS_SHOWN = 5;
/** Missed times recorded one row each; beyond this one summary row per outage (docs/schedules.md, "Missed runs"). */
export const MISSED_ROWS_CAP = 100;

/** The timing part of a schedule, as stored. */
export interface Timing {
  kind: 'cron' | 'once';
  cron: string | null;
  runAt: string | null;
  timeZone: string;
}

/** True when `zone` is an IANA time-zone name this runtime knows (`UTC` included). */
export function isValidTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Five fields only (minute hour day-of-month month day-of-week): the library also takes a seconds field,
 * which would let one schedule fire sixty times a minute.
 */
export function cronIssues(cron: string): ErrorIssue[] {
  const fields = cron.trim().split(/\s+/);
  if (cron.trim() === '' || fields.length !== 5)
    return [{ path: 'cron', message: 'cron must have five fields: minute hour day-of-month month day-of-week' }];
  try {
    new CronTime(fields.join(' '));
  } catch (error) {
    return [{ path: 'cron', message: `cron is invalid: ${error instanceof Error ? error.message : String(error)}` }];
  }
  return [];
}

/** The first planned time strictly after `afterMs`, or null when there is none (a `once` already past it). */
export function nextAfter(timing: Timing, afterMs: number): number | null {
  return planner(timing)(afterMs);
}

/** A next-time function with the parsed expression kept, for loops over many planned times. */
function planner(timing: Timing): (afterMs: number) => number | null {
  if (timing.kind === 'once') {
    const at = timing.runAt === null ? NaN : Date.parse(timing.runAt);
    return (afterMs) => (Number.isFinite(at) && at > afterMs ? at : null);
  }
  if (timing.cron === null) return () => null;
  const time = new CronTime(timing.cron.trim().split(/\s+/).join(' '), timing.timeZone);
  return (afterMs) => {
    // A wall-clock time that does not exist on a spring-forward day runs at the first minute after the gap.
    let from = afterMs;
    for (let i = 0; i < 3; i += 1) {
      const next = time.getNextDateFrom(new Date(from), timing.timeZone).toMillis();
      if (next > afterMs) return next;
      from += 1000;
    }
    return null;
  };
}

/** Up to `count` planned times strictly after `afterMs`. */
export function upcoming(timing: Timing, afterMs: number, count = NEXT_RUNS_SHOWN): number[] {
  const next = planner(timing);
  const out: number[] = [];
  let cursor: number | null = afterMs;
  while (out.length < count && (cursor = next(cursor)) !== null) out.push(cursor);
  return out;
}

/** What a tick does with the planned times from `firstMs` (the stored next run) up to `nowMs`. */
export interface DuePlan {
  /** Passed by more than the grace: recorded as missed, never run (at most MISSED_ROWS_CAP of them). */
  missed: number[];
  /** More missed times followed the listed ones: the first of them (not listed, not counted). */
  moreMissedFrom: number | null;
  /** Late by less than the grace: run now, oldest first. */
  run: number[];
  /** The planned time to store as the next run; null when the schedule has none left. */
  next: number | null;
}

/**
 * Splits the planned times due by `nowMs` into missed and runnable (docs/schedules.md, "Missed runs"): a time later
 * than `graceMs` means the server was down or stopped, and replaying a backlog of maintenance actions at once is
 * what an operator would least expect; the schedule continues from now instead.
 */
export function planDue(timing: Timing, firstMs: number, nowMs: number, graceMs: number): DuePlan {
  const next = planner(timing);
  const plan: DuePlan = { missed: [], moreMissedFrom: null, run: [], next: null };
  let planned: number | null = firstMs;
  while (planned !== null && planned <= nowMs) {
    if (nowMs - planned > graceMs) {
      if (plan.missed.length < MISSED_ROWS_CAP) plan.missed.push(planned);
      else {
        // A minutely cron down for a year is half a million times, and each costs a date computation:
        // the rest is summarised by its first time and skipped in one jump to the grace window.
        plan.moreMissedFrom = planned;
        planned = next(nowMs - graceMs - 1);
        continue;
      }
    } else plan.run.push(planned);
    planned = next(planned);
  }
  plan.next = planned;
  return plan;
}
