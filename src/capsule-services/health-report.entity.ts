import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IdColumn, IsoColumn, NullableText, TextColumn } from '../database/columns';
import { CapsuleServiceEntity } from './capsule-service.entity';
import type { HealthStatus } from '../contracts';

@Entity('health_reports')
@Index('idx_health_reports_service_reported', ['serviceId', 'reportedAt'])
@Index('idx_health_reports_agent', ['agentId'])
export class HealthReportEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @IdColumn() workspaceId!: string;
  @IdColumn() serviceId!: string;
  @ManyToOne(() => CapsuleServiceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'serviceId' })
  service?: CapsuleServiceEntity;
  @IdColumn() agentId!: string;
  @TextColumn() status!: HealthStatus;
  @NullableText() message!: string | null;
  @TextColumn({ default: '{}' }) detailsJson!: string;
  @IsoColumn() reportedAt!: string;
  @IsoColumn() createdAt!: string;
}
