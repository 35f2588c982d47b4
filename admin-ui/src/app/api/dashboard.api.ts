import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ADMIN, unwrap } from './api-helpers';
import { SuccessEnvelope } from './models/common';
import { DashboardSummary, Metrics } from './models/domain';

@Injectable({ providedIn: 'root' })
export class DashboardApi {
  private readonly http = inject(HttpClient);

  summary(): Observable<DashboardSummary> {
    return this.http.get<SuccessEnvelope<DashboardSummary>>(`${ADMIN}/dashboard/summary`).pipe(unwrap());
  }

  metrics(): Observable<Metrics> {
    return this.http.get<SuccessEnvelope<Metrics>>(`${ADMIN}/metrics`).pipe(unwrap());
  }
}
