import { Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, IsoColumn, NullableId, NullableIso, NullableText, TextColumn } from '../database/columns';
import type { ApiTokenRole, ApiTokenSubjectType } from '../contracts';

/** Stored status; EXPIRED is only ever shown (an ACTIVE row past `expiresAt`), never written. */
export type StoredApiTokenStatus = 'ACTIVE' | 'REVOKED';

/** An API token (docs/api-tokens-and-cli.md): only the SHA-256 of the secret is kept. */
@Entity('api_tokens')
@Index('idx_api_tokens_ws_created', ['workspaceId', 'createdAt'])
@Index('idx_api_tokens_status_expires', ['status', 'expiresAt'])
export class ApiTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @IdColumn() workspaceId!: string;
  @TextColumn() name!: string;
  @TextColumn({ unique: true }) tokenHash!: string;
  /** The secret's last four characters, shown in lists to tell tokens apart. */
  @TextColumn() hint!: string;
  @TextColumn() role!: ApiTokenRole;
  @TextColumn() subjectType!: ApiTokenSubjectType;
  @NullableId() userId!: string | null;
  @NullableText() serviceAccount!: string | null;
  /** JSON array of `{key, value}` labels, or null for every service. */
  @NullableText() scopeJson!: string | null;
  @TextColumn({ default: 'ACTIVE' }) status!: StoredApiTokenStatus;
  @IsoColumn() expiresAt!: string;
  @NullableIso() lastUsedAt!: string | null;
  @NullableText() lastUsedIp!: string | null;
  @NullableId() createdByUserId!: string | null;
  @NullableIso() revokedAt!: string | null;
  @IsoColumn() createdAt!: string;
  @IsoColumn() updatedAt!: string;
}
