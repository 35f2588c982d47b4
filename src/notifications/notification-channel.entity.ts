import { Entity, Index, PrimaryColumn } from 'typeorm';
import { BoolColumn, IsoColumn, NullableIso, NullableText, TextColumn } from '../database/columns';
import type { NotificationChannelStatus, NotificationChannelType } from '../contracts';

/**
 * Where a notification goes (docs/notifications.md, "Channels"). The settings without their secret
 * fields are readable JSON; the secret fields travel sealed in `sealedSecrets`, so backups and
 * exports never hold them in clear.
 */
@Entity('notification_channels')
@Index('idx_notification_channels_created', ['createdAt'])
export class NotificationChannelEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @TextColumn() name!: string;
  @TextColumn() type!: NotificationChannelType;
  @BoolColumn(true) enabled!: boolean;
  /** Settings with every secret field removed. */
  @TextColumn({ default: '{}' }) settingsJson!: string;
  /** SecretSealer text of `{ field: value }` for the secret fields; null when there are none. */
  @NullableText() sealedSecrets!: string | null;
  @TextColumn({ default: 'untested' }) status!: NotificationChannelStatus;
  @NullableText() lastError!: string | null;
  @NullableIso() lastDeliveryAt!: string | null;
  @IsoColumn() createdAt!: string;
  @IsoColumn() updatedAt!: string;
}
