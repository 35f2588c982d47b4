import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { ADMIN, enc, toParams, unwrap, unwrapPage } from './api-helpers';
import type {
  CommandDetail,
  Paged,
  PublicCommand,
  RevealedSecret,
  SuccessEnvelope,
} from '@opstage/contracts';
import { Query } from './view-types';

@Injectable({ providedIn: 'root' })
export class CommandsApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${ADMIN}/commands`;

  list(query: Query): Observable<Paged<PublicCommand>> {
    return this.http
      .get<SuccessEnvelope<PublicCommand[]>>(this.base, { params: toParams(query) })
      .pipe(unwrapPage());
  }

  /** A plain read: one-time result fields stay `[REDACTED]` (see `reveal`). */
  get(id: string): Observable<CommandDetail> {
    return this.http.get<SuccessEnvelope<CommandDetail>>(`${this.base}/${enc(id)}`).pipe(unwrap());
  }

  /** Hands out the one-time result fields once (operator/owner, audited); 409 afterwards. */
  reveal(id: string): Observable<RevealedSecret> {
    return this.http
      .post<SuccessEnvelope<RevealedSecret>>(`${this.base}/${enc(id)}/reveal`, {})
      .pipe(unwrap());
  }

  cancel(id: string): Observable<PublicCommand> {
    return this.http
      .post<SuccessEnvelope<PublicCommand>>(`${this.base}/${enc(id)}/cancel`, {})
      .pipe(unwrap());
  }

  /** Four-eyes (docs/actions-and-commands.md, "Approval"): never the requester; 403 APPROVAL_SELF_FORBIDDEN. */
  /** `comment` (optional) is kept in the `command.approved` audit event. */
  approve(id: string, comment = ''): Observable<PublicCommand> {
    const trimmed = comment.trim();
    return this.http
      .post<
        SuccessEnvelope<PublicCommand>
      >(`${this.base}/${enc(id)}/approve`, trimmed ? { comment: trimmed } : {})
      .pipe(unwrap());
  }

  reject(id: string, comment: string): Observable<PublicCommand> {
    return this.http
      .post<SuccessEnvelope<PublicCommand>>(`${this.base}/${enc(id)}/reject`, { comment })
      .pipe(unwrap());
  }

  /** How many commands wait for an approval (the navigation badge): one row, the total from the pagination. */
  awaitingApprovalCount(): Observable<number> {
    return this.list({ status: 'AWAITING_APPROVAL', page: 1, pageSize: 1 }).pipe(
      map((page) => page.pagination.total),
    );
  }

  /** `confirmation: true` is required when the action is HIGH or requiresConfirmation (docs/actions-and-commands.md,
   * "Cancel and retry"). */
  retry(id: string, confirmation = false): Observable<PublicCommand> {
    return this.http
      .post<
        SuccessEnvelope<PublicCommand>
      >(`${this.base}/${enc(id)}/retry`, confirmation ? { confirmation: true } : {})
      .pipe(unwrap());
  }
}
