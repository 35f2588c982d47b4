import { Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, IsoColumn, NullableId, NullableIso, NullableText, TextColumn } from '../database/columns';
import type { RegistrationTokenStatus } from '../contracts';

@Entity('registration_tokens')
@Index('idx_registration_tokens_ws_status', ['workspaceId', 'status', 'createdAt'])
@Index('idx_registration_tokens_expires', ['status', 'expiresAt'])
export class RegistrationTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @IdColumn() workspaceId!: string;
  @TextColumn() name!: string;
  @TextColumn({ unique: true }) tokenHash!: string;
  @TextColumn({ default: 'ACTIVE' }) status!: RegistrationTokenStatus;
  /** Optional binding: only an agent with this code may use the token (docs/design/decisions.md, "Re-registration needs a bound token"). */
  @NullableText() agentCode!: string | null;
  @NullableId() agentId!: string | null;
  @NullableId() createdByUserId!: string | null;
  @NullableIso() expiresAt!: string | null;
  @NullableIso() usedAt!: string | null;
  @NullableIso() revokedAt!: string | null;
  @IsoColumn() createdAt!: string;
  @IsoColumn() updatedAt!: string;
}
