import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IdColumn, IsoColumn, NullableIso, NullableText, TextColumn } from '../database/columns';
import { AgentEntity } from './agent.entity';

export type AgentTokenStatus = 'ACTIVE' | 'REVOKED';

@Entity('agent_tokens')
@Index('idx_agent_tokens_agent_status', ['agentId', 'status'])
@Index('idx_agent_tokens_status_revoked', ['status', 'revokedAt'])
export class AgentTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @IdColumn() agentId!: string;
  @ManyToOne(() => AgentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agentId' })
  agent?: AgentEntity;
  @TextColumn({ unique: true }) tokenHash!: string;
  @NullableText() name!: string | null;
  @TextColumn({ default: 'ACTIVE' }) status!: AgentTokenStatus;
  @NullableIso() lastUsedAt!: string | null;
  @NullableIso() revokedAt!: string | null;
  @IsoColumn() createdAt!: string;
  @IsoColumn() updatedAt!: string;
}
