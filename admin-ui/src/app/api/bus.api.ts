import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ADMIN, enc, toParams, unwrap, unwrapPage } from './api-helpers';
import { Page, Query, SuccessEnvelope } from './models/common';
import { AuditEvent, BusEvent, BusRoute, BusRouteInput } from './models/domain';

/** Capsule Bus (experimental). Every call answers 404 CAPSULE_BUS_DISABLED when the flag is off. */
@Injectable({ providedIn: 'root' })
export class BusApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${ADMIN}/bus`;

  routes(): Observable<BusRoute[]> {
    return this.http.get<SuccessEnvelope<BusRoute[]>>(`${this.base}/routes`).pipe(unwrap());
  }

  events(query: Query): Observable<Page<BusEvent>> {
    return this.http
      .get<SuccessEnvelope<BusEvent[]>>(`${this.base}/events`, { params: toParams(query) })
      .pipe(unwrapPage());
  }

  audit(query: Query): Observable<Page<AuditEvent>> {
    return this.http
      .get<SuccessEnvelope<AuditEvent[]>>(`${this.base}/audit`, { params: toParams(query) })
      .pipe(unwrapPage());
  }

  createRoute(input: BusRouteInput): Observable<BusRoute> {
    return this.http.post<SuccessEnvelope<BusRoute>>(`${this.base}/routes`, input).pipe(unwrap());
  }

  updateRoute(id: string, input: BusRouteInput): Observable<BusRoute> {
    return this.http.put<SuccessEnvelope<BusRoute>>(`${this.base}/routes/${enc(id)}`, input).pipe(unwrap());
  }

  deleteRoute(id: string): Observable<BusRoute> {
    return this.http.delete<SuccessEnvelope<BusRoute>>(`${this.base}/routes/${enc(id)}`).pipe(unwrap());
  }
}
