import { execFileSync } from 'node:child_process';
import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Fleet, WORK_ACTION, workPayload } from './support/fleet';
import { pause, report } from './support/mode';
import { integrityCheck, Operator, ServerProcess, tempDir } from './support/server-process';

/**
 * Item 4 of the reliability campaign (docs/operations.md, Reliability): the data directory runs
 * out of space. Preferred: a real full disk, the data dir on a small tmpfs the test mounts and
 * fills (root only). Where mounting is refused, and always as a second run, SQLite's own
 * "database or disk is full" through a size cap (OPSTAGE_DATABASE_MAX_MB = PRAGMA
 * max_page_count) filled by a second connection. Each run prints its mode.
 */

type Mode = 'tmpfs' | 'page-cap';

function tryMount(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function umount(dir: string): void {
  try {
    execFileSync('umount', [dir], { stdio: 'ignore' });
  } catch {
    // not mounted
  }
}

/** Writes a file until the file system refuses (ENOSPC); returns its size. */
function fillDisk(path: string): number {
  const fd = openSync(path, 'w');
  let size = 0;
  try {
    for (const chunk of [1024 * 1024, 64 * 1024, 4096]) {
      const buffer = Buffer.alloc(chunk, 1);
      for (;;) {
        try {
          size += writeSync(fd, buffer);
        } catch {
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return size;
}

const MOUNTABLE = (() => {
  const probe = tempDir('mount-probe');
  const ok = tryMount(probe);
  if (ok) umount(probe);
  rmSync(probe, { recursive: true, force: true });
  return ok;
})();
const MODES: Mode[] = MOUNTABLE ? ['tmpfs', 'page-cap'] : ['page-cap'];

jest.setTimeout(150_000);

describe('full disk', () => {
  it.each(MODES)(
    'refuses writes with 503 STORAGE_FULL, keeps reads and health honest, and recovers by itself (%s)',
    async (mode) => {
      process.stdout.write(
        `reliability full-disk: running in ${mode} mode${mode === 'page-cap' && !MOUNTABLE ? ' (mounting a tmpfs was refused here)' : ''}\n`,
      );
      const dir = tempDir(`disk-${mode}`);
      const dataDir = join(dir, 'data');
      const env: Record<string, string> = { OPSTAGE_DISK_MIN_FREE_MB: '1', OPSTAGE_MAINTENANCE_INTERVAL_SECONDS: '5' };
      let server = new ServerProcess({ dataDir, env });
      let fleet: Fleet | undefined;
      let mounted = false;
      let capMb = 0;
      let acknowledged = '';
      const filler = join(dataDir, 'filler.bin');
      try {
        if (mode === 'tmpfs') {
          mounted = tryMount(server.dataDir);
          expect(mounted).toBe(true);
        } else {
          // The cap sits a few MB above the fresh database, so the test fills it quickly.
          await server.start();
          await server.stop();
          capMb = Math.ceil(statSync(server.databasePath).size / 1024 / 1024) + 3;
          server = new ServerProcess({ dataDir, env: { ...env, OPSTAGE_DATABASE_MAX_MB: String(capMb) } });
        }
        await server.start();
        const operator = new Operator(server.baseUrl);
        await operator.login();
        fleet = await Fleet.start({
          backendUrl: server.baseUrl,
          operator,
          count: 1,
          dir,
          prefix: `disk-${mode}`,
          ttlSeconds: 60,
        });
        const serviceId = fleet.agents[0]?.serviceId ?? '';
        const health = async (): Promise<{ status: string; checks: Record<string, { status: string }> }> =>
          (
            await operator.call<{ status: string; checks: Record<string, { status: string }> }>(
              'GET',
              '/api/system/health',
            )
          ).body.data;
        expect((await health()).status).toBe('UP');
        let n = 0;
        const pad = 'x'.repeat(60_000);
        const execute = (): ReturnType<Operator['call']> =>
          operator.call('POST', `/api/admin/capsule-services/${serviceId}/actions/${WORK_ACTION}`, {
            payload: { ...workPayload((n += 1), 10, false), pad },
          });

        // Fill it up.
        let filled = 0;
        const cap = new Database(server.databasePath, { timeout: 10_000 });
        try {
          if (mode === 'tmpfs') {
            filled = fillDisk(filler);
          } else {
            const insert =
              cap.prepare(`INSERT INTO audit_events (id, workspaceId, actorType, actorId, action, targetType, targetId, result, message, ipAddress, userAgent, metadataJson, createdAt)
            VALUES (?, 'wks_default', 'SYSTEM', NULL, 'test.filler', 'Workspace', 'wks_default', 'SUCCESS', NULL, NULL, NULL, ?, ?)`);
            // This connection fills up to just below the server's cap (max_page_count is per connection).
            const serverPages = Math.floor((capMb * 1024 * 1024) / Number(cap.pragma('page_size', { simple: true })));
            cap.pragma(`max_page_count = ${serverPages - 8}`);
            for (let i = 0; ; i += 1) {
              try {
                insert.run(
                  `aud_FILLER${String(i).padStart(16, '0')}`,
                  JSON.stringify({ pad }),
                  new Date().toISOString(),
                );
                filled += pad.length;
              } catch {
                break;
              }
            }
          }

          // Writes fail with 503 STORAGE_FULL (a few may still fit in space SQLite had already).
          let refused: Awaited<ReturnType<Operator['call']>> | undefined;
          let accepted = 0;
          for (let i = 0; i < 200 && !refused; i += 1) {
            const res = await execute();
            if (res.status === 200) accepted += 1;
            else refused = res;
          }
          if (!refused) {
            // Diagnostics for a run where the disk never filled up.
            const df = mode === 'tmpfs' ? execFileSync('df', ['-k', server.dataDir]).toString() : '';
            process.stdout.write(`full-disk ${mode}: ${accepted} writes accepted after the fill; ${df}\n`);
          }
          expect(refused?.status).toBe(503);
          expect(refused?.body.error?.code).toBe('STORAGE_FULL');
          expect(refused?.headers.get('retry-after')).toBe('5');
          // Reads keep working; the operator's session is intact.
          expect((await operator.call('GET', '/api/admin/commands?pageSize=5')).status).toBe(200);
          expect((await operator.call('GET', '/api/admin/agents')).status).toBe(200);
          expect((await operator.call('GET', '/api/admin/auth/me')).status).toBe(200);
          const degraded = await health();
          expect(degraded.status).toBe('DEGRADED');
          expect(degraded.checks['storage']?.status).toBe('DEGRADED');
          expect(server.logs()).toContain('storage full: the database cannot write');
          expect(server.running).toBe(true);

          // Space returns: the server notices by itself.
          const freedAt = Date.now();
          if (mode === 'tmpfs') rmSync(filler, { force: true });
          else cap.prepare(`DELETE FROM audit_events WHERE action = 'test.filler'`).run();
          let recovered: Awaited<ReturnType<typeof health>> | undefined;
          for (let i = 0; i < 60 && !recovered; i += 1) {
            await pause(500);
            const h = await health();
            if (h.status === 'UP') recovered = h;
          }
          expect(recovered?.status).toBe('UP');
          const recoveredAfterMs = Date.now() - freedAt;
          const after = await execute();
          expect(after.status).toBe(200);
          const id = (after.body.data as { id: string }).id;
          acknowledged = id;
          let status = '';
          for (let i = 0; i < 60 && status !== 'SUCCEEDED'; i += 1) {
            await pause(250);
            status = (await operator.call<{ status: string }>('GET', `/api/admin/commands/${id}`)).body.data.status;
          }
          expect(status).toBe('SUCCEEDED');
          expect(server.logs()).toContain('storage writable again');
          const integrity = integrityCheck(server.databasePath);
          expect(integrity).toEqual({ integrity: 'ok', foreignKeyViolations: 0 });
          report(`full-disk-${mode}`, {
            mode,
            filledBytes: filled,
            writesAcceptedAfterFill: accepted,
            refused: refused?.body.error?.code,
            recoveredAfterMs,
            integrity: integrity.integrity,
            storageFullLogLines: server.logs().split('storage full: the database cannot write').length - 1,
          });
        } finally {
          cap.close();
        }
        await fleet.stop();
        fleet = undefined;
        await server.stop();
        expect(integrityCheck(server.databasePath).integrity).toBe('ok');
        // What was acknowledged after the recovery is on disk (SQLite ends a transaction by itself
        // on a full disk; a stale transaction state once kept later writes from ever committing).
        const reader = new Database(server.databasePath, { readonly: true });
        try {
          expect(reader.prepare('SELECT status FROM commands WHERE id = ?').get(acknowledged)).toEqual({
            status: 'SUCCEEDED',
          });
        } finally {
          reader.close();
        }
      } finally {
        await fleet?.stop();
        await server.kill();
        if (mounted) umount(server.dataDir);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
