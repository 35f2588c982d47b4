import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { Type } from '@angular/core';
import type { NotificationChannelResponse, NotificationRuleResponse } from '@opstage/contracts';
import { MASKED_SECRET } from '../../api/notifications.api';
import { SessionStore } from '../../core/auth/session.store';
import { ApiError } from '../../core/http/api-error';
import { apiErrorInterceptor } from '../../core/http/api-error.interceptor';
import { csrfInterceptor } from '../../core/http/csrf.interceptor';
import { unauthorizedInterceptor } from '../../core/http/unauthorized.interceptor';
import { I18nService } from '../../core/i18n/i18n.service';
import { NotificationChannelDialog } from './channel.dialog';
import {
  channelFormValue,
  createChannelRequest,
  ruleFormValue,
  ruleRequest,
  serverIssues,
  updateChannelRequest,
} from './notification-forms';
import { NotificationRuleDialog, RuleDialogData } from './rule.dialog';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const AT = '2026-01-01T00:00:00.000Z';
const WEBHOOK: NotificationChannelResponse = {
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
const EMAIL: NotificationChannelResponse = {
  ...WEBHOOK,
  id: 'nch_2',
  name: 'oncall mail',
  type: 'email',
  settings: {
    host: 'smtp.example',
    port: 465,
    secure: true,
    username: 'bot',
    password: MASKED_SECRET,
    from: 'opstage@example.com',
    to: ['a@example.com', 'b@example.com'],
  },
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
  reminderMinutes: 30,
  notifyRecovery: true,
  createdAt: AT,
  updatedAt: AT,
};

function validation(issues: { path: string; message: string }[]) {
  return {
    body: {
      success: false,
      error: { code: 'VALIDATION_FAILED', message: 'Validation failed', details: { issues } },
    },
    options: { status: 422, statusText: 'Unprocessable Entity' },
  };
}

describe('notification forms', () => {
  it('keeps masked secrets as they are, drops empty optional ones and never sends the type on update', () => {
    const webhook = channelFormValue(WEBHOOK);
    expect(updateChannelRequest(webhook)).toEqual({
      name: 'ops hook',
      enabled: true,
      settings: { url: 'https://hooks.example/ops', secret: MASKED_SECRET },
    });
    expect(createChannelRequest({ ...webhook, secret: '' }).settings).toEqual({
      url: 'https://hooks.example/ops',
    });
    const email = channelFormValue(EMAIL);
    expect(email.to).toBe('a@example.com, b@example.com');
    expect(
      createChannelRequest({ ...email, to: 'a@example.com\nc@example.com; d@example.com' }),
    ).toEqual({
      name: 'oncall mail',
      type: 'email',
      enabled: true,
      settings: {
        host: 'smtp.example',
        port: 465,
        secure: true,
        username: 'bot',
        password: MASKED_SECRET,
        from: 'opstage@example.com',
        to: ['a@example.com', 'c@example.com', 'd@example.com'],
      },
    });
    expect(
      createChannelRequest({
        ...channelFormValue(null),
        name: 'chat',
        type: 'slack',
        webhookUrl: ' https://hooks.slack/x ',
      }),
    ).toEqual({
      name: 'chat',
      type: 'slack',
      enabled: true,
      settings: { webhookUrl: 'https://hooks.slack/x' },
    });
  });

  it('sends the whole rule, without empty label rows', () => {
    const value = ruleFormValue(RULE);
    value.labels.push({ key: ' ', value: '' }, { key: 'team', value: ' ' });
    expect(ruleRequest(value)).toEqual({
      name: 'agents down',
      enabled: true,
      events: ['agent.offline'],
      channelIds: ['nch_1'],
      labels: [
        { key: 'env', value: 'prod' },
        { key: 'team', value: '' },
      ],
      minSeverity: 'warning',
      delaySeconds: 60,
      reminderMinutes: 30,
      notifyRecovery: true,
    });
  });

  it('puts 422 issue paths on controls, label rows or the general list', () => {
    const err = new ApiError(422, 'VALIDATION_FAILED', 'Validation failed', {
      issues: [
        { path: 'settings.url', message: 'url must be a URL' },
        { path: 'settings.to.1', message: 'to.1 must be an email' },
        { path: 'labels.2.key', message: 'key must not be empty' },
        { path: 'bogus', message: 'bogus is not allowed' },
        { path: 'name', message: 'name must be shorter' },
        { path: 'name', message: 'second name issue' },
      ],
    });
    expect(serverIssues(err, ['name', 'url', 'to'])).toEqual({
      controls: {
        url: 'url must be a URL',
        to: 'to.1 must be an email',
        name: 'name must be shorter',
      },
      labels: { 2: 'key must not be empty' },
      other: ['bogus is not allowed'],
    });
  });
});

describe('notification dialogs', () => {
  let backend: HttpTestingController;
  let close: ReturnType<typeof vi.fn>;

  function setUp<T>(component: Type<T>, data: unknown): ComponentFixture<T> {
    close = vi.fn();
    TestBed.configureTestingModule({
      imports: [component],
      providers: [
        provideRouter([]),
        provideHttpClient(
          withInterceptors([unauthorizedInterceptor, csrfInterceptor, apiErrorInterceptor]),
        ),
        provideHttpClientTesting(),
        { provide: MAT_DIALOG_DATA, useValue: data },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    TestBed.inject(I18nService).setLanguage('en-US');
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
    backend = TestBed.inject(HttpTestingController);
    return TestBed.createComponent(component);
  }

  const q = <T extends HTMLElement>(root: HTMLElement, testId: string): T | null =>
    root.querySelector<T>(`[data-testid="${testId}"]`);

  async function type(fixture: ComponentFixture<unknown>, testId: string, value: string) {
    const input = q<HTMLInputElement>(fixture.nativeElement as HTMLElement, testId)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  /** Opens a mat-select and clicks options (rendered in the overlay, outside the fixture). */
  async function choose(fixture: ComponentFixture<unknown>, testId: string, options: string[]) {
    q<HTMLElement>(fixture.nativeElement as HTMLElement, testId)!.click();
    await fixture.whenStable();
    for (const option of options) {
      q<HTMLElement>(document.body, option)!.click();
      await fixture.whenStable();
    }
  }

  afterEach(() => backend.verify());

  it('channel: shows the fields of the chosen type and creates an email channel', async () => {
    const fixture = setUp(NotificationChannelDialog, null);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(q(el, 'channel-url')).not.toBeNull();
    expect(q(el, 'channel-host')).toBeNull();
    q<HTMLButtonElement>(el, 'channel-submit')!.click();
    await fixture.whenStable();
    expect(el.textContent).toContain('Required');
    backend.expectNone('/api/admin/notifications/channels');

    await choose(fixture, 'channel-type', ['channel-type-email']);
    expect(q(el, 'channel-url')).toBeNull();
    await type(fixture, 'channel-name', 'oncall');
    await type(fixture, 'channel-host', 'smtp.example');
    await type(fixture, 'channel-from', 'opstage@example.com');
    const to = q<HTMLTextAreaElement>(el, 'channel-to')!;
    to.value = 'a@example.com, b@example.com';
    to.dispatchEvent(new Event('input'));
    q<HTMLButtonElement>(el, 'channel-submit')!.click();
    await fixture.whenStable();
    const post = backend.expectOne('/api/admin/notifications/channels');
    expect(post.request.body).toEqual({
      name: 'oncall',
      type: 'email',
      enabled: true,
      settings: {
        host: 'smtp.example',
        port: 587,
        secure: false,
        from: 'opstage@example.com',
        to: ['a@example.com', 'b@example.com'],
      },
    });
    post.flush({ success: true, data: EMAIL });
    await tick();
    expect(close).toHaveBeenCalledWith(EMAIL);
  });

  it('channel: edits with the masked secret kept and shows 422 paths next to the fields', async () => {
    const fixture = setUp(NotificationChannelDialog, WEBHOOK);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(q<HTMLInputElement>(el, 'channel-secret')!.value).toBe(MASKED_SECRET);
    expect(el.textContent).toContain('Stored value kept unless you type a new one.');
    expect(q(el, 'channel-type')?.getAttribute('aria-disabled')).toBe('true');
    await type(fixture, 'channel-url', 'https://hooks.example/new');
    await type(fixture, 'channel-secret', 'too-short');
    q<HTMLButtonElement>(el, 'channel-submit')!.click();
    await fixture.whenStable();
    expect(q(el, 'channel-secret')!.closest('mat-form-field')!.textContent).toContain(
      'At least 16 characters',
    );
    backend.expectNone('/api/admin/notifications/channels/nch_1');
    await type(fixture, 'channel-secret', MASKED_SECRET);
    q<HTMLButtonElement>(el, 'channel-submit')!.click();
    await fixture.whenStable();
    const patch = backend.expectOne('/api/admin/notifications/channels/nch_1');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({
      name: 'ops hook',
      enabled: true,
      settings: { url: 'https://hooks.example/new', secret: MASKED_SECRET },
    });
    const refused = validation([
      { path: 'settings.url', message: 'url must not point at a private address' },
      { path: 'settings', message: 'must be an object' },
    ]);
    patch.flush(refused.body, refused.options);
    await tick();
    await fixture.whenStable();
    expect(close).not.toHaveBeenCalled();
    const urlField = q(el, 'channel-url')!.closest('mat-form-field')!;
    expect(urlField.textContent).toContain('url must not point at a private address');
    expect(q(el, 'channel-issues')?.textContent).toContain('settings: must be an object');
  });

  it('rule: picks events and channels, edits label pairs and sends the rule', async () => {
    const data: RuleDialogData = { rule: null, channels: [WEBHOOK, EMAIL] };
    const fixture = setUp(NotificationRuleDialog, data);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    await type(fixture, 'rule-name', 'failures');
    await choose(fixture, 'rule-events', ['rule-event-command.failed', 'rule-event-agent.offline']);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await choose(fixture, 'rule-channels', ['rule-channel-nch_2']);
    q<HTMLButtonElement>(el, 'rule-label-add')!.click();
    q<HTMLButtonElement>(el, 'rule-label-add')!.click();
    await fixture.whenStable();
    const keys = el.querySelectorAll<HTMLInputElement>('[data-testid="rule-label-key"]');
    const values = el.querySelectorAll<HTMLInputElement>('[data-testid="rule-label-value"]');
    expect(keys.length).toBe(2);
    keys[1].value = 'env';
    keys[1].dispatchEvent(new Event('input'));
    values[1].value = 'prod';
    values[1].dispatchEvent(new Event('input'));
    q<HTMLButtonElement>(el, 'rule-submit')!.click();
    await fixture.whenStable();
    const post = backend.expectOne('/api/admin/notifications/rules');
    const { events, ...rest } = post.request.body as { events: string[] };
    expect([...events].sort()).toEqual(['agent.offline', 'command.failed']);
    expect(rest).toEqual({
      name: 'failures',
      enabled: true,
      channelIds: ['nch_2'],
      labels: [{ key: 'env', value: 'prod' }],
      minSeverity: 'warning',
      delaySeconds: 60,
      reminderMinutes: 0,
      notifyRecovery: true,
    });
    // labels.0 of the request is the second form row (the empty first row was not sent).
    const refused = validation([
      { path: 'labels.0.value', message: 'value is too long' },
      { path: 'delaySeconds', message: 'delaySeconds must not be greater than 86400' },
    ]);
    post.flush(refused.body, refused.options);
    await tick();
    await fixture.whenStable();
    expect(close).not.toHaveBeenCalled();
    expect(q(el, 'rule-label-1')?.textContent).toContain('value is too long');
    expect(q(el, 'rule-label-0')?.querySelector('[data-testid="rule-label-error"]')).toBeNull();
    expect(q(el, 'rule-delay')!.closest('mat-form-field')!.textContent).toContain(
      'delaySeconds must not be greater than 86400',
    );
  });

  it('rule: edits an existing rule and removes a label pair', async () => {
    const fixture = setUp(NotificationRuleDialog, { rule: RULE, channels: [WEBHOOK] });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(q<HTMLInputElement>(el, 'rule-label-key')!.value).toBe('env');
    q<HTMLButtonElement>(el, 'rule-label-remove')!.click();
    await fixture.whenStable();
    q<HTMLButtonElement>(el, 'rule-submit')!.click();
    await fixture.whenStable();
    const patch = backend.expectOne('/api/admin/notifications/rules/nru_1');
    expect(patch.request.method).toBe('PATCH');
    expect((patch.request.body as { labels: unknown[] }).labels).toEqual([]);
    patch.flush({ success: true, data: { ...RULE, labels: [] } });
    await tick();
    expect(close).toHaveBeenCalledWith({ ...RULE, labels: [] });
  });
});
