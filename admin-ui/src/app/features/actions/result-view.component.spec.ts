import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { CommandDetail } from '@opstage/contracts';
import { SessionStore } from '../../core/auth/session.store';
import { I18nService } from '../../core/i18n/i18n.service';
import { ActionLaunch } from './result-model';
import { ResultViewComponent } from './result-view.component';

type Result = NonNullable<CommandDetail['result']>;

function result(data: Record<string, unknown>, extra: Partial<Result> = {}): Result {
  return {
    id: 'res_1',
    commandId: 'cmd_1',
    agentId: 'agt_1',
    success: true,
    message: 'Echoed back',
    data,
    error: {},
    durationMs: 500,
    reportedAt: '2026-01-01T00:00:00.600Z',
    createdAt: '2026-01-01T00:00:00.600Z',
    oneTime: null,
    ...extra,
  };
}

function command(data: Record<string, unknown>, extra: Partial<CommandDetail> = {}): CommandDetail {
  return {
    id: 'cmd_1',
    agentId: 'agt_1',
    serviceId: 'svc_1',
    type: 'ACTION_EXECUTE',
    actionName: 'echo',
    status: 'SUCCEEDED',
    payload: {},
    createdByUserId: 'usr_1',
    createdByType: 'USER',
    createdById: 'usr_1',
    retryOfCommandId: null,
    errorCode: null,
    errorMessage: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:01.000Z',
    startedAt: '2026-01-01T00:00:00.100Z',
    completedAt: '2026-01-01T00:00:00.600Z',
    expiresAt: null,
    durationMs: 500,
    result: result(data),
    ...extra,
  };
}

describe('ResultViewComponent', () => {
  let fixture: ComponentFixture<ResultViewComponent>;
  const q = (sel: string) => (fixture.nativeElement as HTMLElement).querySelector(sel);
  const qa = (sel: string) =>
    Array.from((fixture.nativeElement as HTMLElement).querySelectorAll(sel));

  async function render(cmd: CommandDetail, available: string[] | null = null) {
    fixture = TestBed.createComponent(ResultViewComponent);
    fixture.componentRef.setInput('command', cmd);
    fixture.componentRef.setInput('available', available);
    await fixture.whenStable();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ResultViewComponent],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    TestBed.inject(I18nService).setLanguage('en-US');
  });

  it('renders the text message and plain data as key/value', async () => {
    await render(command({ echoed: 'hello', length: 5 }));
    expect(q('[data-testid="result-message"]')?.textContent).toContain('Echoed back');
    const rows = qa('[data-testid="result-kv"] tr').map((tr) =>
      Array.from(tr.children)
        .map((cell) => cell.textContent?.trim())
        .join(' '),
    );
    expect(rows).toEqual(['echoed hello', 'length 5']);
    expect(q('[data-testid="one-time-secret"]')).toBeNull();
  });

  it('shows a one-time secret once, with copy and the notice, and masks it in the raw JSON', async () => {
    await render(command({ generatedKey: 'opk_abc123', keyId: 'key_1' }));
    const secret = q('[data-testid="one-time-secret"]');
    expect(secret).not.toBeNull();
    expect(q('[data-testid="one-time-secret-value"]')?.textContent).toBe('opk_abc123');
    expect(secret?.textContent).toContain('You will not see this value again');
    expect(q('[data-testid="one-time-secret-copy"]')).not.toBeNull();
    expect(q('[data-testid="result-json"]')?.textContent).not.toContain('opk_abc123');
    expect(q('[data-testid="result-kv"]')?.textContent).not.toContain('opk_abc123');
  });

  it('never shows a one-time value from a read: an operator reveals it with an explicit POST, once', async () => {
    const now = '2026-01-01T00:00:00.000Z';
    TestBed.inject(SessionStore).setSession(
      {
        id: 'usr_1',
        username: 'op',
        displayName: null,
        role: 'operator',
        status: 'ACTIVE',
        lastLoginAt: null,
        createdAt: now,
        updatedAt: now,
      },
      'csrf',
    );
    const oneTime = {
      revealable: true,
      expiresAt: '2026-01-01T00:05:00.000Z',
      revealedAt: null,
      revealedByUserId: null,
    };
    await render(
      command(
        { generatedKey: '[REDACTED]', keyId: 'key_1' },
        {
          result: result(
            { generatedKey: '[REDACTED]', keyId: 'key_1' },
            { message: null, oneTime },
          ),
        },
      ),
    );
    expect(q('[data-testid="one-time-secret"]')).toBeNull();
    expect(q('[data-testid="secret-gone"]')).toBeNull();
    (q('[data-testid="one-time-reveal"]') as HTMLButtonElement).click();
    const req = TestBed.inject(HttpTestingController).expectOne('/api/admin/commands/cmd_1/reveal');
    expect(req.request.method).toBe('POST');
    req.flush({
      success: true,
      data: { commandId: 'cmd_1', fields: { generatedKey: 'opk_revealed' }, revealedAt: now },
    });
    fixture.detectChanges();
    await fixture.whenStable();
    expect(q('[data-testid="one-time-secret-value"]')?.textContent).toBe('opk_revealed');
    expect(q('[data-testid="one-time-secret-copy"]')).not.toBeNull();
    expect(q('[data-testid="one-time-reveal"]')).toBeNull();
  });

  it('offers no Reveal to a viewer', async () => {
    const oneTime = {
      revealable: true,
      expiresAt: '2026-01-01T00:05:00.000Z',
      revealedAt: null,
      revealedByUserId: null,
    };
    await render(
      command(
        { generatedKey: '[REDACTED]' },
        { result: result({ generatedKey: '[REDACTED]' }, { message: null, oneTime }) },
      ),
    );
    expect(q('[data-testid="one-time-available"]')).not.toBeNull();
    expect(q('[data-testid="one-time-reveal"]')).toBeNull();
  });

  it('explains a secret that was already revealed', async () => {
    await render(command({ generatedKey: '[REDACTED]' }));
    expect(q('[data-testid="one-time-secret"]')).toBeNull();
    expect(q('[data-testid="secret-gone"]')).not.toBeNull();
  });

  it('renders a table with formats and row actions that launch the target action with the row values', async () => {
    const data = {
      list: {
        title: 'Accounts',
        columns: [
          { key: 'id', label: 'ID' },
          { key: 'status', label: 'Status', format: 'status' },
          { key: 'enabled', label: 'Enabled', format: 'boolean' },
        ],
        data: [
          { id: 'acc_1', status: 'UP', enabled: true },
          { id: 'acc_2', status: 'DOWN', enabled: false },
        ],
        rowActions: [
          {
            label: 'Rotate',
            action: 'rotate-credentials',
            payload: { accountId: '$row.id' },
            danger: true,
          },
          { label: 'Ghost', action: 'not-in-catalog', payload: {} },
        ],
      },
    };
    await render(command(data), ['rotate-credentials', 'echo']);
    expect(q('[data-testid="result-row-count"]')?.textContent).toContain('2 rows');
    const headers = qa('[data-testid="result-table"] th').map((th) => th.textContent?.trim());
    expect(headers).toEqual(['ID', 'Status', 'Enabled', 'Operations']);
    expect(q('[data-testid="result-row-acc_2"] [data-status="DOWN"]')).not.toBeNull();
    expect(q('[data-testid="result-row-acc_1"] [data-status="YES"]')).not.toBeNull();

    const launches: ActionLaunch[] = [];
    fixture.componentInstance.launch.subscribe((l) => launches.push(l));
    const rotate = q(
      '[data-testid="result-row-acc_2"] [data-testid="row-action-rotate-credentials"]',
    ) as HTMLButtonElement;
    rotate.click();
    expect(launches).toEqual([
      { action: 'rotate-credentials', payload: { accountId: 'acc_2' }, detail: undefined },
    ]);
    const ghost = q(
      '[data-testid="result-row-acc_1"] [data-testid="row-action-not-in-catalog"]',
    ) as HTMLButtonElement;
    expect(ghost.disabled).toBe(true);
  });

  it('renders an empty list with its empty text', async () => {
    await render(command({ list: { data: [], emptyText: 'No accounts yet' } }));
    expect(q('[data-testid="result-list-empty"]')?.textContent).toContain('No accounts yet');
    expect(q('[data-testid="result-row-count"]')?.textContent).toContain('0 rows');
  });

  it('renders a detail view with its actions', async () => {
    await render(
      command({
        detail: {
          title: 'Account acc_1',
          data: { id: 'acc_1', plan: 'pro' },
          actions: [{ label: 'Echo', action: 'echo', payload: { message: '$row.plan' } }],
        },
      }),
    );
    const detail = q('[data-testid="result-detail"]');
    expect(detail?.textContent).toContain('Account acc_1');
    expect(detail?.textContent).toContain('pro');
    const launches: ActionLaunch[] = [];
    fixture.componentInstance.launch.subscribe((l) => launches.push(l));
    (q('[data-testid="detail-action-echo"]') as HTMLButtonElement).click();
    expect(launches[0]?.payload).toEqual({ message: 'pro' });
  });

  it('shows the error code and message of a failed command', async () => {
    await render(
      command(
        {},
        {
          status: 'FAILED',
          errorCode: 'DEMO_FAILURE',
          errorMessage: 'It broke',
          result: result({}, { success: false, message: null, error: { code: 'DEMO_FAILURE' } }),
        },
      ),
    );
    const error = q('[data-testid="result-error"]');
    expect(error?.textContent).toContain('DEMO_FAILURE');
    expect(error?.textContent).toContain('It broke');
  });
});
