import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ADMIN, unwrap } from './api-helpers';
import type { LoginResponse, SessionView, SuccessEnvelope } from '@opstage/contracts';
import { SKIP_AUTH_REDIRECT } from '../core/http/http-context';

@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);

  login(username: string, password: string): Observable<LoginResponse> {
    return this.http
      .post<SuccessEnvelope<LoginResponse>>(`${ADMIN}/auth/login`, { username, password })
      .pipe(unwrap());
  }

  /** `me` without the global 401 redirect: the login page interprets the 401 itself. */
  meQuiet(): Observable<SessionView> {
    return this.http
      .get<SuccessEnvelope<SessionView>>(`${ADMIN}/auth/me`, {
        context: new HttpContext().set(SKIP_AUTH_REDIRECT, true),
      })
      .pipe(unwrap());
  }

  logout(): Observable<unknown> {
    return this.http.post(
      `${ADMIN}/auth/logout`,
      {},
      {
        context: new HttpContext().set(SKIP_AUTH_REDIRECT, true),
      },
    );
  }
}
