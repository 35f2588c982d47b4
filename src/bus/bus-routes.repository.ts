import { Injectable } from '@nestjs/common';
import { Brackets, type EntityManager } from 'typeorm';
import { findPage } from '../database/list-query';
import { TransactionRunner } from '../database/transaction-runner';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import { BusRouteEntity } from './bus-route.entity';
import type { Tx } from '../database/transaction';

@Injectable()
export class BusRoutesRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async insert(row: BusRouteEntity, em: Tx): Promise<void> {
    await em.insert(BusRouteEntity, row);
  }

  findById(id: string, em: EntityManager = this.tx.manager): Promise<BusRouteEntity | null> {
    return em.findOne(BusRouteEntity, { where: { id, workspaceId: DEFAULT_WORKSPACE_ID } });
  }

  async update(id: string, patch: Partial<BusRouteEntity>, em: Tx): Promise<void> {
    await em.update(BusRouteEntity, { id }, patch);
  }

  async delete(id: string, em: Tx): Promise<number> {
    const result = await em.delete(BusRouteEntity, { id });
    return result.affected ?? 0;
  }

  /** Newest first. */
  list(offset: number, limit: number, em: EntityManager = this.tx.manager): Promise<[BusRouteEntity[], number]> {
    return findPage(
      em
        .createQueryBuilder(BusRouteEntity, 'r')
        .where('r.workspaceId = :ws', { ws: DEFAULT_WORKSPACE_ID })
        .orderBy('r.createdAt', 'DESC')
        .addOrderBy('r.id', 'DESC'),
      offset,
      limit,
    );
  }

  /** Routes an event reaches: ENABLED or DRY_RUN, same event type, any or this source; oldest first. */
  matching(
    eventType: string,
    sourceServiceCode: string,
    limit: number,
    em: EntityManager = this.tx.manager,
  ): Promise<BusRouteEntity[]> {
    return em
      .createQueryBuilder(BusRouteEntity, 'r')
      .where('r.workspaceId = :ws', { ws: DEFAULT_WORKSPACE_ID })
      .andWhere('r.status IN (:...statuses)', { statuses: ['ENABLED', 'DRY_RUN'] })
      .andWhere('r.eventType = :eventType', { eventType })
      .andWhere(
        new Brackets((b) =>
          b
            .where('r.sourceServiceCode IS NULL')
            .orWhere('r.sourceServiceCode = :source', { source: sourceServiceCode }),
        ),
      )
      .orderBy('r.createdAt', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(limit)
      .getMany();
  }
}
