import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ADMIN, enc, toParams, unwrap, unwrapPage } from './api-helpers';
import type {
  ApiTokenResponse,
  ApiTokenRole,
  CreatedApiTokenResponse,
  Paged,
  SuccessEnvelope,
} from '@opstage/contracts';
import { Query } from './view-types';

/** Body of `POST /api/admin/api-tokens` (docs/api-tokens-and-cli.md, "Creating a token"). */
export interface CreateApiTokenInput {
  name: string;
  role: ApiTokenRole;
  userId?: string;
  serviceAccount?: string;
  expiresInDays?: number;
  scope?: string[];
}

@Injectable({ providedIn: 'root' })
export class ApiTokensApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${ADMIN}/api-tokens`;

  list(query: Query): Observable<Paged<ApiTokenResponse>> {
    return this.http
      .get<SuccessEnvelope<ApiTokenResponse[]>>(this.base, { params: toParams(query) })
      .pipe(unwrapPage());
  }

  create(input: CreateApiTokenInput): Observable<CreatedApiTokenResponse> {
    return this.http
      .post<SuccessEnvelope<CreatedApiTokenResponse>>(this.base, input)
      .pipe(unwrap());
  }

  revoke(id: string): Observable<ApiTokenResponse> {
    return this.http
      .post<SuccessEnvelope<ApiTokenResponse>>(`${this.base}/${enc(id)}/revoke`, {})
      .pipe(unwrap());
  }
}
