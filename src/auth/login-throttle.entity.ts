import { Entity, PrimaryColumn } from 'typeorm';
import { IntColumn, IsoColumn } from '../database/columns';

/**
 * Failed-login budgets (docs/security.md): one row per budget key, a fixed window that opens at
 * its first counted attempt. Kept in the database so every replica shares it. `key` is a SHA-256
 * of the client address and normalised username, so the table never stores what was typed.
 */
@Entity('login_throttle')
export class LoginThrottleEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) key!: string;
  @IsoColumn() windowStart!: string;
  @IntColumn() count!: number;
}
