import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { I18nService } from '../../core/i18n/i18n.service';
import { SessionStore } from '../../core/auth/session.store';
import { apiErrorInterceptor } from '../../core/http/api-error.interceptor';
import { csrfInterceptor } from '../../core/http/csrf.interceptor';
import { unauthorizedInterceptor } from '../../core/http/unauthorized.interceptor';
import { LoginPage } from './login.page';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const USER = {
  id: 'usr_1',
  username: 'admin',
  displayName: null,
  role: 'owner',
  status: 'ACTIVE',
  lastLoginAt: null,
  createdAt: 'x',
  updatedAt: 'x',
};

describe('LoginPage', () => {
  let fixture: ComponentFixture<LoginPage>;
  let backend: HttpTestingController;
  const el = () => fixture.nativeElement as HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [LoginPage],
      providers: [
        provideRouter([]),
        provideHttpClient(
          withInterceptors([unauthorizedInterceptor, csrfInterceptor, apiErrorInterceptor]),
        ),
        provideHttpClientTesting(),
      ],
    });
    TestBed.inject(I18nService).setLanguage('en-US');
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(LoginPage);
    await fixture.whenStable();
  });

  async function submit(username: string, password: string) {
    const user = el().querySelector('[data-testid="login-username"]') as HTMLInputElement;
    const pass = el().querySelector('[data-testid="login-password"]') as HTMLInputElement;
    user.value = username;
    user.dispatchEvent(new Event('input'));
    pass.value = password;
    pass.dispatchEvent(new Event('input'));
    (el().querySelector('[data-testid="login-submit"]') as HTMLButtonElement).click();
    await fixture.whenStable();
  }

  it('pre-fills nothing', () => {
    expect((el().querySelector('[data-testid="login-username"]') as HTMLInputElement).value).toBe(
      '',
    );
    expect((el().querySelector('[data-testid="login-password"]') as HTMLInputElement).value).toBe(
      '',
    );
  });

  it('explains a refused Secure cookie when /auth/me fails right after a successful login', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl');
    await submit('admin', 'correct horse battery');
    backend.expectOne('/api/admin/auth/login').flush({
      success: true,
      data: { user: USER, csrfToken: 'c1', expiresAt: 'x', cookieSecureOverHttp: true },
    });
    await tick();
    backend
      .expectOne('/api/admin/auth/me')
      .flush(
        { success: false, error: { code: 'UNAUTHORIZED', message: 'Authentication required.' } },
        { status: 401, statusText: 'Unauthorized' },
      );
    await tick();
    await fixture.whenStable();
    const banner = el().querySelector('[data-testid="login-cookie-refused"]');
    expect(banner?.textContent).toContain('OPSTAGE_COOKIE_SECURE=false');
    expect(banner?.textContent).toContain('NODE_ENV=development');
    expect(banner?.textContent).toContain('HTTPS');
    expect(navigate).not.toHaveBeenCalled();
    expect(TestBed.inject(SessionStore).authenticated()).toBe(false);
  });

  it('shows invalid credentials without the cookie explanation', async () => {
    await submit('admin', 'wrong');
    backend.expectOne('/api/admin/auth/login').flush(
      {
        success: false,
        error: { code: 'UNAUTHORIZED', message: 'Invalid username or password.' },
      },
      { status: 401, statusText: 'Unauthorized' },
    );
    await tick();
    await fixture.whenStable();
    expect(el().querySelector('[data-testid="login-cookie-refused"]')).toBeNull();
    expect(el().querySelector('[data-testid="error-alert"]')?.textContent).toContain(
      'Invalid username or password.',
    );
  });

  it('stores the session and navigates when the cookie works', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await submit('admin', 'correct horse battery');
    backend
      .expectOne('/api/admin/auth/login')
      .flush({ success: true, data: { user: USER, csrfToken: 'c1', expiresAt: 'x' } });
    await tick();
    backend
      .expectOne('/api/admin/auth/me')
      .flush({ success: true, data: { user: USER, csrfToken: 'c1', expiresAt: 'x' } });
    await tick();
    expect(TestBed.inject(SessionStore).csrfToken()).toBe('c1');
    expect(navigate).toHaveBeenCalledWith('/');
  });
});
