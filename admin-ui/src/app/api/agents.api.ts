import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ADMIN, enc, toParams, unwrap, unwrapPage } from './api-helpers';
import { Page, Query, SuccessEnvelope } from './models/common';
import { Agent, AgentDetail } from './models/domain';

export type AgentOperation = 'disable' | 'enable' | 'revoke';

@Injectable({ providedIn: 'root' })
export class AgentsApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${ADMIN}/agents`;

  list(query: Query): Observable<Page<Agent>> {
    return this.http.get<SuccessEnvelope<Agent[]>>(this.base, { params: toParams(query) }).pipe(unwrapPage());
  }

  get(id: string): Observable<AgentDetail> {
    return this.http.get<SuccessEnvelope<AgentDetail>>(`${this.base}/${enc(id)}`).pipe(unwrap());
  }

  operate(id: string, operation: AgentOperation): Observable<Agent> {
    return this.http
      .post<SuccessEnvelope<Agent>>(`${this.base}/${enc(id)}/${operation}`, {})
      .pipe(unwrap());
  }

  remove(id: string): Observable<unknown> {
    return this.http.delete<SuccessEnvelope<unknown>>(`${this.base}/${enc(id)}`).pipe(unwrap());
  }
}
