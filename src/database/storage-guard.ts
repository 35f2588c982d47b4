import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** Driver and file-system codes that mean "no space left" (SQLite's own, and the OS's). */
const FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);
/** While full, how often the guard checks whether space came back. */
export const STORAGE_PROBE_INTERVAL_MS = 5_000;
/** The probe writes this much next to the database: room for the WAL to grow by a few transactions. */
const PROBE_BYTES = 256 * 1024;
/** Under a size cap (OPSTAGE_DATABASE_MAX_MB), the free pages the database needs before writes resume. */
const PROBE_PAGES = 64;
const HEADROOM_SQL = `SELECT (SELECT max_page_count FROM pragma_max_page_count()) - (SELECT page_count FROM pragma_page_count())
  + (SELECT freelist_count FROM pragma_freelist_count()) AS "pages"`;
/** While full, a reminder with the count of refused writes, so a long outage stays visible in the logs. */
const REMINDER_MS = 60_000;
/** Agents and scripts wait this long before trying a refused write again. */
const RETRY_AFTER_SECONDS = '5';

/** True when `error` (or the driver error / cause it wraps) says the disk or database is full. */
export function isStorageFull(error: unknown, depth = 0): boolean {
  if (depth > 4 || error === null || typeof error !== 'object') return false;
  const e = error as { code?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && FULL_CODES.has(e.code)) return true;
  return isStorageFull(e.driverError, depth + 1) || isStorageFull(e.cause, depth + 1);
}

/** The 503 every refused write answers (docs/operations.md, Full disk). */
export function storageFullError(): DomainError {
  return new DomainError(
    'STORAGE_FULL',
    'The server cannot store data: the disk holding its database is full. Reads still work; try again once space is freed.',
    undefined,
    503,
    { 'Retry-After': RETRY_AFTER_SECONDS },
  );
}

/**
 * Tracks whether the database's disk is full. A write that fails for lack of space marks it
 * (one clear log line, health `DEGRADED` under `checks.storage`); from then on a small probe file
 * is written next to the database every few seconds, and the first probe that fits clears the
 * state again, so the server recovers by itself once space returns. Writes are never refused in
 * advance: each one is tried and only answers 503 `STORAGE_FULL` if it really fails. Under a size
 * cap (`OPSTAGE_DATABASE_MAX_MB`) the probe also wants free pages inside that cap.
 */
@Injectable()
export class StorageGuard implements OnModuleDestroy {
  private readonly logger = new Logger('storage');
  private fullSince: number | undefined;
  private refused = 0;
  private lastReminder = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly directory: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {
    this.directory = config.databasePath === ':memory:' ? config.dataDir : dirname(config.databasePath);
  }

  get isFull(): boolean {
    return this.fullSince !== undefined;
  }

  /** Health contribution: `DEGRADED` while writes fail for lack of space. */
  health(): { status: 'UP' | 'DEGRADED'; message?: string } {
    if (this.fullSince === undefined) return { status: 'UP' };
    return {
      status: 'DEGRADED',
      message: `Storage full since ${new Date(this.fullSince).toISOString()}: writes are refused with 503 STORAGE_FULL (${this.refused} so far). Free space where the database lives (${this.directory}).`,
    };
  }

  /** Records a write that failed for lack of space (`what`: the route or background job). */
  refusedWrite(what: string, error: unknown): void {
    this.refused += 1;
    const now = this.clock.nowMs();
    if (this.fullSince === undefined) {
      this.fullSince = now;
      this.lastReminder = now;
      this.logger.error({
        msg: 'storage full: the database cannot write; writes answer 503 STORAGE_FULL and health is DEGRADED until space is freed',
        directory: this.directory,
        what,
        error: error instanceof Error ? error.message : String(error),
      });
      this.timer = setInterval(() => void this.probe(), STORAGE_PROBE_INTERVAL_MS);
      this.timer.unref();
    } else if (now - this.lastReminder >= REMINDER_MS) {
      this.lastReminder = now;
      this.logger.error({
        msg: 'storage still full',
        directory: this.directory,
        refusedWrites: this.refused,
        sinceSeconds: Math.round((now - this.fullSince) / 1000),
      });
    }
  }

  /** One probe now; true when space is back (also clears the state). */
  async probe(): Promise<boolean> {
    if (this.fullSince === undefined) return true;
    if (!this.fileFits() || !(await this.pagesFit())) return false;
    this.logger.log({
      msg: 'storage writable again: space is back, writes are accepted',
      directory: this.directory,
      refusedWrites: this.refused,
      fullForSeconds: Math.round((this.clock.nowMs() - this.fullSince) / 1000),
    });
    this.fullSince = undefined;
    this.refused = 0;
    clearInterval(this.timer);
    this.timer = undefined;
    return true;
  }

  private fileFits(): boolean {
    const file = join(this.directory, `.opstage-space-probe-${process.pid}`);
    try {
      writeFileSync(file, Buffer.alloc(PROBE_BYTES));
      return true;
    } catch {
      return false;
    } finally {
      rmSync(file, { force: true });
    }
  }

  private async pagesFit(): Promise<boolean> {
    if (this.dataSource.options.type !== 'better-sqlite3' || !this.dataSource.isInitialized) return true;
    try {
      const rows: unknown = await this.dataSource.query(HEADROOM_SQL);
      const pages = Array.isArray(rows) ? Number((rows[0] as { pages?: unknown } | undefined)?.pages) : Number.NaN;
      return !Number.isFinite(pages) || pages >= PROBE_PAGES;
    } catch {
      return false;
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}
