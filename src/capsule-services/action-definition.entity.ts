import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BoolColumn, IdColumn, IntColumn, IsoColumn, NullableIso, NullableText, TextColumn } from '../database/columns';
import { CapsuleServiceEntity } from './capsule-service.entity';
import type { DangerLevel } from '../contracts';

/**
 * The action catalog of a service, upserted by name so ids stay stable across reports. An action
 * a later report no longer lists keeps its row with `removedAt` set: it is out of the catalog
 * (404 ACTION_NOT_FOUND), its commands keep their history, and a report listing it again restores it.
 */
@Entity('action_definitions')
@Index('uq_action_definitions_service_name', ['serviceId', 'name'], { unique: true })
export class ActionDefinitionEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @IdColumn() workspaceId!: string;
  @IdColumn() serviceId!: string;
  @ManyToOne(() => CapsuleServiceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'serviceId' })
  service?: CapsuleServiceEntity;
  @TextColumn() name!: string;
  @TextColumn() label!: string;
  @NullableText() description!: string | null;
  @TextColumn({ default: 'LOW' }) dangerLevel!: DangerLevel;
  @BoolColumn(false) requiresConfirmation!: boolean;
  @TextColumn({ default: '{}' }) inputSchemaJson!: string;
  @TextColumn({ default: '{}' }) resultSchemaJson!: string;
  @IntColumn({ nullable: true }) timeoutSeconds!: number | null;
  @BoolColumn(true) enabled!: boolean;
  /** Reported by the agent; null when it did not say (agents that predate the field): ask it. */
  @Column({ type: 'boolean', nullable: true }) hasPrepare!: boolean | null;
  @TextColumn({ default: '{}' }) metadataJson!: string;
  @IsoColumn() createdAt!: string;
  @IsoColumn() updatedAt!: string;
  @NullableIso() removedAt!: string | null;
}
