import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context';
import { TransactionRunner } from '../database/transaction-runner';
import { CatalogRepository } from './catalog.repository';
import type { HealthPoint, HealthTimelines, ServiceLabel } from '../contracts';

/** How many distinct labels the filter offers at most. */
const MAX_LABELS = 500;

/** Read models over the health history and the manifests: timelines and labels. */
@Injectable()
export class ServiceHealthQueries {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly tx: TransactionRunner,
  ) {}

  async timelines(ctx: RequestContext, serviceIds: readonly string[], hours: number): Promise<HealthTimelines> {
    const until = ctx.nowIso;
    const since = new Date(ctx.now.getTime() - hours * 3_600_000).toISOString();
    const rows = await this.catalog.healthPoints(serviceIds, since);
    const services: Record<string, HealthPoint[]> = {};
    for (const id of serviceIds) services[id] = [];
    for (const row of rows) {
      const points = services[row.serviceId];
      if (!points) continue;
      const last = points[points.length - 1];
      // Consecutive rows of one status are one segment (a steady health is sampled every few minutes).
      if (last?.status !== row.status) points.push({ status: row.status, at: row.createdAt });
    }
    for (const points of Object.values(services)) points.sort((a, b) => a.at.localeCompare(b.at));
    return { since, until, services };
  }

  /**
   * Distinct `manifest.labels` entries with their service counts. SQLite reads the JSON with
   * json_each, PostgreSQL with jsonb_each_text; non-object labels and non-string values are skipped.
   */
  async labels(): Promise<ServiceLabel[]> {
    const postgres = this.tx.manager.connection.options.type === 'postgres';
    const sql = postgres
      ? `SELECT e.key AS "key", e.value AS "value", COUNT(*) AS "n" FROM "capsule_services" s,
           jsonb_each_text(CASE WHEN jsonb_typeof(s."manifestJson"::jsonb -> 'labels') = 'object' THEN s."manifestJson"::jsonb -> 'labels' ELSE '{}'::jsonb END) e
         GROUP BY e.key, e.value ORDER BY e.key, e.value LIMIT ${MAX_LABELS}`
      : `SELECT j.key AS "key", j.value AS "value", COUNT(*) AS "n" FROM "capsule_services" s, json_each(s."manifestJson", '$.labels') j
         WHERE json_type(s."manifestJson", '$.labels') = 'object' AND j.type = 'text'
         GROUP BY j.key, j.value ORDER BY j.key, j.value LIMIT ${MAX_LABELS}`;
    const rows: unknown = await this.tx.manager.query(sql);
    if (!Array.isArray(rows)) return [];
    return rows.map((r) => {
      const row = r as { key: unknown; value: unknown; n: unknown };
      return { key: String(row.key), value: String(row.value), count: Number(row.n) };
    });
  }
}
