import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IdColumn, IsoColumn, NullableIso, NullableText, TextColumn } from '../database/columns';
import { AgentEntity } from '../agents/agent.entity';
import type { HealthStatus, ServiceStoredStatus } from '../contracts';

@Entity('capsule_services')
@Index('uq_capsule_services_ws_code', ['workspaceId', 'code'], { unique: true })
@Index('idx_capsule_services_ws_created', ['workspaceId', 'createdAt'])
@Index('idx_capsule_services_agent', ['agentId'])
@Index('idx_capsule_services_health', ['workspaceId', 'healthStatus'])
export class CapsuleServiceEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @IdColumn() workspaceId!: string;
  @IdColumn() agentId!: string;
  @ManyToOne(() => AgentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agentId' })
  agent?: AgentEntity;
  @TextColumn() code!: string;
  @TextColumn() name!: string;
  @NullableText() description!: string | null;
  @NullableText() version!: string | null;
  @NullableText() runtime!: string | null;
  @TextColumn({ default: 'UNKNOWN' }) status!: ServiceStoredStatus;
  @TextColumn({ default: 'UNKNOWN' }) healthStatus!: HealthStatus;
  @NullableText() healthMessage!: string | null;
  /** Key-redacted manifest JSON. */
  @TextColumn({ default: '{}' }) manifestJson!: string;
  /** OpHub extras, kept as reported (redacted). */
  @TextColumn({ default: '[]' }) capabilitiesJson!: string;
  @TextColumn({ default: '[]' }) eventsJson!: string;
  /** Hash of manifest + catalog + configs, so `service.reported` is audited only on change (docs/design/decisions.md,
   * "Audit changes, not repeats"). */
  @NullableText() reportFingerprint!: string | null;
  @NullableIso() lastReportedAt!: string | null;
  @NullableIso() lastHealthAt!: string | null;
  @IsoColumn() createdAt!: string;
  @IsoColumn() updatedAt!: string;
}
