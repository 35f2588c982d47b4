import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ADMIN, toParams, unwrap } from './api-helpers';
import type { DashboardOverview, SearchResults, SuccessEnvelope } from '@opstage/contracts';

/** Cross-domain reads: the global search and the "what is wrong now" dashboard. */
@Injectable({ providedIn: 'root' })
export class OverviewApi {
  private readonly http = inject(HttpClient);

  search(q: string): Observable<SearchResults> {
    return this.http
      .get<SuccessEnvelope<SearchResults>>(`${ADMIN}/search`, { params: toParams({ q }) })
      .pipe(unwrap());
  }

  dashboard(): Observable<DashboardOverview> {
    return this.http
      .get<SuccessEnvelope<DashboardOverview>>(`${ADMIN}/dashboard/overview`)
      .pipe(unwrap());
  }
}
