import { HttpClient, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ADMIN, enc, toParams, unwrap, unwrapPage } from './api-helpers';
import type { Paged, PublicAuditEvent, SuccessEnvelope } from '@opstage/contracts';
import { Query } from './view-types';

export type ExportFormat = 'csv' | 'json';

@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${ADMIN}/audit-events`;

  list(query: Query): Observable<Paged<PublicAuditEvent>> {
    return this.http
      .get<SuccessEnvelope<PublicAuditEvent[]>>(this.base, { params: toParams(query) })
      .pipe(unwrapPage());
  }

  get(id: string): Observable<PublicAuditEvent> {
    return this.http
      .get<SuccessEnvelope<PublicAuditEvent>>(`${this.base}/${enc(id)}`)
      .pipe(unwrap());
  }

  export(format: ExportFormat, filters: Query): Observable<HttpResponse<Blob>> {
    return this.http.get(`${this.base}/export`, {
      params: toParams({ ...filters, page: undefined, pageSize: undefined, format }),
      observe: 'response',
      responseType: 'blob',
    });
  }
}
