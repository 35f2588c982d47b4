import { Entity, PrimaryColumn } from 'typeorm';
import { IsoColumn, TextColumn } from '../database/columns';

/**
 * One claimed run of a scheduled job (docs/operations.md, "Maintenance sweep"): the replica whose
 * insert of (`job`, `slotStart`) lands runs that interval; every other replica's insert finds the
 * key taken and skips. Rows older than a day are pruned by the claimer.
 */
@Entity('scheduled_slots')
export class ScheduledSlotEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) job!: string;
  @PrimaryColumn({ type: 'varchar', length: 24 }) slotStart!: string;
  @TextColumn() replicaId!: string;
  @IsoColumn() claimedAt!: string;
}
