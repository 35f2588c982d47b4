import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ADMIN, enc, toParams, unwrap, unwrapPage } from './api-helpers';
import type {
  ActionDefinitionResponse,
  CapsuleServiceDetailResponse,
  CapsuleServiceResponse,
  ConfigItemResponse,
  HealthReportResponse,
  HealthTimelines,
  Paged,
  PrepareResponse,
  PublicCommand,
  ServiceLabel,
  SuccessEnvelope,
} from '@opstage/contracts';
import { JsonObject, Query } from './view-types';

export interface ExecuteActionInput {
  payload: JsonObject;
  confirmation?: boolean;
}

@Injectable({ providedIn: 'root' })
export class CapsuleServicesApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${ADMIN}/capsule-services`;

  list(query: Query): Observable<Paged<CapsuleServiceResponse>> {
    return this.http
      .get<SuccessEnvelope<CapsuleServiceResponse[]>>(this.base, { params: toParams(query) })
      .pipe(unwrapPage());
  }

  get(id: string): Observable<CapsuleServiceDetailResponse> {
    return this.http
      .get<SuccessEnvelope<CapsuleServiceDetailResponse>>(`${this.base}/${enc(id)}`)
      .pipe(unwrap());
  }

  manifest(id: string): Observable<JsonObject> {
    return this.http
      .get<SuccessEnvelope<JsonObject>>(`${this.base}/${enc(id)}/manifest`)
      .pipe(unwrap());
  }

  /** The latest health report, or null when the service never sent one. */
  health(id: string): Observable<HealthReportResponse | null> {
    return this.http
      .get<SuccessEnvelope<HealthReportResponse | null>>(`${this.base}/${enc(id)}/health`)
      .pipe(unwrap());
  }

  /** The kept health reports, newest first; `page`/`pageSize` (default 20, max 100). */
  healthHistory(id: string, query: Query = {}): Observable<Paged<HealthReportResponse>> {
    return this.http
      .get<
        SuccessEnvelope<HealthReportResponse[]>
      >(`${this.base}/${enc(id)}/health/history`, { params: toParams(query) })
      .pipe(unwrapPage());
  }

  configs(id: string): Observable<ConfigItemResponse[]> {
    return this.http
      .get<SuccessEnvelope<ConfigItemResponse[]>>(`${this.base}/${enc(id)}/configs`)
      .pipe(unwrap());
  }

  actions(id: string): Observable<ActionDefinitionResponse[]> {
    return this.http
      .get<SuccessEnvelope<ActionDefinitionResponse[]>>(`${this.base}/${enc(id)}/actions`)
      .pipe(unwrap());
  }

  /** Owner only: hands the service code to another agent (audited; docs/agents.md, "Admin: Capsule Services"). */
  reassign(id: string, agentId: string): Observable<CapsuleServiceResponse> {
    return this.http
      .post<
        SuccessEnvelope<CapsuleServiceResponse>
      >(`${this.base}/${enc(id)}/reassign`, { agentId })
      .pipe(unwrap());
  }

  action(id: string, name: string): Observable<ActionDefinitionResponse> {
    return this.http
      .get<
        SuccessEnvelope<ActionDefinitionResponse>
      >(`${this.base}/${enc(id)}/actions/${enc(name)}`)
      .pipe(unwrap());
  }

  /** Prepare is a POST (docs/actions-and-commands.md, "Prepare") (operator+, CSRF); it may take up to 30 s. */
  prepare(id: string, name: string): Observable<PrepareResponse> {
    return this.http
      .post<
        SuccessEnvelope<PrepareResponse>
      >(`${this.base}/${enc(id)}/actions/${enc(name)}/prepare`, {})
      .pipe(unwrap());
  }

  /** Health status points of up to 100 services (the list's timelines), one request. */
  timelines(serviceIds: readonly string[], hours: number): Observable<HealthTimelines> {
    return this.http
      .get<
        SuccessEnvelope<HealthTimelines>
      >(`${this.base}/health-timelines`, { params: toParams({ serviceIds: serviceIds.join(','), hours }) })
      .pipe(unwrap());
  }

  /** Manifest labels in use (the label filter's choices). */
  labels(): Observable<ServiceLabel[]> {
    return this.http.get<SuccessEnvelope<ServiceLabel[]>>(`${this.base}/labels`).pipe(unwrap());
  }

  execute(id: string, name: string, input: ExecuteActionInput): Observable<PublicCommand> {
    return this.http
      .post<SuccessEnvelope<PublicCommand>>(`${this.base}/${enc(id)}/actions/${enc(name)}`, input)
      .pipe(unwrap());
  }
}
