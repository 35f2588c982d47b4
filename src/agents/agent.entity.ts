import { Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, IsoColumn, NullableIso, NullableText, TextColumn } from '../database/columns';
import type { AgentMode, AgentStatus } from '../contracts';

@Entity('agents')
@Index('uq_agents_ws_code', ['workspaceId', 'code'], { unique: true })
@Index('idx_agents_ws_status', ['workspaceId', 'status'])
@Index('idx_agents_ws_created', ['workspaceId', 'createdAt'])
@Index('idx_agents_heartbeat', ['lastHeartbeatAt'])
export class AgentEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @IdColumn() workspaceId!: string;
  @TextColumn() code!: string;
  @NullableText() name!: string | null;
  @TextColumn({ default: 'embedded' }) mode!: AgentMode;
  @NullableText() runtime!: string | null;
  @NullableText() version!: string | null;
  @NullableText() hostname!: string | null;
  @NullableText() sdkVersion!: string | null;
  @TextColumn({ default: 'PENDING' }) status!: AgentStatus;
  @NullableIso() lastHeartbeatAt!: string | null;
  /**
   * When the last sampled `agent.heartbeat.received` was claimed: a conditional UPDATE on this column
   * lets one replica, never two, audit an agent per window (docs/agents.md, "Heartbeat").
   */
  @NullableIso() heartbeatAuditAt!: string | null;
  @NullableIso() disabledAt!: string | null;
  @NullableIso() revokedAt!: string | null;
  @IsoColumn() createdAt!: string;
  @IsoColumn() updatedAt!: string;
}
