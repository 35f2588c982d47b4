import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CommandStream } from './support/command-stream';
import { Fleet } from './support/fleet';
import { LONG, pause, report, scale } from './support/mode';
import { integrityCheck, Operator, readDb, ServerProcess, tempDir } from './support/server-process';

/**
 * Item 1 of the reliability campaign (docs/operations.md, Reliability): SDK agents execute a
 * steady stream of commands (some with sealed payloads, some cancelled mid-run) while the server
 * is killed with SIGKILL at random moments and restarted on the same SQLite file.
 */

const AGENTS = scale(30, 200);
const KILLS = scale(3, 20);
/** Every command's TTL (the action's timeoutSeconds). */
const TTL_SECONDS = scale(12, 20);
const SWEEP_SECONDS = 5;
/** Gap between two operator requests (the command stream). */
const EXECUTE_EVERY_MS = scale(80, 40);
const RUN_BETWEEN_KILLS_MS: [number, number] = scale([2_000, 5_000], [2_000, 7_000]);

jest.setTimeout(scale(150_000, 1_800_000));

describe(`kill -9 under load (${LONG ? 'long' : 'short'} form)`, () => {
  const dir = tempDir('kill9');
  const server = new ServerProcess({
    dataDir: join(dir, 'data'),
    env: { OPSTAGE_MAINTENANCE_INTERVAL_SECONDS: String(SWEEP_SECONDS), OPSTAGE_LOG_LEVEL: 'warn' },
  });
  let fleet: Fleet | undefined;

  afterAll(async () => {
    await fleet?.stop();
    await server.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged command, runs none twice, ends every one within its TTL, keeps the file intact and the session valid', async () => {
    await server.start();
    const operator = new Operator(server.baseUrl);
    await operator.login();
    fleet = await Fleet.start({
      backendUrl: server.baseUrl,
      operator,
      count: AGENTS,
      dir,
      prefix: 'k9',
      ttlSeconds: TTL_SECONDS,
    });
    const services = fleet.agents.map((a) => a.serviceId);

    const stream = new CommandStream(operator, services, EXECUTE_EVERY_MS);
    const { acked, cancelAcked, refused } = stream;
    stream.start();

    const downtimes: number[] = [];
    const integrity: string[] = [];
    const missing: string[] = [];
    let sessionFailures = 0;
    const adminAnswerMs: number[] = [];
    for (let kill = 0; kill < KILLS; kill += 1) {
      const [min, max] = RUN_BETWEEN_KILLS_MS;
      await pause(min + Math.floor(Math.random() * (max - min)));
      const killedAt = Date.now();
      await server.kill();
      await pause(Math.floor(Math.random() * 1_000));
      // A fleet reconnecting at once on a busy machine can make the first health answer slow.
      await server.start(120_000);
      downtimes.push(Date.now() - killedAt);
      // The operator's session (stored in the database) still works without a new login. The
      // fleet reconnecting at once can make the first answer slow: only a refusal is a failure.
      const asked = Date.now();
      const me = await operator.call('GET', '/api/admin/auth/me', undefined, 60_000);
      adminAnswerMs.push(Date.now() - asked);
      if (me.status !== 200) sessionFailures += 1;
      integrity.push(integrityCheck(server.databasePath).integrity);
      const stored = readDb(
        server.databasePath,
        (db) => new Set((db.prepare('SELECT id FROM commands').all() as { id: string }[]).map((r) => r.id)),
      );
      for (const id of acked.keys()) if (!stored.has(id)) missing.push(id);
    }
    await pause(2_000);
    await stream.stop();

    // Every acknowledged command reaches a terminal state: wait out the longest TTL plus a sweep.
    const ids = [...acked.keys()];
    const rows = await waitTerminal(server.databasePath, ids, (TTL_SECONDS + SWEEP_SECONDS + 15) * 1_000);
    const maxDowntime = Math.max(...downtimes);
    const late: string[] = [];
    const byStatus: Record<string, number> = {};
    for (const row of rows) {
      byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
      const deadline = Date.parse(acked.get(row.id)?.expiresAt ?? '') + (SWEEP_SECONDS * 1_000 + maxDowntime + 3_000);
      if (row.completedAt === null || Date.parse(row.completedAt) > deadline) late.push(row.id);
    }
    const results = readDb(server.databasePath, (db) =>
      db.prepare('SELECT commandId, COUNT(*) AS n FROM command_results GROUP BY commandId HAVING n > 1').all(),
    );
    const notCancelled = [...cancelAcked].filter((id) => rows.find((r) => r.id === id)?.status !== 'CANCELLED');
    // A command that succeeded or failed was run by a handler exactly once.
    const completedWithoutRun = rows
      .filter((r) => (r.status === 'SUCCEEDED' || r.status === 'FAILED') && (fleet?.invocations.get(r.id) ?? 0) !== 1)
      .map((r) => r.id);
    const finalIntegrity = integrityCheck(server.databasePath);
    const sealedRun = [...acked.values()].filter((a) => a.sealed && fleet?.invocations.has(a.id)).length;

    report('kill9', {
      agents: AGENTS,
      kills: KILLS,
      downtimeMs: { max: maxDowntime, mean: Math.round(downtimes.reduce((a, b) => a + b, 0) / downtimes.length) },
      bootMs: server.boots,
      commandsAcknowledged: acked.size,
      commandsNotAcknowledged: Object.fromEntries(refused),
      cancelsAcknowledged: cancelAcked.size,
      byStatus,
      handlerRuns: fleet.invocations.size,
      sealedCommandsRun: sealedRun,
      secretMismatches: fleet.secretMismatches.length,
      duplicateRuns: fleet.duplicates().length,
      duplicateResults: results.length,
      missingAfterRestart: missing.length,
      lateTerminal: late.length,
      reRegistrations: fleet.registrations() - AGENTS,
      sessionFailures,
      firstAdminAnswerAfterRestartMs: {
        max: Math.max(...adminAnswerMs),
        median: adminAnswerMs.sort((a, b) => a - b)[Math.floor(adminAnswerMs.length / 2)],
      },
      integrity: [...new Set(integrity), finalIntegrity.integrity],
      foreignKeyViolations: finalIntegrity.foreignKeyViolations,
    });

    expect(acked.size).toBeGreaterThan(KILLS * 10);
    // The operator only ever saw success or no answer at all (server down), never a 5xx.
    expect([...refused.keys()].filter((k) => k.startsWith('HTTP 5'))).toEqual([]);
    expect(missing).toEqual([]);
    expect(fleet.duplicates()).toEqual([]);
    expect(results).toEqual([]);
    expect(completedWithoutRun).toEqual([]);
    expect(late).toEqual([]);
    expect(notCancelled).toEqual([]);
    expect(fleet.secretMismatches).toEqual([]);
    expect(sealedRun).toBeGreaterThan(0);
    expect(byStatus['SUCCEEDED'] ?? 0).toBeGreaterThan(acked.size / 2);
    expect(byStatus['CANCELLED'] ?? 0).toBeGreaterThan(0);
    expect(integrity.every((r) => r === 'ok')).toBe(true);
    expect(finalIntegrity).toEqual({ integrity: 'ok', foreignKeyViolations: 0 });
    expect(sessionFailures).toBe(0);
    // Agents kept their tokens through every restart.
    expect(fleet.registrations()).toBe(AGENTS);
  });
});

interface Row {
  id: string;
  status: string;
  completedAt: string | null;
}

async function waitTerminal(path: string, ids: string[], timeoutMs: number): Promise<Row[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = readDb(path, (db) => {
      const stmt = db.prepare('SELECT id, status, completedAt FROM commands WHERE id = ?');
      return ids.map((id) => stmt.get(id) as Row);
    });
    const open = rows.filter((r) => r.status === 'PENDING' || r.status === 'RUNNING');
    if (open.length === 0 || Date.now() > deadline) return rows;
    await pause(1_000);
  }
}
