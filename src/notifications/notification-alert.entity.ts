import { Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, IntColumn, IsoColumn, NullableIso, NullableText, TextColumn } from '../database/columns';
import type { NotificationAlertState, NotificationEventType, NotificationSeverity } from '../contracts';

/**
 * A lasting condition one rule follows for one subject (docs/notifications.md, "Delay, reminders and
 * recovery"). `openKey` is `<ruleId>/<subjectType>/<subjectId>` while the alert is pending or firing and
 * null once it ended: its unique index lets at most one open alert exist per rule and subject, whichever
 * replica evaluates.
 */
@Entity('notification_alerts')
@Index('uq_notification_alerts_open', ['openKey'], { unique: true })
@Index('idx_notification_alerts_state', ['state', 'openedAt'])
@Index('idx_notification_alerts_resolved', ['resolvedAt'])
export class NotificationAlertEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @IdColumn() ruleId!: string;
  @TextColumn() event!: NotificationEventType;
  @TextColumn() severity!: NotificationSeverity;
  @TextColumn() subjectType!: 'agent' | 'service' | 'command';
  @IdColumn() subjectId!: string;
  @TextColumn() subjectName!: string;
  @TextColumn() state!: NotificationAlertState;
  @NullableText() openKey!: string | null;
  @IsoColumn() openedAt!: string;
  @NullableIso() firedAt!: string | null;
  @NullableIso() resolvedAt!: string | null;
  @NullableIso() lastNotifiedAt!: string | null;
  @IntColumn({ default: 0 }) reminderCount!: number;
  @IsoColumn() updatedAt!: string;
}
