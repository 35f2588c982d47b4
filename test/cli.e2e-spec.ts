import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerNext } from './support/commands-helpers';
import { createTestApp, type TestApp } from './support/create-test-app';
import { loginAs, type AdminClient } from './support/http';
import { seedAgentWithService, type SeededAgent } from './support/seed';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'cli', 'dist', 'main.js');

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The real `opstage` binary (cli/dist, built in beforeAll) in its own process against the listening test app
 * (docs/api-tokens-and-cli.md). Its config lives in a temp XDG_CONFIG_HOME; nothing of the developer's is read.
 */
function opstage(args: string[], env: Record<string, string>, stdin?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: env.XDG_CONFIG_HOME ?? tmpdir(), ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

describe('opstage CLI against the real backend', () => {
  let t: TestApp;
  let owner: AdminClient;
  let url: string;
  let svc: SeededAgent;
  let operatorToken: string;
  let operatorTokenId: string;
  let viewerToken: string;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    execFileSync('npm', ['run', '-s', 'build', '-w', '@opstage/cli'], { cwd: ROOT, stdio: 'pipe' });
    t = await createTestApp({ listen: true });
    url = `http://127.0.0.1:${(t.server.address() as AddressInfo).port}`;
    owner = await loginAs(t.server);
    svc = await seedAgentWithService(t.app, {
      code: 'billing',
      actions: [{ name: 'ping' }, { name: 'purge', dangerLevel: 'HIGH' }],
    });
    const op = await owner.post('/api/admin/api-tokens', { name: 'ci', role: 'operator', serviceAccount: 'ci' });
    operatorToken = op.body.data.token;
    operatorTokenId = op.body.data.id;
    const ro = await owner.post('/api/admin/api-tokens', { name: 'ro', role: 'viewer', serviceAccount: 'ro' });
    viewerToken = ro.body.data.token;
    dir = mkdtempSync(join(tmpdir(), 'opstage-cli-'));
    env = { XDG_CONFIG_HOME: join(dir, 'config') };
  }, 120_000);
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('login checks the token, stores it in a 0600 file, and later commands use it', async () => {
    const bad = await opstage(['login', '--url', url, '--token-stdin'], env, 'opstage_api_wrong\n');
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('UNAUTHORIZED');

    const ok = await opstage(['login', '--url', url, '--token-stdin'], env, `${operatorToken}\n`);
    expect(ok.code).toBe(0);
    const file = join(dir, 'config', 'opstage', 'config.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ url, token: operatorToken });

    const ls = await opstage(['services', 'ls'], env);
    expect(ls.code).toBe(0);
    expect(ls.stdout.split('\n')[0]).toMatch(/^ID\s+CODE\s+STATUS\s+HEALTH\s+VERSION\s+NAME$/);
    expect(ls.stdout).toContain(svc.serviceCode);

    const agents = await opstage(['agents', 'ls', '--json'], env);
    expect(agents.code).toBe(0);
    expect((JSON.parse(agents.stdout) as { id: string }[]).map((a) => a.id)).toContain(svc.agentId);
  });

  it('OPSTAGE_URL / OPSTAGE_TOKEN override the stored login', async () => {
    const res = await opstage(['services', 'ls', '--json'], { ...env, OPSTAGE_TOKEN: 'opstage_api_overridden' });
    expect(res.code).toBe(3);
    const none = await opstage(['services', 'ls'], { XDG_CONFIG_HOME: join(dir, 'empty') });
    expect(none.code).toBe(3);
    expect(none.stderr).toContain('not logged in');
  });

  it('run --wait streams progress to stderr and exits 0 when the command succeeds', async () => {
    const cli = opstage(['run', svc.serviceCode, 'ping', '--payload', '{"n":1}', '--wait'], env);
    const cmd = await answerNext(t.server, svc.agentId, svc.token, () => ({ success: true, message: 'pong' }));
    expect(cmd.payload).toEqual({ n: 1 });
    const res = await cli;
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`^${cmd.id} ping SUCCEEDED.* — pong\\n$`));
    expect(res.stderr).toContain(`${cmd.id}: SUCCEEDED`);
    const audit = await owner.get(`/api/admin/audit-events?actorType=API_TOKEN&targetId=${cmd.id}`).expect(200);
    expect(audit.body.data[0]).toMatchObject({ actorId: operatorTokenId, action: 'command.created' });
  });

  it('exits 10 when the command fails, 11 when it is cancelled', async () => {
    const payloadFile = join(dir, 'payload.json');
    writeFileSync(payloadFile, '{"n":2}');
    const failing = opstage(['run', svc.serviceId, 'ping', '--payload', `@${payloadFile}`, '--wait', '--json'], env);
    const failed = await answerNext(t.server, svc.agentId, svc.token, () => ({
      success: false,
      message: 'nope',
      error: { code: 'BROKEN', message: 'it broke' },
    }));
    expect(failed.payload).toEqual({ n: 2 });
    const res = await failing;
    expect(res.code).toBe(10);
    expect(JSON.parse(res.stdout)).toMatchObject({ id: failed.id, status: 'FAILED' });

    const started = await opstage(['run', svc.serviceCode, 'ping', '--json'], env);
    expect(started.code).toBe(0);
    const id = (JSON.parse(started.stdout) as { id: string }).id;
    const cancelled = await opstage(['commands', 'cancel', id], env);
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toContain('CANCELLED');
    // A retry of the cancelled command, followed until it ends; cancelling it through the CLI makes that exit 11.
    const waiting = opstage(['commands', 'retry', id, '--wait'], env);
    let retryId: string | undefined;
    for (let i = 0; i < 50 && !retryId; i++) {
      const list = await opstage(['commands', 'ls', '--status', 'PENDING', '--json'], env);
      retryId = (JSON.parse(list.stdout) as { id: string }[])[0]?.id;
      if (!retryId) await new Promise((r) => setTimeout(r, 100));
    }
    expect(retryId).toBeDefined();
    expect((await opstage(['commands', 'cancel', retryId as string], env)).code).toBe(0);
    expect((await waiting).code).toBe(11);

    const show = await opstage(['commands', 'show', id, '--json'], env);
    expect(JSON.parse(show.stdout)).toMatchObject({ id, status: 'CANCELLED', createdByType: 'API_TOKEN' });
  }, 60_000);

  it('audit export and backup write 0600 files', async () => {
    const auditFile = join(dir, 'audit.json');
    const audit = await opstage(['audit', 'export', '--actor-type', 'API_TOKEN', '--output', auditFile], env);
    expect(audit.code).toBe(0);
    expect(statSync(auditFile).mode & 0o777).toBe(0o600);
    const events = (JSON.parse(readFileSync(auditFile, 'utf8')) as { data: { actorType: string }[] }).data;
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.actorType))).toEqual(new Set(['API_TOKEN']));

    const backupFile = join(dir, 'backup.sqlite');
    const backup = await opstage(['backup', '--output', backupFile], env);
    if (t.config.databaseKind === 'postgres') {
      // PostgreSQL is backed up with pg_dump: the server's refusal is a rejection (exit 5) naming it.
      expect(backup.code).toBe(5);
      expect(backup.stderr).toContain('pg_dump');
      expect(existsSync(backupFile)).toBe(false);
      return;
    }
    expect(backup.code).toBe(0);
    expect(readFileSync(backupFile).subarray(0, 15).toString()).toBe('SQLite format 3');
    const again = await opstage(['backup', '--output', backupFile], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('cannot write');
  });

  it('maps refusals to exit codes: usage 2, revoked 3, forbidden 4, rejected 5', async () => {
    const usage = await opstage(['run', svc.serviceCode], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('missing <service> <action>');
    expect((await opstage(['run', 'a', 'b', '--payload', 'not json'], env)).code).toBe(2);
    expect((await opstage(['services', 'ls', '--nope'], env)).code).toBe(2);
    expect((await opstage(['nothing'], env)).code).toBe(2);

    const viewer = { ...env, OPSTAGE_TOKEN: viewerToken };
    const forbidden = await opstage(['run', svc.serviceCode, 'ping'], viewer);
    expect(forbidden.code).toBe(4);
    expect(forbidden.stderr).toContain('FORBIDDEN');

    const unknown = await opstage(['run', 'no-such-service', 'ping'], env);
    expect(unknown.code).toBe(5);
    const unconfirmed = await opstage(['run', svc.serviceCode, 'purge'], env);
    expect(unconfirmed.code).toBe(5);
    expect(unconfirmed.stderr).toContain('ACTION_REQUIRES_CONFIRMATION');

    const ro = await owner.get('/api/admin/api-tokens').expect(200);
    const viewerId = (ro.body.data as { id: string; name: string }[]).find((x) => x.name === 'ro')?.id;
    await owner.post(`/api/admin/api-tokens/${viewerId}/revoke`).expect(200);
    const revoked = await opstage(['agents', 'ls'], viewer);
    expect(revoked.code).toBe(3);
    expect(revoked.stderr).toContain('API_TOKEN_REVOKED');
  });
});
