import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IdColumn, IsoColumn, NullableId, NullableIso, NullableText, TextColumn } from '../database/columns';
import { AgentEntity } from '../agents/agent.entity';
import { CapsuleServiceEntity } from '../capsule-services/capsule-service.entity';
import type { CommandStatus, CommandType } from '../contracts';

@Entity('commands')
@Index('idx_commands_ws_created', ['workspaceId', 'createdAt'])
@Index('idx_commands_ws_status', ['workspaceId', 'status'])
@Index('idx_commands_agent_status', ['agentId', 'status', 'createdAt'])
@Index('idx_commands_service_created', ['serviceId', 'createdAt'])
@Index('idx_commands_status_expires', ['status', 'expiresAt'])
@Index('idx_commands_action_created', ['actionName', 'createdAt'])
// List page 1 and its filters (no workspace predicate on commands lists): ordered index scans, covering counts.
@Index('idx_commands_created', ['createdAt'])
@Index('idx_commands_status_created', ['status', 'createdAt'])
@Index('idx_commands_agent_created', ['agentId', 'createdAt'])
@Index('idx_commands_type_created', ['type', 'createdAt'])
export class CommandEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @IdColumn() workspaceId!: string;
  @IdColumn() agentId!: string;
  @ManyToOne(() => AgentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agentId' })
  agent?: AgentEntity;
  @IdColumn() serviceId!: string;
  @ManyToOne(() => CapsuleServiceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'serviceId' })
  service?: CapsuleServiceEntity;
  @TextColumn({ default: 'ACTION_EXECUTE' }) type!: CommandType;
  @TextColumn() actionName!: string;
  @TextColumn({ default: 'PENDING' }) status!: CommandStatus;
  /** Readable payload: sensitive fields hold `[REDACTED]`. */
  @TextColumn({ default: '{}' }) payloadJson!: string;
  /** AES-GCM sealed copy of the sensitive payload fields, wiped at a terminal state (docs/design/decisions.md, "Sealed
   * secrets, not process memory"). */
  @NullableText() sealedPayload!: string | null;
  @NullableId() createdByUserId!: string | null;
  /** `USER`, `API_TOKEN`, `BUS_ROUTE`, `EXTENSION` or `SCHEDULE`, with the id of that actor. */
  @TextColumn({ default: 'USER' }) createdByType!: string;
  @NullableText() createdById!: string | null;
  @NullableId() retryOfCommandId!: string | null;
  @NullableText() errorCode!: string | null;
  @NullableText() errorMessage!: string | null;
  @IsoColumn() createdAt!: string;
  @IsoColumn() updatedAt!: string;
  @NullableIso() startedAt!: string | null;
  @NullableIso() completedAt!: string | null;
  @NullableIso() expiresAt!: string | null;
  /** Set when a cancelled RUNNING command's id was handed to its agent (docs/design/decisions.md, "Cancel reaches the agent"). */
  @NullableIso() cancelNotifiedAt!: string | null;
}
