import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { switchMap } from 'rxjs';
import { AuthApi } from '../../api/auth.api';
import { SessionStore } from '../../core/auth/session.store';
import { ApiError, isApiError, toApiError } from '../../core/http/api-error';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { LanguageSwitcherComponent } from '../../core/i18n/language-switcher.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { Notifier } from '../../shared/ui/notifier.service';

/** Only same-app paths are accepted as return targets (no open redirect). */
export function safeReturnUrl(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/login')) {
    return '/';
  }
  return value;
}

@Component({
  selector: 'app-login-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatIconModule,
    MatProgressSpinnerModule,
    TranslatePipe,
    LanguageSwitcherComponent,
    ErrorAlertComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login.page.html',
  styleUrl: './login.page.css',
})
export class LoginPage {
  private readonly fb = inject(FormBuilder);
  private readonly authApi = inject(AuthApi);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly notifier = inject(Notifier);

  protected readonly form = this.fb.nonNullable.group({
    username: ['', Validators.required],
    password: ['', Validators.required],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  /** Login succeeded but the browser did not keep the session cookie (troubleshooting: "login spins forever"). */
  protected readonly cookieRefused = signal(false);
  /** Set by the 401 interceptor when a session ended mid-use. */
  protected readonly sessionExpired = signal(this.route.snapshot.queryParamMap.has('expired'));

  submit(): void {
    if (this.form.invalid || this.submitting()) {
      this.form.markAllAsTouched();
      return;
    }
    const { username, password } = this.form.getRawValue();
    this.submitting.set(true);
    this.error.set(null);
    this.cookieRefused.set(false);
    let secureOverHttp = false;
    let loginOk = false;
    this.authApi
      .login(username, password)
      .pipe(
        switchMap((res) => {
          loginOk = true;
          secureOverHttp = res.cookieSecureOverHttp === true;
          this.session.setSession(res.user, res.csrfToken);
          return this.authApi.meQuiet();
        }),
      )
      .subscribe({
        next: (me) => {
          this.session.setSession(me.user, me.csrfToken);
          this.submitting.set(false);
          if (secureOverHttp) {
            this.notifier.info('login.secureCookieHint');
          } else {
            this.notifier.success('login.loggedIn');
          }
          void this.router.navigateByUrl(
            safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl')),
          );
        },
        error: (err: unknown) => {
          this.submitting.set(false);
          if (loginOk && isApiError(err, 401)) {
            // login answered 200 but the follow-up request carried no cookie
            this.session.clear();
            this.cookieRefused.set(true);
            return;
          }
          this.session.clear();
          const apiError = toApiError(err);
          // the login 401 means wrong credentials, not an expired session
          this.error.set(
            apiError.status === 401
              ? new ApiError(401, 'LOGIN_FAILED', apiError.message)
              : apiError,
          );
        },
      });
  }
}
