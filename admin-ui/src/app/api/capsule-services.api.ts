import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ADMIN, enc, toParams, unwrap, unwrapPage } from './api-helpers';
import { JsonObject, Page, Query, SuccessEnvelope } from './models/common';
import {
  ActionDefinition,
  CapsuleService,
  CapsuleServiceDetail,
  Command,
  ConfigItem,
  HealthReport,
  HealthTimelines,
  PrepareResponse,
  ServiceLabel,
} from './models/domain';

export interface ExecuteActionInput {
  payload: JsonObject;
  confirmation?: boolean;
}

@Injectable({ providedIn: 'root' })
export class CapsuleServicesApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${ADMIN}/capsule-services`;

  list(query: Query): Observable<Page<CapsuleService>> {
    return this.http
      .get<SuccessEnvelope<CapsuleService[]>>(this.base, { params: toParams(query) })
      .pipe(unwrapPage());
  }

  get(id: string): Observable<CapsuleServiceDetail> {
    return this.http.get<SuccessEnvelope<CapsuleServiceDetail>>(`${this.base}/${enc(id)}`).pipe(unwrap());
  }

  manifest(id: string): Observable<JsonObject> {
    return this.http.get<SuccessEnvelope<JsonObject>>(`${this.base}/${enc(id)}/manifest`).pipe(unwrap());
  }

  /** The latest health report, or null when the service never sent one. */
  health(id: string): Observable<HealthReport | null> {
    return this.http
      .get<SuccessEnvelope<HealthReport | null>>(`${this.base}/${enc(id)}/health`)
      .pipe(unwrap());
  }

  /** The kept health reports, newest first; `page`/`pageSize` (default 20, max 100). */
  healthHistory(id: string, query: Query = {}): Observable<Page<HealthReport>> {
    return this.http
      .get<SuccessEnvelope<HealthReport[]>>(`${this.base}/${enc(id)}/health/history`, { params: toParams(query) })
      .pipe(unwrapPage());
  }

  configs(id: string): Observable<ConfigItem[]> {
    return this.http.get<SuccessEnvelope<ConfigItem[]>>(`${this.base}/${enc(id)}/configs`).pipe(unwrap());
  }

  actions(id: string): Observable<ActionDefinition[]> {
    return this.http
      .get<SuccessEnvelope<ActionDefinition[]>>(`${this.base}/${enc(id)}/actions`)
      .pipe(unwrap());
  }

  /** Owner only: hands the service code to another agent (audited; docs/design/decisions.md, "No service takeover"). */
  reassign(id: string, agentId: string): Observable<CapsuleService> {
    return this.http
      .post<SuccessEnvelope<CapsuleService>>(`${this.base}/${enc(id)}/reassign`, { agentId })
      .pipe(unwrap());
  }

  action(id: string, name: string): Observable<ActionDefinition> {
    return this.http
      .get<SuccessEnvelope<ActionDefinition>>(`${this.base}/${enc(id)}/actions/${enc(name)}`)
      .pipe(unwrap());
  }

  /** Prepare is a POST (docs/design/decisions.md, "Prepare is a POST") (operator+, CSRF); it may take up to 30 s. */
  prepare(id: string, name: string): Observable<PrepareResponse> {
    return this.http
      .post<SuccessEnvelope<PrepareResponse>>(`${this.base}/${enc(id)}/actions/${enc(name)}/prepare`, {})
      .pipe(unwrap());
  }

  /** Health status points of up to 100 services (the list's timelines), one request. */
  timelines(serviceIds: readonly string[], hours: number): Observable<HealthTimelines> {
    return this.http
      .get<SuccessEnvelope<HealthTimelines>>(`${this.base}/health-timelines`, { params: toParams({ serviceIds: serviceIds.join(','), hours }) })
      .pipe(unwrap());
  }

  /** Manifest labels in use (the label filter's choices). */
  labels(): Observable<ServiceLabel[]> {
    return this.http.get<SuccessEnvelope<ServiceLabel[]>>(`${this.base}/labels`).pipe(unwrap());
  }

  execute(id: string, name: string, input: ExecuteActionInput): Observable<Command> {
    return this.http
      .post<SuccessEnvelope<Command>>(`${this.base}/${enc(id)}/actions/${enc(name)}`, input)
      .pipe(unwrap());
  }
}
