import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import type {
  NotificationAlertResponse,
  NotificationChannelResponse,
  NotificationDeliveryResponse,
  NotificationRuleResponse,
  Role,
} from '@opstage/contracts';
import { MASKED_SECRET } from '../../api/notifications.api';
import { SessionStore } from '../../core/auth/session.store';
import { apiErrorInterceptor } from '../../core/http/api-error.interceptor';
import { csrfInterceptor } from '../../core/http/csrf.interceptor';
import { unauthorizedInterceptor } from '../../core/http/unauthorized.interceptor';
import { I18nService } from '../../core/i18n/i18n.service';
import { ConfirmService } from '../../shared/ui/confirm-dialog.component';
import { NotificationsPage } from './notifications.page';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const AT = '2026-01-01T00:00:00.000Z';
const OK: NotificationChannelResponse = {
  id: 'nch_1',
  name: 'ops hook',
  type: 'webhook',
  enabled: true,
  settings: { url: 'https://hooks.example/ops', secret: MASKED_SECRET },
  status: 'ok',
  lastError: null,
  lastDeliveryAt: AT,
  createdAt: AT,
  updatedAt: AT,
};
const FAILING: NotificationChannelResponse = {
  ...OK,
  id: 'nch_2',
  name: 'team chat',
  type: 'slack',
  settings: { webhookUrl: MASKED_SECRET },
  status: 'failing',
  lastError: 'HTTP 410 Gone',
};
const RULE: NotificationRuleResponse = {
  id: 'nru_1',
  name: 'agents down',
  enabled: true,
  events: ['agent.offline', 'command.failed'],
  channelIds: ['nch_1', 'nch_2'],
  labels: [{ key: 'env', value: 'prod' }],
  minSeverity: 'warning',
  delaySeconds: 60,
  reminderMinutes: 30,
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
  channelId: 'nch_2',
  alertId: 'nal_1',
  kind: 'reminder',
  status: 'failed',
  attempts: 3,
  lastError: 'HTTP 410 Gone',
  nextAttemptAt: AT,
  createdAt: AT,
  sentAt: null,
};

function page<T>(items: T[]) {
  return { success: true, data: items, pagination: { page: 1, pageSize: 20, total: items.length } };
}

describe('NotificationsPage', () => {
  let fixture: ComponentFixture<NotificationsPage>;
  let backend: HttpTestingController;
  const confirmed = { value: true };
  const el = () => fixture.nativeElement as HTMLElement;
  const q = (testId: string) => el().querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  const isChannelList = (url: string, pageSize: string | null) =>
    url === '/api/admin/notifications/channels' && pageSize !== '100';

  function flushChannels(items: NotificationChannelResponse[]): void {
    backend.expectOne((r) => isChannelList(r.url, r.params.get('pageSize'))).flush(page(items));
    backend
      .expectOne(
        (r) => r.url === '/api/admin/notifications/channels' && r.params.get('pageSize') === '100',
      )
      .flush(page(items));
  }

  async function open(role: Role) {
    TestBed.configureTestingModule({
      imports: [NotificationsPage],
      providers: [
        provideRouter([]),
        provideHttpClient(
          withInterceptors([unauthorizedInterceptor, csrfInterceptor, apiErrorInterceptor]),
        ),
        provideHttpClientTesting(),
        { provide: ConfirmService, useValue: { ask: () => of(confirmed.value) } },
      ],
    });
    TestBed.inject(I18nService).setLanguage('en-US');
    TestBed.inject(SessionStore).setSession(
      {
        id: 'usr_1',
        username: role,
        displayName: null,
        role,
        status: 'ACTIVE',
        lastLoginAt: null,
        createdAt: 'x',
        updatedAt: 'x',
      },
      'csrf-1',
    );
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(NotificationsPage);
    await fixture.whenStable();
    backend.expectOne((r) => r.url === '/api/admin/notifications/alerts').flush(page([ALERT]));
    backend
      .expectOne((r) => r.url === '/api/admin/notifications/deliveries')
      .flush(page([DELIVERY]));
    flushChannels([OK, FAILING]);
    backend.expectOne((r) => r.url === '/api/admin/notifications/rules').flush(page([RULE]));
    await fixture.whenStable();
  }

  async function showTab(index: number) {
    (el().querySelectorAll('[role="tab"]')[index] as HTMLElement).click();
    await fixture.whenStable();
    await tick();
    await fixture.whenStable();
  }

  afterEach(() => {
    fixture.destroy();
    backend.verify();
  });

  it('lists channels with status badges, the last error and the owner tools', async () => {
    await open('owner');
    const ok = q('channel-row-nch_1')!;
    expect(ok.textContent).toContain('Webhook');
    expect(ok.querySelector('[data-col="status"] [data-status="ok"]')?.textContent).toBe('OK');
    const failing = q('channel-row-nch_2')!;
    expect(failing.querySelector('[data-status="failing"]')?.className).toContain('tone-red');
    expect(failing.querySelector('[data-col="status"]')?.textContent).toContain('HTTP 410 Gone');
    expect(q('channel-create')).not.toBeNull();
    expect(ok.querySelector('[data-testid="channel-test"]')).not.toBeNull();
    expect(q('readonly-banner')).toBeNull();
  });

  it('sends a test and shows the answer in the row, then reloads the status', async () => {
    await open('owner');
    q('channel-row-nch_2')!
      .querySelector<HTMLButtonElement>('[data-testid="channel-test"]')!
      .click();
    await fixture.whenStable();
    const test = backend.expectOne('/api/admin/notifications/channels/nch_2/test');
    expect(test.request.method).toBe('POST');
    expect(test.request.headers.get('X-CSRF-Token')).toBe('csrf-1');
    test.flush({ success: true, data: { ok: false, error: 'HTTP 410 Gone', durationMs: 84 } });
    await tick();
    flushChannels([OK, FAILING]);
    backend.expectOne((r) => r.url === '/api/admin/notifications/deliveries').flush(page([]));
    await fixture.whenStable();
    const result = q('channel-row-nch_2')!.querySelector('[data-testid="channel-test-result"]')!;
    expect(result.getAttribute('data-ok')).toBe('false');
    expect(result.textContent).toContain('Test failed');
    expect(result.textContent).toContain('HTTP 410 Gone');
    expect(result.textContent).toContain('84ms');
  });

  it('deletes a channel after the confirmation and reloads channels and rules', async () => {
    await open('owner');
    q('channel-row-nch_1')!
      .querySelector<HTMLButtonElement>('[data-testid="channel-delete"]')!
      .click();
    await fixture.whenStable();
    const del = backend.expectOne('/api/admin/notifications/channels/nch_1');
    expect(del.request.method).toBe('DELETE');
    del.flush({ success: true, data: OK });
    await tick();
    flushChannels([FAILING]);
    backend.expectOne((r) => r.url === '/api/admin/notifications/rules').flush(page([]));
    await fixture.whenStable();
    expect(q('channel-row-nch_1')).toBeNull();
  });

  it('is read-only for viewers: no create, test, edit or delete', async () => {
    await open('viewer');
    expect(q('readonly-banner')).not.toBeNull();
    expect(q('channel-row-nch_1')).not.toBeNull();
    expect(
      el().querySelectorAll(
        '[data-testid="channel-create"], [data-testid="channel-test"], [data-testid="channel-edit"], [data-testid="channel-delete"]',
      ).length,
    ).toBe(0);
    await showTab(1);
    expect(q('rule-row-nru_1')).not.toBeNull();
    expect(
      el().querySelectorAll(
        '[data-testid="rule-create"], [data-testid="rule-edit"], [data-testid="rule-delete"]',
      ).length,
    ).toBe(0);
  });

  it('shows rules with channel names, labels and timing', async () => {
    await open('owner');
    await showTab(1);
    const row = q('rule-row-nru_1')!;
    expect(row.querySelector('[data-col="events"]')?.textContent).toContain(
      'Agent offline, Command failed',
    );
    expect(row.querySelector('[data-col="channels"]')?.textContent?.trim()).toBe(
      'ops hook, team chat',
    );
    expect(row.querySelector('[data-col="labels"]')?.textContent?.trim()).toBe('env=prod');
    expect(row.querySelector('[data-col="timing"]')?.textContent).toContain('after 60 s');
    expect(row.querySelector('[data-col="timing"]')?.textContent).toContain('remind every 30 min');
    expect(q('rule-create')).not.toBeNull();
  });

  it('shows alerts and deliveries', async () => {
    await open('viewer');
    await showTab(2);
    const alert = q('alert-row-nal_1')!;
    const subject = alert.querySelector('[data-col="subject"] a');
    expect(subject?.textContent?.trim()).toBe('edge-1');
    expect(subject?.getAttribute('href')).toBe('/agents/agt_1');
    expect(alert.querySelector('[data-status="firing"]')).not.toBeNull();
    expect(alert.querySelector('[data-status="critical"]')).not.toBeNull();
    expect(alert.querySelector('[data-col="reminders"]')?.textContent?.trim()).toBe('2');
    await showTab(3);
    const delivery = q('delivery-row-ndl_1')!;
    expect(delivery.textContent).toContain('team chat');
    expect(delivery.textContent).toContain('Reminder');
    expect(delivery.querySelector('[data-status="failed"]')).not.toBeNull();
    expect(delivery.querySelector('[data-col="attempts"]')?.textContent?.trim()).toBe('3');
    expect(delivery.querySelector('[data-col="lastError"]')?.textContent?.trim()).toBe(
      'HTTP 410 Gone',
    );
  });
});
