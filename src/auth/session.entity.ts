import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { IdColumn, IsoColumn, NullableText, TextColumn } from '../database/columns';

/**
 * Operator sessions live in the database; only a hash of the cookie's id is stored, and no CSRF
 * token at all (it is derived from the cookie, see SessionsService).
 */
@Entity('sessions')
@Index('idx_sessions_user', ['userId'])
@Index('idx_sessions_expires', ['expiresAt'])
export class SessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @IdColumn() userId!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: UserEntity;
  @TextColumn({ unique: true }) idHash!: string;
  @IsoColumn() expiresAt!: string;
  @NullableText() ipAddress!: string | null;
  @NullableText() userAgent!: string | null;
  @IsoColumn() createdAt!: string;
}
