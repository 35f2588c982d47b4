import { Inject, Injectable, Logger } from '@nestjs/common';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/context/request-context';
import { DomainError } from '../common/errors/domain-error';
import { ensurePrivateDir, ensurePrivateFile } from '../database/private-files';
import { isStorageFull, storageFullError } from '../database/storage-guard';
import { StatsRepository } from './stats.repository';

export interface BackupFile {
  filename: string;
  path: string;
  sizeBytes: number;
}

/** `opstage-2026-05-14T12-00-00-000Z.db`, optionally `-<n>` when several land in one millisecond. */
const BACKUP_NAME = /^opstage-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)(?:-(\d+))?\.db$/;

/**
 * Online SQLite backups (docs/design/decisions.md, "Online backups"): a consistent copy through SQLite's backup API while the
 * server keeps running, written under a temporary name and renamed, then rotated to the newest
 * `OPSTAGE_BACKUP_KEEP`. Sealed secrets are ciphertext at rest, so a backup holds no plaintext.
 */
@Injectable()
export class BackupService {
  private readonly logger = new Logger('backup');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly stats: StatsRepository,
    private readonly audit: AuditService,
  ) {}

  async create(ctx: RequestContext): Promise<BackupFile> {
    // SQLite's backup API needs the SQLite driver; a shared PostgreSQL is backed up by its operator.
    if (this.config.databaseKind === 'postgres') {
      throw new DomainError(
        'BACKUP_NOT_SUPPORTED',
        'This server runs on PostgreSQL: take backups with pg_dump (see "Backups" in the docs on running several replicas).',
        undefined,
        409,
      );
    }
    const dir = this.config.backupDir;
    ensurePrivateDir(dir);
    const filename = uniqueName(dir, ctx.nowIso);
    const path = join(dir, filename);
    const partial = `${path}.partial`;
    try {
      // Created 0600 before SQLite writes into it: a backup holds password hashes.
      ensurePrivateFile(partial);
      await this.stats.backupTo(partial);
      renameSync(partial, path);
    } catch (error) {
      rmSync(partial, { force: true });
      this.logger.error({ msg: 'backup failed', error: error instanceof Error ? error.message : String(error) });
      if (isStorageFull(error)) throw storageFullError();
      throw new DomainError('BACKUP_FAILED', 'The SQLite backup could not be written.');
    }
    const removed = rotateBackups(dir, this.config.backupKeep);
    const sizeBytes = statSync(path).size;
    await this.audit.recordNow(ctx, {
      action: 'backup.sqlite.created',
      targetType: 'Backup',
      targetId: filename,
      metadata: { sizeBytes, rotatedOut: removed.length },
    });
    return { filename, path, sizeBytes };
  }
}

function uniqueName(dir: string, nowIso: string): string {
  const stamp = nowIso.replace(/[:.]/g, '-');
  let name = `opstage-${stamp}.db`;
  for (let n = 1; existsSync(join(dir, name)); n++) name = `opstage-${stamp}-${n}.db`;
  return name;
}

/** Deletes all but the newest `keep` backups this server wrote; other files in the folder are never touched. */
export function rotateBackups(dir: string, keep: number): string[] {
  const backups = readdirSync(dir)
    .map((name) => ({ name, match: BACKUP_NAME.exec(name) }))
    .filter((b): b is { name: string; match: RegExpExecArray } => b.match !== null)
    .map((b) => ({ name: b.name, stamp: b.match[1] ?? '', seq: Number(b.match[2] ?? 0) }))
    .sort((a, b) => (a.stamp === b.stamp ? b.seq - a.seq : a.stamp < b.stamp ? 1 : -1));
  const doomed = backups.slice(Math.max(1, keep)).map((b) => b.name);
  for (const name of doomed) rmSync(join(dir, name), { force: true });
  return doomed;
}
