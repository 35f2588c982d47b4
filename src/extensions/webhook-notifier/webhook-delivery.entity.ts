import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type WebhookDeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

/** One notification and what happened to it; the body sent is kept so a restart can resume it. */
@Entity('ext_webhook_notifier_deliveries')
@Index('idx_ext_webhook_notifier_deliveries_created', ['createdAt'])
@Index('idx_ext_webhook_notifier_deliveries_status', ['status', 'createdAt'])
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  /** An Opstage event name, or `webhook.test`. */
  @Column({ type: 'text' })
  event!: string;

  @Column({ type: 'text', default: 'PENDING' })
  status!: WebhookDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** HTTP status of the last attempt; null when it never got a response. */
  @Column({ type: 'integer', nullable: true })
  responseStatus!: number | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  /** The notification's `text`, for the list. */
  @Column({ type: 'text' })
  summary!: string;

  /** The exact (redacted) JSON body that is signed and sent. */
  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 24 })
  createdAt!: string;

  @Column({ type: 'varchar', length: 24 })
  updatedAt!: string;

  @Column({ type: 'varchar', length: 24, nullable: true })
  deliveredAt!: string | null;

  /** The process (WebhookDispatcher.holder) that may send this PENDING delivery; null when released. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  holder!: string | null;

  /** Until when `holder` keeps it without renewing; after that any replica may take it over. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  leaseUntil!: string | null;
}
