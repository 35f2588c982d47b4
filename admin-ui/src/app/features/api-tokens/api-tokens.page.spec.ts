import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog, MatDialogRef } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import type { ApiTokenResponse, CreatedApiTokenResponse } from '@opstage/contracts';
import { of } from 'rxjs';
import { SessionStore } from '../../core/auth/session.store';
import { apiErrorInterceptor } from '../../core/http/api-error.interceptor';
import { csrfInterceptor } from '../../core/http/csrf.interceptor';
import { unauthorizedInterceptor } from '../../core/http/unauthorized.interceptor';
import { I18nService } from '../../core/i18n/i18n.service';
import { ApiTokensPage } from './api-tokens.page';
import { CreateApiTokenDialog, toCreateInput } from './create-api-token.dialog';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const TOKEN: ApiTokenResponse = {
  id: 'atk_1',
  name: 'nightly-backup',
  role: 'operator',
  subjectType: 'SERVICE_ACCOUNT',
  userId: null,
  serviceAccount: 'ci-bot',
  scope: [{ key: 'team', value: 'billing' }],
  status: 'ACTIVE',
  hint: 'AbCd',
  expiresAt: '2026-04-01T00:00:00.000Z',
  lastUsedAt: '2026-01-02T03:04:05.000Z',
  lastUsedIp: '10.0.0.7',
  createdByUserId: 'usr_1',
  revokedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const CREATED: CreatedApiTokenResponse = {
  ...TOKEN,
  id: 'atk_2',
  name: 'deploy',
  token: 'opstage_api_secretsecretsecretsecretsecretsecretsec',
};

function page(items: ApiTokenResponse[]) {
  return { success: true, data: items, pagination: { page: 1, pageSize: 20, total: items.length } };
}

function providers(extra: unknown[] = []) {
  return [
    provideRouter([]),
    provideHttpClient(
      withInterceptors([unauthorizedInterceptor, csrfInterceptor, apiErrorInterceptor]),
    ),
    provideHttpClientTesting(),
    ...extra,
  ];
}

function signIn(): void {
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
}

describe('ApiTokensPage', () => {
  let fixture: ComponentFixture<ApiTokensPage>;
  let backend: HttpTestingController;
  const dialogResult: { value: CreatedApiTokenResponse | undefined } = { value: undefined };
  const el = () => fixture.nativeElement as HTMLElement;
  const q = (testId: string) => el().querySelector<HTMLElement>(`[data-testid="${testId}"]`);

  async function open(items: ApiTokenResponse[]) {
    TestBed.configureTestingModule({
      imports: [ApiTokensPage],
      providers: providers([
        {
          provide: MatDialog,
          useValue: { open: () => ({ afterClosed: () => of(dialogResult.value) }) },
        },
      ]),
    });
    signIn();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ApiTokensPage);
    await fixture.whenStable();
    backend.expectOne((r) => r.url === '/api/admin/api-tokens').flush(page(items));
    await fixture.whenStable();
  }

  afterEach(() => {
    fixture.destroy();
    backend.verify();
  });

  it('lists tokens with role, subject, scope, hint and last use; never a secret', async () => {
    await open([
      TOKEN,
      { ...TOKEN, id: 'atk_3', status: 'REVOKED', scope: null, lastUsedAt: null, lastUsedIp: null },
    ]);
    const row = q('api-token-row-atk_1')!;
    expect(row.querySelector('[data-col="subject"]')?.textContent).toContain(
      'Service account: ci-bot',
    );
    expect(row.querySelector('[data-col="scope"]')?.textContent?.trim()).toBe('team:billing');
    expect(row.querySelector('[data-col="lastUsed"]')?.textContent).toContain('10.0.0.7');
    expect(row.textContent).toContain('…AbCd');
    expect(row.querySelector('[data-testid="api-token-revoke"]')).not.toBeNull();
    const revoked = q('api-token-row-atk_3')!;
    expect(revoked.querySelector('[data-col="scope"]')?.textContent?.trim()).toBe('All services');
    expect(revoked.querySelector('[data-col="lastUsed"]')?.textContent?.trim()).toBe('Never');
    expect(revoked.querySelector('[data-testid="api-token-revoke"]')).toBeNull();
    expect(q('api-token-created')).toBeNull();
  });

  it('shows the new secret once, with a copy button, and reloads the list', async () => {
    dialogResult.value = CREATED;
    await open([]);
    expect(el().textContent).toContain('No API tokens yet');
    q('api-token-create')!.click();
    await fixture.whenStable();
    backend.expectOne((r) => r.url === '/api/admin/api-tokens').flush(page([CREATED]));
    await fixture.whenStable();
    expect(q('api-token-value')?.textContent).toBe(CREATED.token);
    expect(q('api-token-copy')).not.toBeNull();
    dialogResult.value = undefined;
  });
});

describe('CreateApiTokenDialog', () => {
  it('turns the form into the request: service account or user, days, scope pairs', () => {
    const base = {
      name: ' deploy ',
      role: 'operator' as const,
      serviceAccount: ' ci-bot ',
      userId: 'usr_9',
      expiresInDays: 30,
      scope: '',
    };
    expect(toCreateInput({ ...base, subject: 'serviceAccount' })).toEqual({
      name: 'deploy',
      role: 'operator',
      serviceAccount: 'ci-bot',
      expiresInDays: 30,
    });
    expect(toCreateInput({ ...base, subject: 'user', scope: 'team:billing, env:prod\n' })).toEqual({
      name: 'deploy',
      role: 'operator',
      userId: 'usr_9',
      expiresInDays: 30,
      scope: ['team:billing', 'env:prod'],
    });
  });

  it('posts the token and closes with the created answer; a refusal stays in the dialog', async () => {
    const close = vi.fn();
    TestBed.configureTestingModule({
      imports: [CreateApiTokenDialog],
      providers: providers([{ provide: MatDialogRef, useValue: { close } }]),
    });
    signIn();
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(CreateApiTokenDialog);
    await fixture.whenStable();
    backend.expectOne((r) => r.url === '/api/admin/users').flush(page([]));
    const el = fixture.nativeElement as HTMLElement;
    const name = el.querySelector<HTMLInputElement>('[data-testid="api-token-name"]')!;
    name.value = 'deploy';
    name.dispatchEvent(new Event('input'));
    const account = el.querySelector<HTMLInputElement>(
      '[data-testid="api-token-service-account"]',
    )!;
    account.value = 'ci-bot';
    account.dispatchEvent(new Event('input'));
    el.querySelector<HTMLButtonElement>('[data-testid="api-token-create-submit"]')!.click();
    await fixture.whenStable();
    const refused = backend.expectOne('/api/admin/api-tokens');
    expect(refused.request.body).toEqual({
      name: 'deploy',
      role: 'operator',
      serviceAccount: 'ci-bot',
      expiresInDays: 90,
    });
    expect(refused.request.headers.get('X-CSRF-Token')).toBe('csrf-1');
    refused.flush(
      { success: false, error: { code: 'VALIDATION_FAILED', message: 'bad name' } },
      { status: 422, statusText: 'Unprocessable' },
    );
    await tick();
    await fixture.whenStable();
    expect(close).not.toHaveBeenCalled();
    expect(el.textContent).toContain('bad name');
    el.querySelector<HTMLButtonElement>('[data-testid="api-token-create-submit"]')!.click();
    await fixture.whenStable();
    backend.expectOne('/api/admin/api-tokens').flush({ success: true, data: CREATED });
    await tick();
    expect(close).toHaveBeenCalledWith(CREATED);
    fixture.destroy();
    backend.verify();
  });
});
