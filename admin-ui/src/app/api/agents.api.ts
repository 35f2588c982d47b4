import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ADMIN, enc, toParams, unwrap, unwrapPage } from './api-helpers';
import type {
  AgentDetailResponse,
  AgentResponse,
  Paged,
  SuccessEnvelope,
} from '@opstage/contracts';
import { Query } from './view-types';

export type AgentOperation = 'disable' | 'enable' | 'revoke';

@Injectable({ providedIn: 'root' })
export class AgentsApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${ADMIN}/agents`;

  list(query: Query): Observable<Paged<AgentResponse>> {
    return this.http
      .get<SuccessEnvelope<AgentResponse[]>>(this.base, { params: toParams(query) })
      .pipe(unwrapPage());
  }

  get(id: string): Observable<AgentDetailResponse> {
    return this.http
      .get<SuccessEnvelope<AgentDetailResponse>>(`${this.base}/${enc(id)}`)
      .pipe(unwrap());
  }

  operate(id: string, operation: AgentOperation): Observable<AgentResponse> {
    return this.http
      .post<SuccessEnvelope<AgentResponse>>(`${this.base}/${enc(id)}/${operation}`, {})
      .pipe(unwrap());
  }

  remove(id: string): Observable<unknown> {
    return this.http.delete<SuccessEnvelope<unknown>>(`${this.base}/${enc(id)}`).pipe(unwrap());
  }
}
