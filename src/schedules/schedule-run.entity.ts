import { Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, IsoColumn, NullableId, NullableText, TextColumn } from '../database/columns';
import type { ScheduleRunOutcome } from '../contracts';

/** One planned time of a schedule and what became of it (docs/schedules.md, "Run history"). */
@Entity('schedule_runs')
@Index('uq_schedule_runs_planned', ['scheduleId', 'plannedAt'], { unique: true })
@Index('idx_schedule_runs_created', ['createdAt'])
export class ScheduleRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @IdColumn() scheduleId!: string;
  @IsoColumn() plannedAt!: string;
  @TextColumn() outcome!: ScheduleRunOutcome;
  @NullableId() commandId!: string | null;
  @NullableText() error!: string | null;
  @TextColumn() replicaId!: string;
  @IsoColumn() createdAt!: string;
}
