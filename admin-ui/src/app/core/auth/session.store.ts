import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Observable, finalize, map, shareReplay, tap } from 'rxjs';
import type {
  CsrfResponse,
  PublicUser,
  Role,
  SessionView,
  SuccessEnvelope,
} from '@opstage/contracts';
import { SKIP_AUTH_REDIRECT } from '../http/http-context';

const ROLE_RANK: Record<Role, number> = { viewer: 0, operator: 1, owner: 2 };

/**
 * In-memory session: current user and CSRF token. The token is never written to
 * localStorage/sessionStorage (docs/console.md, "Roles and sessions"); a reload re-hydrates it from `/auth/me`.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly http = inject(HttpClient);
  private readonly userSig = signal<PublicUser | null>(null);
  private readonly csrfSig = signal<string | null>(null);
  private csrfRefresh$: Observable<string> | null = null;

  readonly user = this.userSig.asReadonly();
  readonly csrfToken = this.csrfSig.asReadonly();
  readonly authenticated = computed(() => this.userSig() !== null);
  readonly role = computed<Role | null>(() => this.userSig()?.role ?? null);
  /** Operator or owner: may run actions, cancel/retry, manage tokens and agents. */
  readonly canOperate = computed(() => this.hasRole('operator'));
  readonly isOwner = computed(() => this.hasRole('owner'));

  hasRole(min: Role): boolean {
    const role = this.userSig()?.role;
    return role !== undefined && ROLE_RANK[role] >= ROLE_RANK[min];
  }

  setSession(user: PublicUser, csrfToken: string): void {
    this.userSig.set(user);
    this.csrfSig.set(csrfToken);
  }

  setCsrf(token: string): void {
    this.csrfSig.set(token);
  }

  clear(): void {
    this.userSig.set(null);
    this.csrfSig.set(null);
  }

  /** Probes `/auth/me`; resolves true when a session exists. The caller handles the 401. */
  probe(): Observable<boolean> {
    return this.http
      .get<SuccessEnvelope<SessionView>>('/api/admin/auth/me', {
        context: new HttpContext().set(SKIP_AUTH_REDIRECT, true),
      })
      .pipe(
        tap((res) => this.setSession(res.data.user, res.data.csrfToken)),
        map(() => true),
      );
  }

  /** Rotates the CSRF token once; concurrent callers share the same request. */
  refreshCsrf(): Observable<string> {
    if (!this.csrfRefresh$) {
      this.csrfRefresh$ = this.http.get<SuccessEnvelope<CsrfResponse>>('/api/admin/auth/csrf').pipe(
        map((res) => res.data.csrfToken),
        tap((token) => this.setCsrf(token)),
        finalize(() => (this.csrfRefresh$ = null)),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.csrfRefresh$;
  }
}
