import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandStream } from './support/command-stream';
import { Fleet, keyFor, WORK_ACTION, workPayload } from './support/fleet';
import { LONG, pause, report, scale } from './support/mode';
import { integrityCheck, Operator, readDb, rowKeys, ServerProcess, tempDir } from './support/server-process';

/**
 * Item 5 of the reliability campaign (docs/operations.md, Reliability): a backup taken while
 * agents work, restored into a fresh server. Every row that existed when the backup started is
 * in it; sealed secrets open with the same session secret and fail cleanly with another.
 */

const AGENTS = scale(10, 50);
const LOAD_MS = scale(4_000, 30_000);
const OTHER_SECRET = 'a-different-session-secret-9876543210-zyxwvutsrq';

jest.setTimeout(scale(150_000, 600_000));

describe(`backup under load and restore drill (${LONG ? 'long' : 'short'} form)`, () => {
  const dir = tempDir('backup');
  const servers: ServerProcess[] = [];
  const fleets: Fleet[] = [];

  afterAll(async () => {
    for (const fleet of fleets) await fleet.stop();
    for (const server of servers) await server.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores every row present at backup time; sealed values open with the same secret only, and fail cleanly otherwise', async () => {
    const live = new ServerProcess({ dataDir: join(dir, 'live'), env: { OPSTAGE_LOG_LEVEL: 'warn' } });
    servers.push(live);
    await live.start();
    const operator = new Operator(live.baseUrl);
    await operator.login();
    const fleet = await Fleet.start({
      backendUrl: live.baseUrl,
      operator,
      count: AGENTS,
      dir,
      prefix: 'bk',
      ttlSeconds: 300,
    });
    fleets.push(fleet);
    // A parked agent: registered, then stopped, so commands for it wait PENDING with their sealed secrets.
    const parked = await Fleet.start({
      backendUrl: live.baseUrl,
      operator,
      count: 1,
      dir,
      prefix: 'parked',
      ttlSeconds: 300,
    });
    fleets.push(parked);
    await parked.stop();
    const parkedService = parked.agents[0]?.serviceId ?? '';
    const sealedPending: string[] = [];
    for (let n = 1; n <= 3; n += 1) {
      sealedPending.push(
        (
          await operator.ok<{ id: string }>(
            'POST',
            `/api/admin/capsule-services/${parkedService}/actions/${WORK_ACTION}`,
            { payload: workPayload(90_000 + n, 10, true) },
          )
        ).id,
      );
    }
    // One-time results: a generatedKey is stored sealed for 5 minutes.
    const keyService = fleet.agents[0]?.serviceId ?? '';
    const withKey: { id: string; n: number }[] = [];
    for (const n of [80_001, 80_002]) {
      const id = (
        await operator.ok<{ id: string }>('POST', `/api/admin/capsule-services/${keyService}/actions/${WORK_ACTION}`, {
          payload: { ...workPayload(n, 10, false), withKey: true },
        })
      ).id;
      withKey.push({ id, n });
    }

    const stream = new CommandStream(
      operator,
      fleet.agents.map((a) => a.serviceId),
      60,
    );
    stream.start();
    await pause(LOAD_MS / 2);
    const before = rowKeys(live.databasePath);
    const backup = await operator.download('/api/admin/backup/sqlite');
    const after = rowKeys(live.databasePath);
    await pause(LOAD_MS / 2);
    await stream.stop();
    expect(backup.status).toBe(200);
    expect(backup.filename).toMatch(/^opstage-.*\.db$/);
    // The streamed bytes are the file kept in the backup folder.
    expect(readFileSync(join(live.dataDir, 'backups', backup.filename)).equals(backup.bytes)).toBe(true);
    const backupFile = join(dir, 'restored-backup.db');
    writeFileSync(backupFile, backup.bytes);
    expect(integrityCheck(backupFile)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 });
    const inBackup = rowKeys(backupFile);
    const missing: string[] = [];
    const phantom: string[] = [];
    for (const [table, keys] of before)
      for (const key of keys) if (!inBackup.get(table)?.has(key)) missing.push(`${table} ${key}`);
    for (const [table, keys] of inBackup)
      for (const key of keys) if (!after.get(table)?.has(key)) phantom.push(`${table} ${key}`);
    const rowsInBackup = [...inBackup.values()].reduce((n, s) => n + s.size, 0);
    await fleet.stop();
    await live.stop();

    // Restore with the same secret, on the same address (agents keep their backend URL).
    const restored = new ServerProcess({
      dataDir: join(dir, 'restored'),
      port: live.port,
      env: { OPSTAGE_LOG_LEVEL: 'warn' },
    });
    servers.push(restored);
    copyFileSync(backupFile, restored.databasePath);
    await restored.start();
    // The operator's session is in the backup: it keeps working against the restored server.
    expect((await operator.call('GET', '/api/admin/auth/me')).status).toBe(200);
    const restoredKeys = rowKeys(restored.databasePath);
    const lostOnRestore = [...inBackup].flatMap(([table, keys]) =>
      [...keys].filter((k) => !restoredKeys.get(table)?.has(k)).map((k) => `${table} ${k}`),
    );
    // The parked agent comes back with its token file and receives the sealed secrets intact.
    const runsBefore = parked.invocations.size;
    await parked.agents[0]?.agent.start();
    await waitFor(
      async () => {
        const statuses = await Promise.all(
          sealedPending.map(
            async (id) => (await operator.ok<{ status: string }>('GET', `/api/admin/commands/${id}`)).status,
          ),
        );
        return statuses.every((s) => s === 'SUCCEEDED');
      },
      20_000,
      'sealed commands delivered after the restore',
    );
    expect(parked.secretMismatches).toEqual([]);
    expect(parked.invocations.size - runsBefore).toBe(sealedPending.length);
    const revealedSame = await reveal(operator, withKey[0]?.id ?? '');
    expect(revealedSame).toEqual({ status: 200, code: undefined, key: keyFor(withKey[0]?.n ?? 0) });
    await parked.stop();
    await restored.stop();

    // The same backup under another session secret: the sealed values cannot be opened, cleanly.
    const other = new ServerProcess({
      dataDir: join(dir, 'other'),
      port: live.port,
      env: { OPSTAGE_LOG_LEVEL: 'warn', OPSTAGE_SESSION_SECRET: OTHER_SECRET },
    });
    servers.push(other);
    copyFileSync(backupFile, other.databasePath);
    await other.start();
    const otherOperator = new Operator(other.baseUrl);
    await otherOperator.login();
    const runsBeforeOther = parked.invocations.size;
    await parked.agents[0]?.agent.start();
    const failed = await waitFor(
      async () => {
        const details = await Promise.all(
          sealedPending.map((id) =>
            otherOperator.ok<{ status: string; errorCode: string | null }>('GET', `/api/admin/commands/${id}`),
          ),
        );
        return details.every((d) => d.status === 'FAILED') ? details : undefined;
      },
      20_000,
      'sealed commands failed on the other secret',
    );
    expect(failed.map((d) => d.errorCode)).toEqual(sealedPending.map(() => 'COMMAND_PAYLOAD_UNREADABLE'));
    // The handler never ran with a missing secret.
    expect(parked.invocations.size).toBe(runsBeforeOther);
    const revealedOther = await reveal(otherOperator, withKey[1]?.id ?? '');
    // Cleanly: 409 with a stable code, the value never leaks, and no 500.
    expect(revealedOther).toEqual({ status: 409, code: 'COMMAND_SECRET_NOT_AVAILABLE', key: undefined });
    const retry = await otherOperator.call('POST', `/api/admin/commands/${sealedPending[0] ?? ''}/retry`, {});
    expect(retry.status).toBe(409);
    expect(retry.body.error?.code).toBe('COMMAND_PAYLOAD_SEALED');
    const serverErrors = other
      .logs()
      .split('\n')
      .filter((l) => l.includes('"request failed"'));
    expect(serverErrors).toEqual([]);
    await parked.stop();

    report('backup-restore', {
      agents: AGENTS,
      loadSeconds: LOAD_MS / 1_000,
      commandsAcknowledgedDuringLoad: stream.acked.size,
      backupBytes: backup.bytes.length,
      rowsInBackup,
      rowsPresentAtBackupStartMissing: missing.length,
      rowsNotInLiveAfterBackup: phantom.length,
      rowsLostOnRestore: lostOnRestore.length,
      sealedPayloadsDeliveredSameSecret: sealedPending.length,
      oneTimeKeyRevealedSameSecret: revealedSame.key === keyFor(withKey[0]?.n ?? 0),
      otherSecret: {
        sealedPayloads: failed.map((d) => d.errorCode),
        reveal: `${revealedOther.status} ${revealedOther.code ?? ''}`,
        retry: retry.body.error?.code,
      },
      commandsInRestore: readDb(
        restored.databasePath,
        (db) => (db.prepare('SELECT COUNT(*) AS n FROM commands').get() as { n: number }).n,
      ),
    });
    expect(missing).toEqual([]);
    expect(phantom).toEqual([]);
    expect(lostOnRestore).toEqual([]);
    expect(stream.acked.size).toBeGreaterThan(10);
  });
});

async function waitFor<T>(check: () => Promise<T | false | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(250);
  }
}

/** `POST …/reveal` of a one-time result field: the status, the error code and the `generatedKey` seen. */
async function reveal(
  operator: Operator,
  commandId: string,
): Promise<{ status: number; code: string | undefined; key: unknown }> {
  const posted = await operator.call<{ fields?: Record<string, unknown> }>(
    'POST',
    `/api/admin/commands/${commandId}/reveal`,
    {},
  );
  return { status: posted.status, code: posted.body.error?.code, key: posted.body.data?.fields?.['generatedKey'] };
}
