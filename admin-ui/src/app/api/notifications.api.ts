import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { ADMIN, enc, toParams, unwrap, unwrapPage } from './api-helpers';
import type {
  CreateNotificationChannelRequest,
  CreateNotificationRuleRequest,
  NotificationAlertResponse,
  NotificationChannelResponse,
  NotificationDeliveryResponse,
  NotificationRuleResponse,
  NotificationTestResponse,
  Paged,
  SuccessEnvelope,
  UpdateNotificationChannelRequest,
  UpdateNotificationRuleRequest,
} from '@opstage/contracts';
import { Query } from './view-types';

/** What a channel's secret fields hold on the wire: sending it back keeps the stored value. */
export const MASKED_SECRET = '********';

/**
 * Notification channels, rules, alerts and deliveries (docs/notifications.md). Reads need a
 * viewer; writes and the test send need an owner.
 */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${ADMIN}/notifications`;

  channels(query: Query = {}): Observable<Paged<NotificationChannelResponse>> {
    return this.http
      .get<
        SuccessEnvelope<NotificationChannelResponse[]>
      >(`${this.base}/channels`, { params: toParams(query) })
      .pipe(unwrapPage());
  }

  createChannel(input: CreateNotificationChannelRequest): Observable<NotificationChannelResponse> {
    return this.http
      .post<SuccessEnvelope<NotificationChannelResponse>>(`${this.base}/channels`, input)
      .pipe(unwrap());
  }

  updateChannel(
    id: string,
    input: UpdateNotificationChannelRequest,
  ): Observable<NotificationChannelResponse> {
    return this.http
      .patch<
        SuccessEnvelope<NotificationChannelResponse>
      >(`${this.base}/channels/${enc(id)}`, input)
      .pipe(unwrap());
  }

  deleteChannel(id: string): Observable<void> {
    return this.http
      .delete<SuccessEnvelope<unknown>>(`${this.base}/channels/${enc(id)}`)
      .pipe(map(() => undefined));
  }

  /** One synchronous send, never retried; a failed send is `ok: false`, not an HTTP error. */
  testChannel(id: string): Observable<NotificationTestResponse> {
    return this.http
      .post<SuccessEnvelope<NotificationTestResponse>>(`${this.base}/channels/${enc(id)}/test`, {})
      .pipe(unwrap());
  }

  rules(query: Query = {}): Observable<Paged<NotificationRuleResponse>> {
    return this.http
      .get<
        SuccessEnvelope<NotificationRuleResponse[]>
      >(`${this.base}/rules`, { params: toParams(query) })
      .pipe(unwrapPage());
  }

  createRule(input: CreateNotificationRuleRequest): Observable<NotificationRuleResponse> {
    return this.http
      .post<SuccessEnvelope<NotificationRuleResponse>>(`${this.base}/rules`, input)
      .pipe(unwrap());
  }

  updateRule(
    id: string,
    input: UpdateNotificationRuleRequest,
  ): Observable<NotificationRuleResponse> {
    return this.http
      .patch<SuccessEnvelope<NotificationRuleResponse>>(`${this.base}/rules/${enc(id)}`, input)
      .pipe(unwrap());
  }

  deleteRule(id: string): Observable<void> {
    return this.http
      .delete<SuccessEnvelope<unknown>>(`${this.base}/rules/${enc(id)}`)
      .pipe(map(() => undefined));
  }

  /** Filter `state`; newest first. */
  alerts(query: Query = {}): Observable<Paged<NotificationAlertResponse>> {
    return this.http
      .get<
        SuccessEnvelope<NotificationAlertResponse[]>
      >(`${this.base}/alerts`, { params: toParams(query) })
      .pipe(unwrapPage());
  }

  /** Filters `channelId`, `status`; newest first. */
  deliveries(query: Query = {}): Observable<Paged<NotificationDeliveryResponse>> {
    return this.http
      .get<
        SuccessEnvelope<NotificationDeliveryResponse[]>
      >(`${this.base}/deliveries`, { params: toParams(query) })
      .pipe(unwrapPage());
  }
}
