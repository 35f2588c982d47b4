import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ADMIN, enc, toParams, unwrap, unwrapPage } from './api-helpers';
import { Page, Query, SuccessEnvelope } from './models/common';
import { CreatedRegistrationToken, RegistrationToken } from './models/domain';

export interface CreateRegistrationTokenInput {
  name: string;
  /** Seconds until expiry; `null` asks explicitly for a token that never expires (docs/design/decisions.md,
   * "Registration token lifetime and revoke"). */
  expiresInSeconds?: number | null;
  /** Optional binding: only this agent code may register with the token (docs/design/decisions.md, "Re-registration
   * needs a bound token"). */
  agentCode?: string;
}

@Injectable({ providedIn: 'root' })
export class RegistrationTokensApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${ADMIN}/registration-tokens`;

  list(query: Query): Observable<Page<RegistrationToken>> {
    return this.http
      .get<SuccessEnvelope<RegistrationToken[]>>(this.base, { params: toParams(query) })
      .pipe(unwrapPage());
  }

  create(input: CreateRegistrationTokenInput): Observable<CreatedRegistrationToken> {
    return this.http.post<SuccessEnvelope<CreatedRegistrationToken>>(this.base, input).pipe(unwrap());
  }

  revoke(id: string): Observable<RegistrationToken> {
    return this.http
      .post<SuccessEnvelope<RegistrationToken>>(`${this.base}/${enc(id)}/revoke`, {})
      .pipe(unwrap());
  }

  remove(id: string): Observable<RegistrationToken> {
    return this.http.delete<SuccessEnvelope<RegistrationToken>>(`${this.base}/${enc(id)}`).pipe(unwrap());
  }
}
