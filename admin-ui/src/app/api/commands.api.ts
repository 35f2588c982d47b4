import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ADMIN, enc, toParams, unwrap, unwrapPage } from './api-helpers';
import { Page, Query, SuccessEnvelope } from './models/common';
import { Command, CommandDetail } from './models/domain';

@Injectable({ providedIn: 'root' })
export class CommandsApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${ADMIN}/commands`;

  list(query: Query): Observable<Page<Command>> {
    return this.http.get<SuccessEnvelope<Command[]>>(this.base, { params: toParams(query) }).pipe(unwrapPage());
  }

  /** Note: the first read after completion reveals one-time secret fields (then they are gone). */
  get(id: string): Observable<CommandDetail> {
    return this.http.get<SuccessEnvelope<CommandDetail>>(`${this.base}/${enc(id)}`).pipe(unwrap());
  }

  cancel(id: string): Observable<Command> {
    return this.http.post<SuccessEnvelope<Command>>(`${this.base}/${enc(id)}/cancel`, {}).pipe(unwrap());
  }

  /** `confirmation: true` is required when the action is HIGH or requiresConfirmation (decision 18). */
  retry(id: string, confirmation = false): Observable<Command> {
    return this.http
      .post<SuccessEnvelope<Command>>(`${this.base}/${enc(id)}/retry`, confirmation ? { confirmation: true } : {})
      .pipe(unwrap());
  }
}
