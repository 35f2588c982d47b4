import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ADMIN, unwrap } from './api-helpers';
import type { BulkResult, SuccessEnvelope } from '@opstage/contracts';
import { JsonObject } from './view-types';

export type BulkAgentOperation = 'disable' | 'enable' | 'revoke';

/** Bulk operations: every item is its own audited operation; `confirmCount` is what the operator typed. */
@Injectable({ providedIn: 'root' })
export class BulkApi {
  private readonly http = inject(HttpClient);

  agents(operation: BulkAgentOperation, agentIds: string[]): Observable<BulkResult> {
    return this.http
      .post<
        SuccessEnvelope<BulkResult>
      >(`${ADMIN}/bulk/agents`, { operation, agentIds, confirmCount: agentIds.length })
      .pipe(unwrap());
  }

  cancelCommands(commandIds: string[]): Observable<BulkResult> {
    return this.http
      .post<
        SuccessEnvelope<BulkResult>
      >(`${ADMIN}/bulk/commands/cancel`, { commandIds, confirmCount: commandIds.length })
      .pipe(unwrap());
  }

  execute(
    actionName: string,
    serviceIds: string[],
    payload: JsonObject,
    confirmation: boolean,
  ): Observable<BulkResult> {
    return this.http
      .post<
        SuccessEnvelope<BulkResult>
      >(`${ADMIN}/bulk/actions`, { actionName, serviceIds, payload, ...(confirmation ? { confirmation: true } : {}), confirmCount: serviceIds.length })
      .pipe(unwrap());
  }
}
