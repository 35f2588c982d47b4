import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ADMIN, enc, toParams, unwrap, unwrapPage } from './api-helpers';
import type {
  CreatedRegistrationTokenResponse,
  Paged,
  RegistrationTokenResponse,
  SuccessEnvelope,
} from '@opstage/contracts';
import { Query } from './view-types';

export interface CreateRegistrationTokenInput {
  name: string;
  /** Seconds until expiry; `null` asks explicitly for a token that never expires (docs/agents.md,
   * "Registration tokens (admin)"). */
  expiresInSeconds?: number | null;
  /** Optional binding: only this agent code may register with the token (docs/agents.md, "Registration tokens
   * (admin)"). */
  agentCode?: string;
}

@Injectable({ providedIn: 'root' })
export class RegistrationTokensApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${ADMIN}/registration-tokens`;

  list(query: Query): Observable<Paged<RegistrationTokenResponse>> {
    return this.http
      .get<SuccessEnvelope<RegistrationTokenResponse[]>>(this.base, { params: toParams(query) })
      .pipe(unwrapPage());
  }

  create(input: CreateRegistrationTokenInput): Observable<CreatedRegistrationTokenResponse> {
    return this.http
      .post<SuccessEnvelope<CreatedRegistrationTokenResponse>>(this.base, input)
      .pipe(unwrap());
  }

  revoke(id: string): Observable<RegistrationTokenResponse> {
    return this.http
      .post<SuccessEnvelope<RegistrationTokenResponse>>(`${this.base}/${enc(id)}/revoke`, {})
      .pipe(unwrap());
  }

  remove(id: string): Observable<RegistrationTokenResponse> {
    return this.http
      .delete<SuccessEnvelope<RegistrationTokenResponse>>(`${this.base}/${enc(id)}`)
      .pipe(unwrap());
  }
}
