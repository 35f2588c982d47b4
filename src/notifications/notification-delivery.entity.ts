import { Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, IntColumn, IsoColumn, NullableId, NullableIso, NullableText, TextColumn } from '../database/columns';
import type { NotificationDeliveryKind, NotificationDeliveryStatus } from '../contracts';

/**
 * The outbox (docs/notifications.md, "Delivery and retries"): one message for one channel. A replica
 * sends a PENDING row only while it holds the lease (`leaseOwner` until `leaseUntil`), so of several
 * replicas exactly one sends each delivery; a replica that dies lets its lease run out and another
 * takes the row over.
 */
@Entity('notification_deliveries')
@Index('idx_notification_deliveries_due', ['status', 'nextAttemptAt'])
@Index('idx_notification_deliveries_channel', ['channelId', 'createdAt'])
@Index('idx_notification_deliveries_created', ['createdAt'])
export class NotificationDeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @IdColumn() channelId!: string;
  @NullableId() alertId!: string | null;
  @TextColumn() kind!: NotificationDeliveryKind;
  @TextColumn({ default: 'pending' }) status!: NotificationDeliveryStatus;
  @IntColumn({ default: 0 }) attempts!: number;
  @NullableText() lastError!: string | null;
  /** When the next attempt is due (null once sent or failed). */
  @NullableIso() nextAttemptAt!: string | null;
  /** The channel-neutral message (NotificationMessage JSON); each channel type formats it when sending. */
  @TextColumn() messageJson!: string;
  @NullableText() leaseOwner!: string | null;
  @NullableIso() leaseUntil!: string | null;
  @IsoColumn() createdAt!: string;
  @NullableIso() sentAt!: string | null;
  @IsoColumn() updatedAt!: string;
}
