import { cronIssues, isValidTimeZone, MISSED_ROWS_CAP, nextAfter, planDue, upcoming, type Timing } from './cron-plan';

const cron = (expr: string, timeZone = 'UTC'): Timing => ({ kind: 'cron', cron: expr, runAt: null, timeZone });
const iso = (ms: number): string => new Date(ms).toISOString();
const at = (text: string): number => Date.parse(text);

describe('cron-plan', () => {
  it('accepts five-field expressions only', () => {
    expect(cronIssues('*/5 * * * *')).toEqual([]);
    expect(cronIssues('0 9 * * MON-FRI')).toEqual([]);
    expect(cronIssues('* * * * * *')[0]?.path).toBe('cron');
    expect(cronIssues('61 * * * *')[0]?.message).toMatch(/out of range/);
    expect(cronIssues('')).toHaveLength(1);
    expect(cronIssues('x y z w v')).toHaveLength(1);
  });

  it('knows IANA zones and refuses made-up ones', () => {
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('reads the expression in the schedule zone', () => {
    // 09:00 in New York is 14:00 UTC in winter, 13:00 UTC in summer.
    expect(iso(nextAfter(cron('0 9 * * *', 'America/New_York'), at('2026-11-02T00:00:00Z'))!)).toBe(
      '2026-11-02T14:00:00.000Z',
    );
    expect(iso(nextAfter(cron('0 9 * * *', 'America/New_York'), at('2026-07-01T00:00:00Z'))!)).toBe(
      '2026-07-01T13:00:00.000Z',
    );
  });

  it('is strictly after the given time, even on a match', () => {
    expect(iso(nextAfter(cron('*/5 * * * *'), at('2026-01-01T00:05:00Z'))!)).toBe('2026-01-01T00:10:00.000Z');
  });

  it('keeps local wall time across the spring-forward change, and runs a skipped time after the gap', () => {
    const times = upcoming(cron('30 2 * * *', 'Europe/Berlin'), at('2026-03-27T12:00:00Z'), 3).map(iso);
    expect(times).toEqual([
      '2026-03-28T01:30:00.000Z', // 02:30 CET
      '2026-03-29T01:00:00.000Z', // 02:30 does not exist that day: 03:00 CEST
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
    ]);
    const daily = upcoming(cron('0 12 * * *', 'Europe/Berlin'), at('2026-10-24T00:00:00Z'), 2).map(iso);
    expect(daily).toEqual(['2026-10-24T10:00:00.000Z', '2026-10-25T11:00:00.000Z']);
  });

  it('gives a once schedule one time, and none once it passed', () => {
    const once: Timing = { kind: 'once', cron: null, runAt: '2026-05-01T10:00:00.000Z', timeZone: 'UTC' };
    expect(upcoming(once, at('2026-04-01T00:00:00Z')).map(iso)).toEqual(['2026-05-01T10:00:00.000Z']);
    expect(upcoming(once, at('2026-05-01T10:00:00Z'))).toEqual([]);
  });

  describe('planDue', () => {
    it('runs a time within the grace and plans the next', () => {
      const plan = planDue(cron('*/5 * * * *'), at('2026-01-01T00:05:00Z'), at('2026-01-01T00:05:20Z'), 70_000);
      expect(plan.missed).toEqual([]);
      expect(plan.run.map(iso)).toEqual(['2026-01-01T00:05:00.000Z']);
      expect(iso(plan.next!)).toBe('2026-01-01T00:10:00.000Z');
    });

    it('reports times that passed while the server was down as missed, runs none of them, and continues from now', () => {
      const plan = planDue(cron('0 * * * *'), at('2026-01-01T01:00:00Z'), at('2026-01-01T04:30:00Z'), 70_000);
      expect(plan.missed.map(iso)).toEqual([
        '2026-01-01T01:00:00.000Z',
        '2026-01-01T02:00:00.000Z',
        '2026-01-01T03:00:00.000Z',
        '2026-01-01T04:00:00.000Z',
      ]);
      expect(plan.run).toEqual([]);
      expect(iso(plan.next!)).toBe('2026-01-01T05:00:00.000Z');
    });

    it('lists at most the cap of missed times, summarises the rest by its first, and continues from now', () => {
      const plan = planDue(cron('* * * * *'), at('2026-01-01T00:00:00Z'), at('2026-03-01T00:00:30Z'), 60_000);
      expect(plan.missed).toHaveLength(MISSED_ROWS_CAP);
      expect(iso(plan.missed[MISSED_ROWS_CAP - 1]!)).toBe('2026-01-01T01:39:00.000Z');
      expect(iso(plan.moreMissedFrom!)).toBe('2026-01-01T01:40:00.000Z');
      expect(plan.run.map(iso)).toEqual(['2026-03-01T00:00:00.000Z']);
      expect(iso(plan.next!)).toBe('2026-03-01T00:01:00.000Z');
    });

    it('has nothing more to summarise under the cap', () => {
      const plan = planDue(cron('*/30 * * * *'), at('2026-01-01T00:00:00Z'), at('2026-01-01T03:00:10Z'), 60_000);
      expect(plan.missed).toHaveLength(6);
      expect(plan.moreMissedFrom).toBeNull();
      expect(plan.run.map(iso)).toEqual(['2026-01-01T03:00:00.000Z']);
    });

    it('marks a missed once schedule spent', () => {
      const once: Timing = { kind: 'once', cron: null, runAt: '2026-01-01T00:00:00.000Z', timeZone: 'UTC' };
      const plan = planDue(once, at('2026-01-01T00:00:00Z'), at('2026-01-02T00:00:00Z'), 60_000);
      expect(plan.missed).toHaveLength(1);
      expect(plan.next).toBeNull();
    });
  });
});
