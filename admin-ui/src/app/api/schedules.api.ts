import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ADMIN, enc, toParams, unwrap, unwrapPage } from './api-helpers';
import type {
  CreateScheduleRequest,
  Paged,
  ScheduleResponse,
  ScheduleRunResponse,
  SuccessEnvelope,
  UpdateScheduleRequest,
} from '@opstage/contracts';
import { Query } from './view-types';

/** Scheduled actions (docs/schedules.md). */
@Injectable({ providedIn: 'root' })
export class SchedulesApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${ADMIN}/schedules`;

  list(query: Query): Observable<Paged<ScheduleResponse>> {
    return this.http
      .get<SuccessEnvelope<ScheduleResponse[]>>(this.base, { params: toParams(query) })
      .pipe(unwrapPage());
  }

  get(id: string): Observable<ScheduleResponse> {
    return this.http
      .get<SuccessEnvelope<ScheduleResponse>>(`${this.base}/${enc(id)}`)
      .pipe(unwrap());
  }

  create(input: CreateScheduleRequest): Observable<ScheduleResponse> {
    return this.http.post<SuccessEnvelope<ScheduleResponse>>(this.base, input).pipe(unwrap());
  }

  update(id: string, input: UpdateScheduleRequest): Observable<ScheduleResponse> {
    return this.http
      .patch<SuccessEnvelope<ScheduleResponse>>(`${this.base}/${enc(id)}`, input)
      .pipe(unwrap());
  }

  remove(id: string): Observable<{ deleted: true }> {
    return this.http
      .delete<SuccessEnvelope<{ deleted: true }>>(`${this.base}/${enc(id)}`)
      .pipe(unwrap());
  }

  runs(id: string, query: Query = {}): Observable<Paged<ScheduleRunResponse>> {
    return this.http
      .get<SuccessEnvelope<ScheduleRunResponse[]>>(`${this.base}/${enc(id)}/runs`, {
        params: toParams(query),
      })
      .pipe(unwrapPage());
  }
}
