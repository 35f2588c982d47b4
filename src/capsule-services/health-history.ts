import { Injectable } from '@nestjs/common';
import { IdGenerator } from '../common/ids/id-generator';
import { RuntimeSettingsService } from '../settings/runtime-settings.service';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import { CatalogRepository } from './catalog.repository';
import type { Tx } from '../database/transaction';
import type { HealthStatus } from '../contracts';

/** A steady health is stored as a new history row at most this often (docs/console.md, health history). */
export const HEALTH_SAMPLE_MS = 5 * 60_000;
/** Bound on the remembered samples; past it the memory starts over (the next write of each service inserts). */
const MAX_TRACKED = 50_000;

export interface HealthWrite {
  status: HealthStatus;
  message: string | null;
  details: Record<string, unknown>;
}

interface OpenSample {
  rowId: string;
  startedMs: number;
  status: HealthStatus;
  message: string | null;
}

/**
 * Health history at a bounded cost: a new row when the status or message changes or the current
 * row is five minutes old, otherwise the current row is refreshed in place (its details and
 * `reportedAt`; `createdAt` keeps when the sample began). The latest row is therefore always the
 * latest report, and the kept rows (`healthReportsKeep`, pruned on insert) cover hours, not
 * minutes, so the console can draw a timeline from them. Each row holds its status from
 * `createdAt` until the next row's `createdAt`.
 */
@Injectable()
export class HealthHistoryWriter {
  private readonly open = new Map<string, OpenSample>();

  constructor(
    private readonly catalog: CatalogRepository,
    private readonly ids: IdGenerator,
    private readonly settings: RuntimeSettingsService,
  ) {}

  async write(serviceId: string, agentId: string, health: HealthWrite, nowIso: string, em: Tx): Promise<void> {
    const nowMs = Date.parse(nowIso);
    const current = this.open.get(serviceId);
    const same =
      current !== undefined &&
      current.status === health.status &&
      current.message === health.message &&
      nowMs - current.startedMs < HEALTH_SAMPLE_MS;
    // A row that vanished (rolled back, pruned, service re-created) is simply inserted anew.
    if (same && (await this.catalog.refreshHealth(current.rowId, JSON.stringify(health.details), nowIso, em))) return;
    const rowId = this.ids.next('hlr');
    await this.catalog.insertHealth(
      {
        id: rowId,
        workspaceId: DEFAULT_WORKSPACE_ID,
        serviceId,
        agentId,
        status: health.status,
        message: health.message,
        detailsJson: JSON.stringify(health.details),
        reportedAt: nowIso,
        createdAt: nowIso,
      },
      em,
    );
    // Cheap (indexed, at most keep+1 rows per service), and inserts are rare now.
    await this.catalog.pruneHealth(serviceId, this.settings.get().healthReportsKeep, em);
    if (this.open.size >= MAX_TRACKED && !this.open.has(serviceId)) this.open.clear();
    this.open.set(serviceId, { rowId, startedMs: nowMs, status: health.status, message: health.message });
  }
}
