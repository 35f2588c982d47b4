import { Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, IsoColumn, NullableIso, NullableText, TextColumn } from '../database/columns';
import type { Role, UserStatus } from '../contracts';

@Entity('users')
@Index('idx_users_workspace_created', ['workspaceId', 'createdAt'])
@Index('uq_users_username_key', ['usernameKey'], { unique: true })
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @IdColumn() workspaceId!: string;
  @TextColumn({ unique: true }) username!: string;
  /**
   * `usernameKey(username)`: the NFKC, case-folded form that uniqueness and login compare
   * (docs/operators.md). Rows that already collided before the column existed keep a suffixed
   * key and log in by their exact spelling.
   */
  @TextColumn() usernameKey!: string;
  @TextColumn() passwordHash!: string;
  @NullableText() displayName!: string | null;
  @TextColumn({ default: 'viewer' }) role!: Role;
  @TextColumn({ default: 'ACTIVE' }) status!: UserStatus;
  @NullableIso() lastLoginAt!: string | null;
  @IsoColumn() createdAt!: string;
  @IsoColumn() updatedAt!: string;
}
