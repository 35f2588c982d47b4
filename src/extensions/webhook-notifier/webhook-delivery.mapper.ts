import type { WebhookDeliveryEntity, WebhookDeliveryStatus } from './webhook-delivery.entity';

/** A delivery as the admin endpoint lists it (the body is omitted; `summary` is its text). */
export interface WebhookDeliveryResponse {
  id: string;
  event: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  summary: string;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
}

export function toDeliveryResponse(row: WebhookDeliveryEntity): WebhookDeliveryResponse {
  return {
    id: row.id,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    lastError: row.lastError,
    summary: row.summary,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    deliveredAt: row.deliveredAt,
  };
}
