import { Entity, Index, PrimaryColumn } from 'typeorm';
import { BoolColumn, IntColumn, IsoColumn, TextColumn } from '../database/columns';
import type { NotificationSeverity } from '../contracts';

/** Which events reach which channels, for which subjects (docs/notifications.md, "Rules"). */
@Entity('notification_rules')
@Index('idx_notification_rules_created', ['createdAt'])
export class NotificationRuleEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @TextColumn() name!: string;
  @BoolColumn(true) enabled!: boolean;
  /** JSON array of NotificationEventType. */
  @TextColumn({ default: '[]' }) eventsJson!: string;
  /** JSON array of channel ids. */
  @TextColumn({ default: '[]' }) channelIdsJson!: string;
  /** JSON array of `{key, value}`; empty = every subject. */
  @TextColumn({ default: '[]' }) labelsJson!: string;
  @TextColumn({ default: 'info' }) minSeverity!: NotificationSeverity;
  @IntColumn({ default: 0 }) delaySeconds!: number;
  @IntColumn({ default: 0 }) reminderMinutes!: number;
  @BoolColumn(true) notifyRecovery!: boolean;
  @IsoColumn() createdAt!: string;
  @IsoColumn() updatedAt!: string;
}
