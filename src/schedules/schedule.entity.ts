import { Entity, Index, PrimaryColumn } from 'typeorm';
import {
  BoolColumn,
  IdColumn,
  IsoColumn,
  NullableId,
  NullableIso,
  NullableText,
  TextColumn,
} from '../database/columns';
import type { ScheduleKind } from '../contracts';

/** A scheduled action (docs/schedules.md). `nextRunAt` is the planned time the ticker handles next. */
@Entity('schedules')
@Index('idx_schedules_ws_created', ['workspaceId', 'createdAt'])
@Index('idx_schedules_service', ['serviceId', 'createdAt'])
@Index('idx_schedules_due', ['enabled', 'nextRunAt'])
export class ScheduleEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @IdColumn() workspaceId!: string;
  @TextColumn() name!: string;
  @IdColumn() serviceId!: string;
  @TextColumn() actionName!: string;
  @TextColumn() kind!: ScheduleKind;
  @NullableText() cron!: string | null;
  @NullableIso() runAt!: string | null;
  @TextColumn({ default: 'UTC' }) timeZone!: string;
  /** Readable payload: secret fields hold `[REDACTED]`; the full payload is sealed beside it, as for commands. */
  @TextColumn({ default: '{}' }) payloadJson!: string;
  @NullableText() sealedPayload!: string | null;
  @BoolColumn(true) enabled!: boolean;
  @BoolColumn(false) skipIfRunning!: boolean;
  /** Null when disabled or a spent `once`. */
  @NullableIso() nextRunAt!: string | null;
  @NullableIso() lastRunAt!: string | null;
  @NullableId() lastCommandId!: string | null;
  /** The person behind the schedule (a token's user for an API token); four-eyes treats runs as theirs. */
  @NullableId() createdByUserId!: string | null;
  /** `USER` or `API_TOKEN`, with its id. */
  @TextColumn() createdByType!: string;
  @NullableText() createdById!: string | null;
  @IsoColumn() createdAt!: string;
  @IsoColumn() updatedAt!: string;
}
