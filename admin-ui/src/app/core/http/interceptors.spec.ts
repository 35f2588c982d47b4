import { HttpClient, HttpContext, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { SessionStore } from '../auth/session.store';
import type { PublicUser } from '@opstage/contracts';
import { ApiError } from './api-error';
import { apiErrorInterceptor } from './api-error.interceptor';
import { csrfInterceptor } from './csrf.interceptor';
import { unauthorizedInterceptor } from './unauthorized.interceptor';
import { SKIP_AUTH_REDIRECT } from './http-context';

const USER: PublicUser = {
  id: 'usr_1',
  username: 'admin',
  displayName: 'Admin',
  role: 'owner',
  status: 'ACTIVE',
  lastLoginAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function csrfInvalid() {
  return {
    success: false,
    error: { code: 'CSRF_INVALID', message: 'CSRF token missing or invalid.' },
  };
}

describe('HTTP interceptors', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let session: SessionStore;
  let router: Router;

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
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    session = TestBed.inject(SessionStore);
    router = TestBed.inject(Router);
    session.setSession(USER, 'token-1');
  });

  afterEach(() => backend.verify());

  describe('CSRF', () => {
    it('sends X-CSRF-Token on mutating admin requests', async () => {
      const done = firstValueFrom(http.post('/api/admin/agents/agt_1/disable', {}));
      const req = backend.expectOne('/api/admin/agents/agt_1/disable');
      expect(req.request.headers.get('X-CSRF-Token')).toBe('token-1');
      req.flush({ success: true, data: {} });
      await done;

      const del = firstValueFrom(http.delete('/api/admin/registration-tokens/tok_1'));
      const delReq = backend.expectOne('/api/admin/registration-tokens/tok_1');
      expect(delReq.request.headers.get('X-CSRF-Token')).toBe('token-1');
      delReq.flush({ success: true, data: {} });
      await del;
    });

    it('does not send it on GET requests, on login or outside /api/admin', async () => {
      const get = firstValueFrom(http.get('/api/admin/agents'));
      const getReq = backend.expectOne('/api/admin/agents');
      expect(getReq.request.headers.has('X-CSRF-Token')).toBe(false);
      getReq.flush({ success: true, data: [] });
      await get;

      const login = firstValueFrom(
        http.post('/api/admin/auth/login', { username: 'a', password: 'b' }),
      );
      const loginReq = backend.expectOne('/api/admin/auth/login');
      expect(loginReq.request.headers.has('X-CSRF-Token')).toBe(false);
      loginReq.flush({ success: true, data: {} });
      await login;

      const agent = firstValueFrom(http.post('/api/agents/register', {}));
      const agentReq = backend.expectOne('/api/agents/register');
      expect(agentReq.request.headers.has('X-CSRF-Token')).toBe(false);
      agentReq.flush({ success: true, data: {} });
      await agent;
    });

    it('refreshes the token once on 403 CSRF_INVALID and retries with the new token', async () => {
      const result = firstValueFrom(http.post<{ data: string }>('/api/admin/maintenance/run', {}));
      const first = backend.expectOne('/api/admin/maintenance/run');
      expect(first.request.headers.get('X-CSRF-Token')).toBe('token-1');
      first.flush(csrfInvalid(), { status: 403, statusText: 'Forbidden' });

      await tick();
      const refresh = backend.expectOne('/api/admin/auth/csrf');
      expect(refresh.request.method).toBe('GET');
      refresh.flush({
        success: true,
        data: { csrfToken: 'token-2', expiresAt: '2026-01-01T08:00:00.000Z' },
      });

      const retry = backend.expectOne('/api/admin/maintenance/run');
      expect(retry.request.headers.get('X-CSRF-Token')).toBe('token-2');
      retry.flush({ success: true, data: 'ok' });
      expect((await result).data).toBe('ok');
      expect(session.csrfToken()).toBe('token-2');
    });

    it('surfaces a second CSRF failure instead of looping', async () => {
      const result = firstValueFrom(http.post('/api/admin/maintenance/run', {})).catch(
        (e: unknown) => e,
      );
      backend
        .expectOne('/api/admin/maintenance/run')
        .flush(csrfInvalid(), { status: 403, statusText: 'Forbidden' });
      await tick();
      backend
        .expectOne('/api/admin/auth/csrf')
        .flush({ success: true, data: { csrfToken: 'token-2', expiresAt: 'x' } });
      backend
        .expectOne('/api/admin/maintenance/run')
        .flush(csrfInvalid(), { status: 403, statusText: 'Forbidden' });
      const error = await result;
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('CSRF_INVALID');
      backend.expectNone('/api/admin/auth/csrf');
    });

    it('does not refresh on other 403 errors', async () => {
      const result = firstValueFrom(http.post('/api/admin/users', {})).catch((e: unknown) => e);
      backend
        .expectOne('/api/admin/users')
        .flush(
          { success: false, error: { code: 'FORBIDDEN', message: 'Insufficient permissions.' } },
          { status: 403, statusText: 'Forbidden' },
        );
      const error = (await result) as ApiError;
      expect(error.code).toBe('FORBIDDEN');
      backend.expectNone('/api/admin/auth/csrf');
    });
  });

  describe('401 handling', () => {
    it('clears the session and navigates to /login with the return URL', async () => {
      const navigate = vi.spyOn(router, 'navigate').mockResolvedValue(true);
      vi.spyOn(router, 'url', 'get').mockReturnValue('/commands?status=FAILED');
      const result = firstValueFrom(http.get('/api/admin/commands')).catch((e: unknown) => e);
      backend
        .expectOne('/api/admin/commands')
        .flush(
          { success: false, error: { code: 'UNAUTHORIZED', message: 'Authentication required.' } },
          { status: 401, statusText: 'Unauthorized' },
        );
      const error = (await result) as ApiError;
      expect(error.status).toBe(401);
      expect(session.user()).toBeNull();
      expect(session.csrfToken()).toBeNull();
      expect(navigate).toHaveBeenCalledWith(['/login'], {
        queryParams: { returnUrl: '/commands?status=FAILED', expired: 1 },
      });
    });

    it('does not redirect for a failed login or a request that handles 401 itself', async () => {
      const navigate = vi.spyOn(router, 'navigate').mockResolvedValue(true);
      const login = firstValueFrom(http.post('/api/admin/auth/login', {})).catch((e: unknown) => e);
      backend.expectOne('/api/admin/auth/login').flush(
        {
          success: false,
          error: { code: 'UNAUTHORIZED', message: 'Invalid username or password.' },
        },
        { status: 401, statusText: 'Unauthorized' },
      );
      await login;

      const me = firstValueFrom(
        http.get('/api/admin/auth/me', {
          context: new HttpContext().set(SKIP_AUTH_REDIRECT, true),
        }),
      ).catch((e: unknown) => e);
      backend
        .expectOne('/api/admin/auth/me')
        .flush(
          { success: false, error: { code: 'UNAUTHORIZED', message: 'x' } },
          { status: 401, statusText: 'Unauthorized' },
        );
      await me;
      expect(navigate).not.toHaveBeenCalled();
    });
  });

  describe('error envelope', () => {
    it('turns the envelope into an ApiError with code, details and request id', async () => {
      const result = firstValueFrom(http.get('/api/admin/audit-events')).catch((e: unknown) => e);
      backend.expectOne('/api/admin/audit-events').flush(
        {
          success: false,
          error: {
            code: 'VALIDATION_FAILED',
            message: 'Audit event query validation failed.',
            details: { issues: [] },
            requestId: 'req_1',
          },
        },
        { status: 422, statusText: 'Unprocessable Entity' },
      );
      const error = (await result) as ApiError;
      expect(error).toBeInstanceOf(ApiError);
      expect(error.status).toBe(422);
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details).toEqual({ issues: [] });
      expect(error.requestId).toBe('req_1');
    });

    it('reads the envelope of a failed blob download', async () => {
      const result = firstValueFrom(
        http.post('/api/admin/backup/sqlite', {}, { responseType: 'blob' }),
      ).catch((e: unknown) => e);
      const body = new Blob(
        [
          JSON.stringify({
            success: false,
            error: { code: 'FORBIDDEN', message: 'Insufficient permissions.' },
          }),
        ],
        {
          type: 'application/json',
        },
      );
      backend
        .expectOne('/api/admin/backup/sqlite')
        .flush(body, { status: 403, statusText: 'Forbidden' });
      const error = (await result) as ApiError;
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toBe('Insufficient permissions.');
    });

    it('maps a network failure to NETWORK_ERROR', async () => {
      const result = firstValueFrom(http.get('/api/admin/agents')).catch((e: unknown) => e);
      backend.expectOne('/api/admin/agents').error(new ProgressEvent('error'), { status: 0 });
      expect(((await result) as ApiError).code).toBe('NETWORK_ERROR');
    });
  });
});
