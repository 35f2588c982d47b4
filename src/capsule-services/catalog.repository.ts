import { Injectable } from '@nestjs/common';
import { Brackets, IsNull, type EntityManager } from 'typeorm';
import { deleteBatch, NO_BATCH, type BatchOutcome } from '../database/batches';
import { findPage } from '../database/list-query';
import { rawQuery } from '../database/raw-query';
import { TransactionRunner } from '../database/transaction-runner';
import { ActionDefinitionEntity } from './action-definition.entity';
import { ConfigItemEntity } from './config-item.entity';
import { HealthReportEntity } from './health-report.entity';
import type { Tx } from '../database/transaction';

/** Configs, actions and health reports of a service (the parts a report rewrites). */
@Injectable()
export class CatalogRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** An action of the current catalog; one the agent stopped reporting is not found. */
  findAction(
    serviceId: string,
    name: string,
    em: EntityManager = this.tx.manager,
  ): Promise<ActionDefinitionEntity | null> {
    return em.findOne(ActionDefinitionEntity, { where: { serviceId, name, removedAt: IsNull() } });
  }

  /** The current catalog (what the last report listed), by name. */
  actions(serviceId: string, em: EntityManager = this.tx.manager): Promise<ActionDefinitionEntity[]> {
    return em.find(ActionDefinitionEntity, { where: { serviceId, removedAt: IsNull() }, order: { name: 'ASC' } });
  }

  /** Every action row of the service, removed ones included (a report upserts by name over all of them). */
  allActions(serviceId: string, em: Tx): Promise<ActionDefinitionEntity[]> {
    return em.find(ActionDefinitionEntity, { where: { serviceId } });
  }

  configs(serviceId: string, em: EntityManager = this.tx.manager): Promise<ConfigItemEntity[]> {
    return em.find(ConfigItemEntity, { where: { serviceId }, order: { configKey: 'ASC' } });
  }

  async saveActions(rows: ActionDefinitionEntity[], em: Tx): Promise<void> {
    for (const row of rows) await em.save(ActionDefinitionEntity, row);
  }

  async saveConfigs(rows: ConfigItemEntity[], em: Tx): Promise<void> {
    for (const row of rows) await em.save(ConfigItemEntity, row);
  }

  async deleteConfigs(ids: string[], em: Tx): Promise<void> {
    if (ids.length > 0) await em.delete(ConfigItemEntity, ids);
  }

  latestHealth(serviceId: string, em: EntityManager = this.tx.manager): Promise<HealthReportEntity | null> {
    return em.findOne(HealthReportEntity, { where: { serviceId }, order: { reportedAt: 'DESC', id: 'DESC' } });
  }

  /** One page of the service's health reports, newest first, with the total. */
  healthPage(
    serviceId: string,
    offset: number,
    limit: number,
    em: EntityManager = this.tx.manager,
  ): Promise<[HealthReportEntity[], number]> {
    const qb = em
      .createQueryBuilder(HealthReportEntity, 'h')
      .where('h.serviceId = :serviceId', { serviceId })
      .orderBy('h.reportedAt', 'DESC')
      .addOrderBy('h.id', 'DESC');
    return findPage(qb, offset, limit);
  }

  async insertHealth(row: HealthReportEntity, em: Tx): Promise<void> {
    await em.insert(HealthReportEntity, row);
  }

  /** Refreshes a history row in place (details and `reportedAt`); false when the row is gone. */
  async refreshHealth(id: string, detailsJson: string, reportedAt: string, em: Tx): Promise<boolean> {
    const res = await em.update(HealthReportEntity, { id }, { detailsJson, reportedAt });
    return res.affected === 1;
  }

  /**
   * Reports of the given services with `reportedAt` at or after `sinceIso` (each row's `createdAt`
   * is when its status began), plus for each service the newest row before it, oldest first.
   * Only the columns a timeline needs.
   */
  async healthPoints(
    serviceIds: readonly string[],
    sinceIso: string,
    em: EntityManager = this.tx.manager,
  ): Promise<{ serviceId: string; status: string; createdAt: string; reportedAt: string }[]> {
    if (serviceIds.length === 0) return [];
    const ids = [...serviceIds];
    const inWindow = await em
      .createQueryBuilder(HealthReportEntity, 'h')
      .select(['h.serviceId', 'h.status', 'h.createdAt', 'h.reportedAt'])
      .where('h.serviceId IN (:...ids)', { ids })
      .andWhere('h.reportedAt >= :since', { since: sinceIso })
      .orderBy('h.reportedAt', 'ASC')
      .getMany();
    const before = await em
      .createQueryBuilder(HealthReportEntity, 'h')
      .select(['h.serviceId', 'h.status', 'h.createdAt', 'h.reportedAt'])
      .where('h.serviceId IN (:...ids)', { ids })
      .andWhere(
        'h.reportedAt = (SELECT MAX(p."reportedAt") FROM "health_reports" p WHERE p."serviceId" = h."serviceId" AND p."reportedAt" < :since)',
        { since: sinceIso },
      )
      .getMany();
    return [...before, ...inWindow];
  }

  /**
   * When the current health streak began: the `createdAt` of the oldest row after the newest row
   * with another status (or of the oldest kept row). Null without history.
   */
  async healthStreakStart(
    serviceId: string,
    status: string,
    em: EntityManager = this.tx.manager,
  ): Promise<string | null> {
    const row = await em
      .createQueryBuilder(HealthReportEntity, 'h')
      .select('MIN(h.createdAt)', 'since')
      .where('h.serviceId = :serviceId', { serviceId })
      .andWhere(
        `h.reportedAt > COALESCE((SELECT MAX(o."reportedAt") FROM "health_reports" o WHERE o."serviceId" = :serviceId AND o."status" <> :status), '')`,
        { status },
      )
      .getRawOne<{ since: string | null }>();
    return row?.since ?? null;
  }

  /** Keeps the newest `keep` reports of the service (docs/design/decisions.md, "Retention for growing tables"); ids
   * are time-sortable ULIDs. */
  async pruneHealth(serviceId: string, keep: number, em: Tx): Promise<void> {
    if (keep <= 0) return;
    await rawQuery(
      em,
      `DELETE FROM "health_reports" WHERE "serviceId" = :serviceId AND "id" NOT IN (SELECT "id" FROM "health_reports" WHERE "serviceId" = :serviceId ORDER BY "reportedAt" DESC, "id" DESC LIMIT :keep)`,
      { serviceId, keep },
    );
  }

  /** Sweep: services holding more than `keep` health reports. */
  async servicesOverHealthLimit(keep: number, em: Tx): Promise<string[]> {
    const rows = await em
      .createQueryBuilder(HealthReportEntity, 'h')
      .select('h.serviceId', 'serviceId')
      .groupBy('h.serviceId')
      .having('COUNT(*) > :keep', { keep })
      .getRawMany<{ serviceId: string }>();
    return rows.map((r) => r.serviceId);
  }

  /**
   * Sweep step, one batch: reports of the service older than its `keep`-th newest, by an index
   * range below that boundary row (no whole-table window scan).
   */
  async pruneHealthBatch(serviceId: string, keep: number, limit: number, em: Tx): Promise<BatchOutcome> {
    const boundary = await em
      .createQueryBuilder(HealthReportEntity, 'h')
      .select(['h.id', 'h.reportedAt'])
      .where('h.serviceId = :serviceId', { serviceId })
      .orderBy('h.reportedAt', 'DESC')
      .addOrderBy('h.id', 'DESC')
      .offset(keep - 1)
      .limit(1)
      .getOne();
    if (!boundary) return NO_BATCH;
    const select = em
      .createQueryBuilder(HealthReportEntity, 'h')
      .select('h.id', 'id')
      .where('h.serviceId = :serviceId', { serviceId })
      .andWhere(
        new Brackets((qb) =>
          qb
            .where('h.reportedAt < :at', { at: boundary.reportedAt })
            .orWhere('(h.reportedAt = :at AND h.id < :bid)', { at: boundary.reportedAt, bid: boundary.id }),
        ),
      );
    return deleteBatch(em, HealthReportEntity, select, limit);
  }
}
