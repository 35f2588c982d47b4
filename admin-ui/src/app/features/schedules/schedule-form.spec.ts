import type { ScheduleResponse } from '@opstage/contracts';
import { ApiError } from '../../core/http/api-error';
import {
  fromSchedule,
  isoToLocal,
  issuesByPath,
  localToIso,
  timingText,
  toCreateRequest,
  toUpdateRequest,
  type ScheduleFormValue,
} from './schedule-form';

const FORM: ScheduleFormValue = {
  name: ' nightly ',
  serviceId: 'svc_1',
  actionName: 'backup',
  kind: 'cron',
  cron: ' 0 3 * * * ',
  runAtLocal: '',
  timeZone: 'Europe/Berlin',
  enabled: true,
  skipIfRunning: true,
  confirm: false,
};

const SCHEDULE: ScheduleResponse = {
  id: 'sch_1',
  name: 'nightly',
  serviceId: 'svc_1',
  serviceName: 'Billing',
  actionName: 'backup',
  kind: 'once',
  cron: null,
  runAt: '2030-01-01T09:00:00.000Z',
  timeZone: 'UTC',
  payload: { password: '********' },
  enabled: true,
  skipIfRunning: false,
  nextRuns: ['2030-01-01T09:00:00.000Z'],
  lastRunAt: null,
  lastCommandId: null,
  createdByUserId: 'usr_1',
  createdAt: '2029-12-01T00:00:00.000Z',
  updatedAt: '2029-12-01T00:00:00.000Z',
};

describe('schedule form', () => {
  it('builds a cron create request, trimmed, without runAt and without confirm unless ticked', () => {
    expect(toCreateRequest(FORM, { level: 1 })).toEqual({
      name: 'nightly',
      serviceId: 'svc_1',
      actionName: 'backup',
      kind: 'cron',
      cron: '0 3 * * *',
      timeZone: 'Europe/Berlin',
      payload: { level: 1 },
      enabled: true,
      skipIfRunning: true,
    });
    expect(toCreateRequest({ ...FORM, confirm: true }, {}).confirm).toBe(true);
  });

  it('builds a once update request with the local time as an ISO instant, never service or action', () => {
    const req = toUpdateRequest({ ...FORM, kind: 'once', runAtLocal: '2030-01-01T09:00' }, {});
    expect(req.runAt).toBe(new Date('2030-01-01T09:00').toISOString());
    expect(req).not.toHaveProperty('cron');
    expect(req).not.toHaveProperty('serviceId');
    expect(req).not.toHaveProperty('actionName');
  });

  it('leaves an unchanged timing out of an update, so a spent once time is not refused as past', () => {
    const original = fromSchedule(SCHEDULE);
    const req = toUpdateRequest({ ...original, name: 'renamed' }, {}, original);
    expect(req).toEqual({ name: 'renamed', payload: {}, enabled: true, skipIfRunning: false });
    const moved = toUpdateRequest({ ...original, timeZone: 'Asia/Tokyo' }, {}, original);
    expect(moved).toMatchObject({ kind: 'once', runAt: SCHEDULE.runAt, timeZone: 'Asia/Tokyo' });
  });

  it('round-trips local times and reads a schedule back into the form', () => {
    expect(localToIso(isoToLocal('2030-01-01T09:00:00.000Z'))).toBe('2030-01-01T09:00:00.000Z');
    expect(localToIso('')).toBe('');
    expect(isoToLocal(null)).toBe('');
    const form = fromSchedule(SCHEDULE);
    expect(form).toMatchObject({ kind: 'once', cron: '', timeZone: 'UTC', confirm: false });
    expect(localToIso(form.runAtLocal)).toBe(SCHEDULE.runAt);
  });

  it('shows the timing as one cell', () => {
    expect(timingText({ kind: 'cron', cron: '0 3 * * *', runAt: null, timeZone: 'UTC' })).toBe(
      '0 3 * * * (UTC)',
    );
    expect(timingText(SCHEDULE)).toBe('2030-01-01T09:00:00.000Z');
  });

  it('maps 422 issues to their paths, first message per path, and ignores other errors', () => {
    const error = new ApiError(422, 'VALIDATION_FAILED', 'Schedule validation failed.', {
      issues: [
        { path: 'cron', message: 'cron must have five fields' },
        { path: 'payload.level', message: 'payload.level must be of type integer' },
        { path: 'cron', message: 'second' },
      ],
    });
    expect(issuesByPath(error)).toEqual({
      cron: 'cron must have five fields',
      'payload.level': 'payload.level must be of type integer',
    });
    expect(issuesByPath(new ApiError(409, 'ACTION_DISABLED', 'x'))).toEqual({});
    expect(issuesByPath(null)).toEqual({});
  });
});
