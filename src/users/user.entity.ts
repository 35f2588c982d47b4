import { Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, IsoColumn, NullableIso, NullableText, TextColumn } from '../database/columns';
import type { Role } from '../common/auth/role';

export type UserStatus = 'ACTIVE' | 'DISABLED';

@Entity('users')
@Index('idx_users_workspace_created', ['workspaceId', 'createdAt'])
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @IdColumn() workspaceId!: string;
  @TextColumn({ unique: true }) username!: string;
  @TextColumn() passwordHash!: string;
  @NullableText() displayName!: string | null;
  @TextColumn({ default: 'viewer' }) role!: Role;
  @TextColumn({ default: 'ACTIVE' }) status!: UserStatus;
  @NullableIso() lastLoginAt!: string | null;
  @IsoColumn() createdAt!: string;
  @IsoColumn() updatedAt!: string;
}
