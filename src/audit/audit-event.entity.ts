import { Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, IsoColumn, NullableText, TextColumn } from '../database/columns';
import type { AuditActorType, AuditResult } from '../contracts';

@Entity('audit_events')
@Index('idx_audit_ws_created', ['workspaceId', 'createdAt'])
@Index('idx_audit_actor', ['actorType', 'actorId', 'createdAt'])
@Index('idx_audit_target', ['targetType', 'targetId', 'createdAt'])
@Index('idx_audit_action_created', ['action', 'createdAt'])
@Index('idx_audit_created', ['createdAt'])
// List filters: workspaceId leads so the COUNT(*) of a filtered list is a covering index scan.
@Index('idx_audit_ws_action_actor_created', ['workspaceId', 'action', 'actorType', 'createdAt'])
@Index('idx_audit_ws_result_created', ['workspaceId', 'result', 'createdAt'])
@Index('idx_audit_ws_actor_type_created', ['workspaceId', 'actorType', 'createdAt'])
export class AuditEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @IdColumn() workspaceId!: string;
  @TextColumn() actorType!: AuditActorType;
  @NullableText() actorId!: string | null;
  @TextColumn() action!: string;
  @NullableText() targetType!: string | null;
  @NullableText() targetId!: string | null;
  @TextColumn() result!: AuditResult;
  @NullableText() message!: string | null;
  @NullableText() ipAddress!: string | null;
  @NullableText() userAgent!: string | null;
  @TextColumn({ default: '{}' }) metadataJson!: string;
  @IsoColumn() createdAt!: string;
}
