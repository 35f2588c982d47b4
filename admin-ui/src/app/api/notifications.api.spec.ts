import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import type {
  NotificationAlertResponse,
  NotificationChannelResponse,
  NotificationDeliveryResponse,
  NotificationRuleResponse,
} from '@opstage/contracts';
import { SessionStore } from '../core/auth/session.store';
import { ApiError } from '../core/http/api-error';
import { apiErrorInterceptor } from '../core/http/api-error.interceptor';
import { csrfInterceptor } from '../core/http/csrf.interceptor';
import { unauthorizedInterceptor } from '../core/http/unauthorized.interceptor';
import { MASKED_SECRET, NotificationsApi } from './notifications.api';

const AT = '2026-01-01T00:00:00.000Z';
const CHANNEL: NotificationChannelResponse = {
  id: 'nch_1',
  name: 'ops hook',
  type: 'webhook',
  enabled: true,
  settings: { url: 'https://hooks.example/ops', secret: MASKED_SECRET },
  status: 'untested',
  lastError: null,
  lastDeliveryAt: null,
  createdAt: AT,
  updatedAt: AT,
};
const RULE: NotificationRuleResponse = {
  id: 'nru_1',
  name: 'agents down',
  enabled: true,
  events: ['agent.offline'],
  channelIds: ['nch_1'],
  labels: [{ key: 'env', value: 'prod' }],
  minSeverity: 'warning',
  delaySeconds: 60,
  reminderMinutes: 0,
  notifyRecovery: true,
  createdAt: AT,
  updatedAt: AT,
};
const ALERT: NotificationAlertResponse = {
  id: 'nal_1',
  ruleId: 'nru_1',
  event: 'agent.offline',
  severity: 'critical',
  subjectType: 'agent',
  subjectId: 'agt_1',
  subjectName: 'edge-1',
  state: 'firing',
  openedAt: AT,
  firedAt: AT,
  resolvedAt: null,
  lastNotifiedAt: AT,
  reminderCount: 2,
};
const DELIVERY: NotificationDeliveryResponse = {
  id: 'ndl_1',
  channelId: 'nch_1',
  alertId: 'nal_1',
  kind: 'fire',
  status: 'failed',
  attempts: 3,
  lastError: 'HTTP 500',
  nextAttemptAt: AT,
  createdAt: AT,
  sentAt: null,
};

function page<T>(items: T[], pageNo = 1) {
  return { success: true, data: items, pagination: { page: pageNo, pageSize: 20, total: 41 } };
}

describe('NotificationsApi', () => {
  let api: NotificationsApi;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(
          withInterceptors([unauthorizedInterceptor, csrfInterceptor, apiErrorInterceptor]),
        ),
        provideHttpClientTesting(),
      ],
    });
    api = TestBed.inject(NotificationsApi);
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(SessionStore).setSession(
      {
        id: 'usr_1',
        username: 'owner',
        displayName: null,
        role: 'owner',
        status: 'ACTIVE',
        lastLoginAt: null,
        createdAt: 'x',
        updatedAt: 'x',
      },
      'csrf-1',
    );
  });

  afterEach(() => backend.verify());

  it('pages the four lists and sends only the filters that are set', async () => {
    const channels = firstValueFrom(api.channels({ page: 2, pageSize: 20 }));
    const c = backend.expectOne((r) => r.url === '/api/admin/notifications/channels');
    expect(c.request.method).toBe('GET');
    expect(c.request.params.get('page')).toBe('2');
    c.flush(page([CHANNEL], 2));
    expect(await channels).toEqual({
      items: [CHANNEL],
      pagination: { page: 2, pageSize: 20, total: 41 },
    });

    const rules = firstValueFrom(api.rules());
    const r = backend.expectOne('/api/admin/notifications/rules');
    expect(r.request.params.keys()).toEqual([]);
    r.flush(page([RULE]));
    expect((await rules).items).toEqual([RULE]);

    const alerts = firstValueFrom(api.alerts({ state: 'firing', page: 1, pageSize: 50 }));
    const a = backend.expectOne((req) => req.url === '/api/admin/notifications/alerts');
    expect(a.request.params.get('state')).toBe('firing');
    expect(a.request.params.get('pageSize')).toBe('50');
    a.flush(page([ALERT]));
    expect((await alerts).items[0]?.reminderCount).toBe(2);

    const deliveries = firstValueFrom(
      api.deliveries({ channelId: 'nch_1', status: '', page: 1, pageSize: 20 }),
    );
    const d = backend.expectOne((req) => req.url === '/api/admin/notifications/deliveries');
    expect(d.request.params.keys().sort()).toEqual(['channelId', 'page', 'pageSize']);
    d.flush(page([DELIVERY]));
    expect((await deliveries).items[0]?.lastError).toBe('HTTP 500');
  });

  it('creates, updates, tests and deletes channels with the CSRF header', async () => {
    const input = {
      name: 'ops hook',
      type: 'webhook' as const,
      settings: { url: 'https://hooks.example/ops', secret: 's3cret' },
    };
    const created = firstValueFrom(api.createChannel(input));
    const post = backend.expectOne('/api/admin/notifications/channels');
    expect(post.request.method).toBe('POST');
    expect(post.request.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(post.request.body).toEqual(input);
    post.flush({ success: true, data: CHANNEL });
    expect((await created).settings).toEqual({
      url: 'https://hooks.example/ops',
      secret: MASKED_SECRET,
    });

    const updated = firstValueFrom(
      api.updateChannel('nch/1', { settings: { url: 'https://x', secret: MASKED_SECRET } }),
    );
    const patch = backend.expectOne('/api/admin/notifications/channels/nch%2F1');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.headers.get('X-CSRF-Token')).toBe('csrf-1');
    patch.flush({ success: true, data: { ...CHANNEL, enabled: false } });
    expect((await updated).enabled).toBe(false);

    const tested = firstValueFrom(api.testChannel('nch_1'));
    const test = backend.expectOne('/api/admin/notifications/channels/nch_1/test');
    expect(test.request.method).toBe('POST');
    expect(test.request.headers.get('X-CSRF-Token')).toBe('csrf-1');
    test.flush({ success: true, data: { ok: false, error: 'HTTP 404', durationMs: 12 } });
    expect(await tested).toEqual({ ok: false, error: 'HTTP 404', durationMs: 12 });

    const deleted = firstValueFrom(api.deleteChannel('nch_1'));
    const del = backend.expectOne('/api/admin/notifications/channels/nch_1');
    expect(del.request.method).toBe('DELETE');
    expect(del.request.headers.get('X-CSRF-Token')).toBe('csrf-1');
    del.flush({ success: true, data: CHANNEL });
    expect(await deleted).toBeUndefined();
  });

  it('creates, updates and deletes rules', async () => {
    const created = firstValueFrom(
      api.createRule({ name: 'r', events: ['command.failed'], channelIds: ['nch_1'] }),
    );
    const post = backend.expectOne('/api/admin/notifications/rules');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({
      name: 'r',
      events: ['command.failed'],
      channelIds: ['nch_1'],
    });
    post.flush({ success: true, data: RULE });
    expect((await created).id).toBe('nru_1');

    const updated = firstValueFrom(api.updateRule('nru_1', { enabled: false }));
    const patch = backend.expectOne('/api/admin/notifications/rules/nru_1');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ enabled: false });
    patch.flush({ success: true, data: { ...RULE, enabled: false } });
    expect((await updated).enabled).toBe(false);

    const deleted = firstValueFrom(api.deleteRule('nru_1'));
    const del = backend.expectOne('/api/admin/notifications/rules/nru_1');
    expect(del.request.method).toBe('DELETE');
    del.flush({ success: true, data: null });
    expect(await deleted).toBeUndefined();
  });

  it('surfaces a 422 as ApiError with the issue paths', async () => {
    const done = firstValueFrom(
      api.createChannel({ name: '', type: 'email', settings: { webhookUrl: '' } }),
    ).catch((e: unknown) => e);
    backend.expectOne('/api/admin/notifications/channels').flush(
      {
        success: false,
        error: {
          code: 'VALIDATION_FAILED',
          message: 'Validation failed',
          details: { issues: [{ path: 'settings.host', message: 'host is required' }] },
        },
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    const error = (await done) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.details).toEqual({
      issues: [{ path: 'settings.host', message: 'host is required' }],
    });
  });
});
