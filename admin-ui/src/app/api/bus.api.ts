import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, OperatorFunction, map } from 'rxjs';
import { ADMIN, enc, toPage, toParams, unwrap } from './api-helpers';
import type {
  BusRouteInput,
  Paged,
  PublicAuditEvent,
  PublicBusEvent,
  PublicBusRoute,
  SuccessEnvelope,
} from '@opstage/contracts';
import { Query } from './view-types';

/** Bus responses carry `"experimental": "v0.4-experimental"` next to `success` (docs/capsule-bus.md, "Capsule Bus (experimental)"). */
export type BusEnvelope<T> = SuccessEnvelope<T> & { experimental?: string };

/** A bus list page plus the envelope's experimental marker (kept so the page can show it). */
export interface BusList<T> extends Paged<T> {
  experimental?: string;
}

/** `unwrapPage()` (items + pagination) that also keeps the envelope's `experimental` marker. */
export function unwrapBusList<T>(): OperatorFunction<BusEnvelope<T[]>, BusList<T>> {
  return map((envelope) => {
    const page: BusList<T> = toPage(envelope);
    return typeof envelope.experimental === 'string'
      ? { ...page, experimental: envelope.experimental }
      : page;
  });
}

/** Capsule Bus (experimental). Every call answers 404 CAPSULE_BUS_DISABLED when the flag is off. */
@Injectable({ providedIn: 'root' })
export class BusApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${ADMIN}/bus`;

  /** Newest first; `page`/`pageSize` (default 20, max 100). */
  routes(query: Query = {}): Observable<BusList<PublicBusRoute>> {
    return this.http
      .get<BusEnvelope<PublicBusRoute[]>>(`${this.base}/routes`, { params: toParams(query) })
      .pipe(unwrapBusList());
  }

  route(id: string): Observable<PublicBusRoute> {
    return this.http
      .get<BusEnvelope<PublicBusRoute>>(`${this.base}/routes/${enc(id)}`)
      .pipe(unwrap());
  }

  /** Filters `eventType`, `serviceCode` (source), `agentId` (must start with `agt_`) are exact matches. */
  events(query: Query = {}): Observable<BusList<PublicBusEvent>> {
    return this.http
      .get<BusEnvelope<PublicBusEvent[]>>(`${this.base}/events`, { params: toParams(query) })
      .pipe(unwrapBusList());
  }

  /** Audit rows whose action starts with `bus.`. */
  audit(query: Query = {}): Observable<BusList<PublicAuditEvent>> {
    return this.http
      .get<BusEnvelope<PublicAuditEvent[]>>(`${this.base}/audit`, { params: toParams(query) })
      .pipe(unwrapBusList());
  }

  createRoute(input: BusRouteInput): Observable<PublicBusRoute> {
    return this.http.post<BusEnvelope<PublicBusRoute>>(`${this.base}/routes`, input).pipe(unwrap());
  }

  /** Full replacement; `inputMapping`/`metadata` left out of `input` keep their stored values. */
  updateRoute(id: string, input: BusRouteInput): Observable<PublicBusRoute> {
    return this.http
      .put<BusEnvelope<PublicBusRoute>>(`${this.base}/routes/${enc(id)}`, input)
      .pipe(unwrap());
  }

  deleteRoute(id: string): Observable<PublicBusRoute> {
    return this.http
      .delete<BusEnvelope<PublicBusRoute>>(`${this.base}/routes/${enc(id)}`)
      .pipe(unwrap());
  }
}
