import { HttpClient, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ADMIN, unwrap } from './api-helpers';
import type {
  ApprovalSettings,
  MaintenanceSettings,
  SuccessEnvelope,
  SweepResult,
} from '@opstage/contracts';
import { JsonObject } from './view-types';

/** Maintenance settings, manual sweep and the SQLite backup (Settings page). */
@Injectable({ providedIn: 'root' })
export class SettingsApi {
  private readonly http = inject(HttpClient);

  getMaintenance(): Observable<MaintenanceSettings> {
    return this.http
      .get<SuccessEnvelope<MaintenanceSettings>>(`${ADMIN}/settings/maintenance`)
      .pipe(unwrap());
  }

  updateMaintenance(input: Partial<MaintenanceSettings>): Observable<MaintenanceSettings> {
    return this.http
      .patch<SuccessEnvelope<MaintenanceSettings>>(`${ADMIN}/settings/maintenance`, input)
      .pipe(unwrap());
  }

  /** Drops the stored overrides so the environment defaults apply again. */
  resetMaintenance(): Observable<MaintenanceSettings> {
    return this.http
      .delete<SuccessEnvelope<MaintenanceSettings>>(`${ADMIN}/settings/maintenance`)
      .pipe(unwrap());
  }

  /** Four-eyes settings (docs/actions-and-commands.md, "Approval"); owners change them. */
  getApprovals(): Observable<ApprovalSettings> {
    return this.http
      .get<SuccessEnvelope<ApprovalSettings>>(`${ADMIN}/settings/approvals`)
      .pipe(unwrap());
  }

  updateApprovals(input: Partial<ApprovalSettings>): Observable<ApprovalSettings> {
    return this.http
      .patch<SuccessEnvelope<ApprovalSettings>>(`${ADMIN}/settings/approvals`, input)
      .pipe(unwrap());
  }

  runMaintenance(): Observable<SweepResult> {
    return this.http
      .post<SuccessEnvelope<SweepResult>>(`${ADMIN}/maintenance/run`, {})
      .pipe(unwrap());
  }

  /** Operator+: runtime, memory, database and (secret-free) configuration facts. */
  diagnostics(): Observable<JsonObject> {
    return this.http
      .get<SuccessEnvelope<JsonObject>>(`${ADMIN}/diagnostics/runtime`)
      .pipe(unwrap());
  }

  backup(): Observable<HttpResponse<Blob>> {
    return this.http.post(
      `${ADMIN}/backup/sqlite`,
      {},
      { observe: 'response', responseType: 'blob' },
    );
  }
}
