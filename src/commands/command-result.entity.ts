import { Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import {
  BoolColumn,
  IdColumn,
  IntColumn,
  IsoColumn,
  NullableId,
  NullableIso,
  NullableText,
  TextColumn,
} from '../database/columns';
import { CommandEntity } from './command.entity';

@Entity('command_results')
@Index('idx_command_results_agent_reported', ['agentId', 'reportedAt'])
@Index('idx_command_results_sealed_expires', ['sealedExpiresAt'])
export class CommandResultEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @IdColumn() commandId!: string;
  @OneToOne(() => CommandEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'commandId' })
  command?: CommandEntity;
  @IdColumn() agentId!: string;
  @BoolColumn(false) success!: boolean;
  @NullableText() message!: string | null;
  @TextColumn({ default: '{}' }) dataJson!: string;
  @TextColumn({ default: '{}' }) errorJson!: string;
  /** One-time result fields, sealed until the first privileged read or expiry (docs/design/decisions.md, "One-time result fields"). */
  @NullableText() sealedData!: string | null;
  @NullableIso() sealedExpiresAt!: string | null;
  @NullableIso() revealedAt!: string | null;
  @NullableId() revealedByUserId!: string | null;
  @IntColumn({ nullable: true }) durationMs!: number | null;
  @NullableIso() startedAt!: string | null;
  @NullableIso() finishedAt!: string | null;
  @IsoColumn() reportedAt!: string;
  @IsoColumn() createdAt!: string;
}
