import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
/** The production entry (`npm start`, the container): the bundled server with V8's code cache. */
const MAIN = join(ROOT, 'dist', 'src', 'launch.js');
const BUNDLE = join(ROOT, 'dist', 'src', 'main.bundle.js');
const CODE_CACHE = `${BUNDLE}.cache`;

/** A clean environment: nothing of ours leaks in from the developer's shell or from jest. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('OPSTAGE_') && k !== 'NODE_ENV' && k !== 'DATABASE_URL') env[k] = v;
  return { ...env, ...extra };
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (address && typeof address === 'object' ? res(address.port) : rej(new Error('no port'))));
    });
  });
}

function collect(child: ChildProcess): { out: () => string; exit: Promise<number | null> } {
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  return { out: () => out, exit: new Promise((r) => child.on('exit', (code) => r(code))) };
}

async function waitForHealth(port: number, timeoutMs = 20_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/system/health`);
      if (res.ok) return await res.json();
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not become healthy');
    await new Promise((r) => setTimeout(r, 100));
  }
}

jest.setTimeout(60_000);

describe('the built server as a process', () => {
  let cwd: string;
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error('dist/src/launch.js is missing: run `npm run build` first (npm test does)');
    if (!existsSync(BUNDLE)) throw new Error('dist/src/main.bundle.js is missing: `npm run build` makes it');
  });
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'opstage-proc-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('exits 1 with the exact reference message when the secret is missing', async () => {
    const proc = collect(spawn(process.execPath, [MAIN], { cwd, env: cleanEnv() }));
    expect(await proc.exit).toBe(1);
    expect(proc.out()).toContain(
      'Invalid environment: {"OPSTAGE_SESSION_SECRET":["OPSTAGE_SESSION_SECRET is required (>=32 chars)"]}',
    );
  });

  it('an unreachable DATABASE_URL stops start-up with one line: no stack, no password, exit 1', async () => {
    const password = 'Never-Print-This-pw-91';
    const env = cleanEnv({
      OPSTAGE_SESSION_SECRET: 'x'.repeat(40),
      OPSTAGE_ADMIN_PASSWORD: 'admin-password-123',
      OPSTAGE_DATA_DIR: join(cwd, 'data'),
      // Port 1 on loopback: nothing listens, the connect is refused at once.
      DATABASE_URL: `postgres://opstage:${password}@127.0.0.1:1/opstage`,
    });
    const proc = collect(spawn(process.execPath, [MAIN], { cwd, env }));
    expect(await proc.exit).toBe(1);
    const lines = proc
      .out()
      .split('\n')
      .filter((l) => l.trim() !== '');
    expect(lines).toEqual([
      'Opstage CE failed to start: DATABASE_URL: cannot use PostgreSQL at 127.0.0.1:1/opstage: connection refused (is it running, and on that port?)',
    ]);
    expect(proc.out()).not.toContain(password);
  });

  it('lists every invalid variable at once', async () => {
    const proc = collect(
      spawn(process.execPath, [MAIN], { cwd, env: cleanEnv({ OPSTAGE_SESSION_SECRET: 'short', OPSTAGE_PORT: 'abc' }) }),
    );
    expect(await proc.exit).toBe(1);
    expect(proc.out()).toContain(
      'Invalid environment: {"OPSTAGE_PORT":["Expected number, received nan"],"OPSTAGE_SESSION_SECRET":["OPSTAGE_SESSION_SECRET must be at least 32 chars"]}',
    );
  });

  it('npm start path: first start writes .env (0600) with generated secrets, serves, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], {
      cwd,
      env: cleanEnv({ OPSTAGE_PORT: String(port), OPSTAGE_HOST: '127.0.0.1' }),
    });
    const proc = collect(child);
    try {
      const health = (await waitForHealth(port)) as { data: { status: string } };
      expect(health.data.status).toBe('UP');
      const envFile = join(cwd, '.env');
      expect(statSync(envFile).mode & 0o777).toBe(0o600);
      const content = readFileSync(envFile, 'utf8');
      const secret = /^OPSTAGE_SESSION_SECRET=(.+)$/m.exec(content)?.[1] ?? '';
      const password = /^OPSTAGE_ADMIN_PASSWORD=(.+)$/m.exec(content)?.[1] ?? '';
      expect(secret.length).toBeGreaterThanOrEqual(64);
      expect(secret).not.toContain('replace-with');
      expect(password.length).toBeGreaterThanOrEqual(12);
      expect(proc.out()).toContain(`Admin password: ${password}`);
      expect(existsSync(join(cwd, 'data', 'opstage.db'))).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await proc.exit).toBe(0);
  });

  it('a second start reuses .env and the data (no new secret, owner unchanged)', async () => {
    const port = await freePort();
    const env = cleanEnv({ OPSTAGE_PORT: String(port), OPSTAGE_HOST: '127.0.0.1' });
    const first = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], { cwd, env });
    const p1 = collect(first);
    await waitForHealth(port);
    const before = readFileSync(join(cwd, '.env'), 'utf8');
    first.kill('SIGTERM');
    expect(await p1.exit).toBe(0);

    const second = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], { cwd, env });
    const p2 = collect(second);
    try {
      await waitForHealth(port);
      expect(readFileSync(join(cwd, '.env'), 'utf8')).toBe(before);
      expect(p2.out()).not.toContain('Admin password:');
    } finally {
      second.kill('SIGTERM');
    }
    expect(await p2.exit).toBe(0);
  });

  it('the production entry writes a code cache after a start, and a restart uses it instead of writing it again', async () => {
    const port = await freePort();
    const env = cleanEnv({
      OPSTAGE_PORT: String(port),
      OPSTAGE_HOST: '127.0.0.1',
      OPSTAGE_SESSION_SECRET: 'x'.repeat(40),
      OPSTAGE_ADMIN_USERNAME: 'admin',
      OPSTAGE_ADMIN_PASSWORD: 'admin-password-123',
      OPSTAGE_DATA_DIR: join(cwd, 'data'),
    });
    // Other suites start the same build in parallel and share its cache file, so this test never deletes
    // it: it waits for a cache of THIS build (newer than the bundle), written by this start or another.
    const fresh = (): boolean => existsSync(CODE_CACHE) && statSync(CODE_CACHE).mtimeMs >= statSync(BUNDLE).mtimeMs;
    const first = spawn(process.execPath, [MAIN], { cwd, env });
    const p1 = collect(first);
    try {
      await waitForHealth(port);
      // Written a few seconds after start (src/launch.ts).
      const deadline = Date.now() + 20_000;
      while (!fresh() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(fresh()).toBe(true);
      // Any server started before the cache existed writes its own within the same delay: let those land.
      await new Promise((r) => setTimeout(r, 8_000));
    } finally {
      first.kill('SIGTERM');
    }
    expect(await p1.exit).toBe(0);
    const written = statSync(CODE_CACHE).mtimeMs;

    const second = spawn(process.execPath, [MAIN], { cwd, env });
    const p2 = collect(second);
    try {
      const health = (await waitForHealth(port)) as { data: { status: string } };
      expect(health.data.status).toBe('UP');
      // An accepted cache is not rewritten; a rejected one would be after the same delay.
      await new Promise((r) => setTimeout(r, 7_000));
      expect(statSync(CODE_CACHE).mtimeMs).toBe(written);
    } finally {
      second.kill('SIGTERM');
    }
    expect(await p2.exit).toBe(0);
  });

  it('with OPSTAGE_EXTENSIONS (here in .env) the production entry loads extensions like the unbundled build', async () => {
    const env = cleanEnv({ OPSTAGE_SESSION_SECRET: 'x'.repeat(40), OPSTAGE_DATA_DIR: join(cwd, 'data') });
    const fromEnv = collect(
      spawn(process.execPath, [MAIN], { cwd, env: { ...env, OPSTAGE_EXTENSIONS: 'no-such-ext' } }),
    );
    expect(await fromEnv.exit).toBe(1);
    expect(fromEnv.out()).toContain('Extension "no-such-ext": package could not be loaded');
    writeFileSync(join(cwd, '.env'), 'OPSTAGE_EXTENSIONS=no-such-ext-either\n');
    const fromFile = collect(spawn(process.execPath, [MAIN], { cwd, env }));
    expect(await fromFile.exit).toBe(1);
    expect(fromFile.out()).toContain('Extension "no-such-ext-either": package could not be loaded');
  });
});
