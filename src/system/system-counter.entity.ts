import { Entity, PrimaryColumn } from 'typeorm';
import { IntColumn, IsoColumn } from '../database/columns';

/** Operational counters (commands dispatched, polls, oversized results) that must survive restarts. */
@Entity('system_counters')
export class SystemCounterEntity {
  @PrimaryColumn({ type: 'varchar', length: 80 }) key!: string;
  @IntColumn({ default: 0 }) value!: number;
  @IsoColumn() updatedAt!: string;
}
