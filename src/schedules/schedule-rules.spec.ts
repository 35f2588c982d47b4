import { checkTiming, unmaskPayload } from './schedule-rules';
import { MASK, maskedPayload, nextRunsOf } from './schedule.mapper';
import type { ScheduleEntity } from './schedule.entity';

const NOW = Date.parse('2026-06-01T12:00:00Z');

describe('schedule rules', () => {
  it('normalises a valid cron timing and keeps its zone', () => {
    const { issues, timing } = checkTiming(
      { kind: 'cron', cron: ' 0  3 * * * ', runAt: undefined, timeZone: 'Europe/Berlin' },
      NOW,
    );
    expect(issues).toEqual([]);
    expect(timing).toEqual({ kind: 'cron', cron: '0 3 * * *', runAt: null, timeZone: 'Europe/Berlin' });
  });

  it('reports every timing issue with its path at once', () => {
    const cron = checkTiming({ kind: 'cron', cron: undefined, runAt: 'x', timeZone: 'Nowhere/Land' }, NOW);
    expect(cron.issues.map((i) => i.path).sort()).toEqual(['cron', 'runAt', 'timeZone']);
    expect(cron.timing).toBeNull();
    const once = checkTiming({ kind: 'once', cron: '* * * * *', runAt: undefined, timeZone: 'UTC' }, NOW);
    expect(once.issues.map((i) => i.path).sort()).toEqual(['cron', 'runAt']);
  });

  it('takes a once time only with a zone and in the future, stored in UTC', () => {
    const at = (runAt: string) => checkTiming({ kind: 'once', cron: undefined, runAt, timeZone: 'UTC' }, NOW);
    expect(at('2026-06-01T15:00:00+02:00').timing?.runAt).toBe('2026-06-01T13:00:00.000Z');
    expect(at('2026-06-01T13:00:00').issues[0]?.message).toMatch(/with a zone/);
    expect(at('2026-06-01T11:59:59Z').issues[0]?.message).toMatch(/future/);
    expect(at('2026-02-31T10:00:00Z').issues[0]?.path).toBe('runAt');
  });

  it('keeps stored secrets for fields an edit sends back masked, and takes new values as given', () => {
    const stored = { password: 's3cret', user: 'app' };
    expect(unmaskPayload({ password: MASK, user: 'ops' }, stored)).toEqual({ password: 's3cret', user: 'ops' });
    expect(unmaskPayload({ password: 'new' }, stored)).toEqual({ password: 'new' });
    expect(unmaskPayload({ token: MASK }, stored)).toEqual({ token: MASK });
  });

  it('shows hidden payload fields as the mask', () => {
    expect(maskedPayload(JSON.stringify({ password: '[REDACTED]', nested: { apiKey: '[REDACTED]' }, n: 1 }))).toEqual({
      password: MASK,
      nested: { apiKey: MASK },
      n: 1,
    });
  });

  it('lists the stored next run and the ones after it; none when disabled', () => {
    const row = {
      kind: 'cron',
      cron: '0 * * * *',
      runAt: null,
      timeZone: 'UTC',
      enabled: true,
      nextRunAt: '2026-06-01T13:00:00.000Z',
    } as ScheduleEntity;
    expect(nextRunsOf(row)).toEqual([
      '2026-06-01T13:00:00.000Z',
      '2026-06-01T14:00:00.000Z',
      '2026-06-01T15:00:00.000Z',
      '2026-06-01T16:00:00.000Z',
      '2026-06-01T17:00:00.000Z',
    ]);
    expect(nextRunsOf({ ...row, enabled: false })).toEqual([]);
    expect(nextRunsOf({ ...row, nextRunAt: null })).toEqual([]);
  });
});
