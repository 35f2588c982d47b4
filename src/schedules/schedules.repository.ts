import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { deleteBatch, type BatchOutcome } from '../database/batches';
import { findPage } from '../database/list-query';
import type { Tx } from '../database/transaction';
import { TransactionRunner } from '../database/transaction-runner';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import { ScheduleRunEntity } from './schedule-run.entity';
import { ScheduleEntity } from './schedule.entity';

export interface ScheduleListFilter {
  serviceId?: string;
  /** Only these services (a scoped API token's); an empty list matches nothing. */
  serviceIds?: string[];
  offset: number;
  limit: number;
}

/** Every query on `schedules` and `schedule_runs`. */
@Injectable()
export class SchedulesRepository {
  constructor(private readonly tx: TransactionRunner) {}

  findById(id: string, em: EntityManager = this.tx.manager): Promise<ScheduleEntity | null> {
    return em.findOne(ScheduleEntity, { where: { id } });
  }

  async insert(row: ScheduleEntity, em: Tx): Promise<void> {
    await em.insert(ScheduleEntity, row);
  }

  async update(id: string, values: Partial<ScheduleEntity>, em: Tx): Promise<void> {
    await em.update(ScheduleEntity, { id }, values);
  }

  /** Deletes the schedule and its run history; false when it was already gone. */
  async delete(id: string, em: Tx): Promise<boolean> {
    await em.delete(ScheduleRunEntity, { scheduleId: id });
    const res = await em.delete(ScheduleEntity, { id });
    return (res.affected ?? 0) > 0;
  }

  async list(
    filter: ScheduleListFilter,
    em: EntityManager = this.tx.manager,
  ): Promise<{ rows: ScheduleEntity[]; total: number }> {
    const qb = em.createQueryBuilder(ScheduleEntity, 's').where('s.workspaceId = :ws', { ws: DEFAULT_WORKSPACE_ID });
    if (filter.serviceId !== undefined) qb.andWhere('s.serviceId = :serviceId', { serviceId: filter.serviceId });
    if (filter.serviceIds !== undefined) {
      if (filter.serviceIds.length === 0) return { rows: [], total: 0 };
      qb.andWhere('s.serviceId IN (:...serviceIds)', { serviceIds: filter.serviceIds });
    }
    const [rows, total] = await findPage(
      qb.orderBy('s.createdAt', 'DESC').addOrderBy('s.id', 'DESC'),
      filter.offset,
      filter.limit,
    );
    return { rows, total };
  }

  /** Enabled schedules whose next planned time has come, oldest first. */
  due(nowIso: string, limit: number, em: EntityManager = this.tx.manager): Promise<ScheduleEntity[]> {
    return em
      .createQueryBuilder(ScheduleEntity, 's')
      .where('s.enabled = :on AND s.nextRunAt IS NOT NULL AND s.nextRunAt <= :now', { on: true, now: nowIso })
      .orderBy('s.nextRunAt', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /**
   * Moves the next planned time from `fromIso` to `toIso` only if no one moved it meanwhile (another replica's
   * tick, or an edit): every replica computes the same `toIso`, so the loser's update is a harmless no-op.
   */
  async advance(id: string, fromIso: string, toIso: string | null, nowIso: string, em: Tx): Promise<boolean> {
    const res = await em
      .createQueryBuilder()
      .update(ScheduleEntity)
      .set({ nextRunAt: toIso, updatedAt: nowIso })
      .where('id = :id AND nextRunAt = :from', { id, from: fromIso })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  async insertRun(row: ScheduleRunEntity, em: Tx): Promise<void> {
    await em.insert(ScheduleRunEntity, row);
  }

  async runs(
    scheduleId: string,
    offset: number,
    limit: number,
    em: EntityManager = this.tx.manager,
  ): Promise<{ rows: ScheduleRunEntity[]; total: number }> {
    const qb = em.createQueryBuilder(ScheduleRunEntity, 'r').where('r.scheduleId = :scheduleId', { scheduleId });
    const [rows, total] = await findPage(qb.orderBy('r.plannedAt', 'DESC').addOrderBy('r.id', 'DESC'), offset, limit);
    return { rows, total };
  }

  /** Sweep step, one batch: run rows recorded before the cutoff. */
  pruneRunsBatch(cutoffIso: string, limit: number, em: Tx): Promise<BatchOutcome> {
    const select = em
      .createQueryBuilder(ScheduleRunEntity, 'r')
      .select('r.id', 'id')
      .where('r.createdAt < :cutoff', { cutoff: cutoffIso });
    return deleteBatch(em, ScheduleRunEntity, select, limit);
  }
}
