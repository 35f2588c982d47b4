import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ADMIN, unwrap } from './api-helpers';
import type { DashboardSummary, MetricsView, SuccessEnvelope } from '@opstage/contracts';

@Injectable({ providedIn: 'root' })
export class DashboardApi {
  private readonly http = inject(HttpClient);

  summary(): Observable<DashboardSummary> {
    return this.http
      .get<SuccessEnvelope<DashboardSummary>>(`${ADMIN}/dashboard/summary`)
      .pipe(unwrap());
  }

  metrics(): Observable<MetricsView> {
    return this.http.get<SuccessEnvelope<MetricsView>>(`${ADMIN}/metrics`).pipe(unwrap());
  }
}
