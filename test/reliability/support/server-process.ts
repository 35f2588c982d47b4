import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';

/**
 * The built server (`dist/src/launch.js`, the production entry) as a real process on a fixed data dir and port, so a
 * test can SIGKILL it and start it again on the same files, exactly as an operator's restart
 * would. Agents keep one backend URL across restarts.
 */

export const ROOT = resolve(__dirname, '..', '..', '..');
export const MAIN = join(ROOT, 'dist', 'src', 'launch.js');
export const OWNER = { username: 'reliability-owner', password: 'reliability-password-123' } as const;
export const SECRET = 'reliability-session-secret-0123456789-abcdefghij';

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (address && typeof address === 'object' ? res(address.port) : rej(new Error('no port'))));
    });
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `opstage-rel-${prefix}-`));
}

export interface ServerOptions {
  dataDir: string;
  port?: number;
  /** Extra server environment (OPSTAGE_*). */
  env?: Record<string, string>;
}

/** A clean environment: nothing of ours leaks in from the shell or from jest. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('OPSTAGE_') && k !== 'NODE_ENV' && k !== 'DATABASE_URL') env[k] = v;
  return { ...env, ...extra };
}

export class ServerProcess {
  readonly dataDir: string;
  readonly databasePath: string;
  private readonly env: Record<string, string>;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private output = '';
  port = 0;
  /** Starts (including restarts) and the milliseconds each took to answer health. */
  readonly boots: number[] = [];

  constructor(options: ServerOptions) {
    if (!existsSync(MAIN)) throw new Error('dist/src/launch.js is missing: run `npm run build` first (npm test does)');
    this.dataDir = options.dataDir;
    mkdirSync(this.dataDir, { recursive: true });
    this.databasePath = join(options.dataDir, 'opstage.db');
    this.port = options.port ?? 0;
    this.env = options.env ?? {};
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The server's stdout and stderr so far (the last 200 kB). */
  logs(): string {
    return this.output;
  }

  async start(timeoutMs = 30_000): Promise<void> {
    if (this.running) throw new Error('server already running');
    if (this.port === 0) this.port = await freePort();
    const began = Date.now();
    const child = spawn(process.execPath, [MAIN], {
      cwd: this.dataDir,
      env: cleanEnv({
        NODE_ENV: 'development',
        OPSTAGE_HOST: '127.0.0.1',
        OPSTAGE_PORT: String(this.port),
        OPSTAGE_DATA_DIR: this.dataDir,
        OPSTAGE_SESSION_SECRET: SECRET,
        OPSTAGE_ADMIN_USERNAME: OWNER.username,
        OPSTAGE_ADMIN_PASSWORD: OWNER.password,
        OPSTAGE_COOKIE_SECURE: 'false',
        OPSTAGE_LOG_LEVEL: 'info',
        ...this.env,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer): void => {
      this.output += chunk.toString();
      if (this.output.length > 200_000) this.output = this.output.slice(-200_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((r) => child.once('exit', () => r()));
    let lastError = '';
    for (;;) {
      if (!this.running) throw new Error(`server exited during start: ${this.output.slice(-3000)}`);
      try {
        const res = await fetch(`${this.baseUrl}/api/system/health`, { signal: AbortSignal.timeout(5000) });
        if (res.status === 200 || res.status === 503) break;
        lastError = `HTTP ${res.status}`;
      } catch (error) {
        // not listening yet
        lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
      if (Date.now() - began > timeoutMs) {
        await this.kill();
        throw new Error(
          `server not healthy within ${timeoutMs} ms (last probe: ${lastError}): ${this.output.slice(-3000)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    this.boots.push(Date.now() - began);
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed (the crash case). */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM: the graceful shutdown. */
  async stop(): Promise<void> {
    if (!this.running) return;
    const child = this.child;
    child?.kill('SIGTERM');
    const timer = setTimeout(() => child?.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** `PRAGMA integrity_check` and `foreign_key_check` on a read-only connection (safe while the server runs). */
export function integrityCheck(path: string): { integrity: string; foreignKeyViolations: number } {
  const db = new Database(path, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const fk = db.pragma('foreign_key_check') as unknown[];
    return { integrity: rows.map((r) => r.integrity_check).join('; '), foreignKeyViolations: fk.length };
  } finally {
    db.close();
  }
}

/** Primary keys of every row of every table (JSON per row), by table: "which rows exist". */
export function rowKeys(path: string): Map<string, Set<string>> {
  return readDb(path, (db) => {
    const out = new Map<string, Set<string>>();
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      .all() as { name: string }[];
    for (const { name } of tables) {
      const columns = (db.pragma(`table_info("${name}")`) as { name: string; pk: number }[])
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk);
      const select = columns.length > 0 ? columns.map((c) => `"${c.name}"`).join(', ') : 'rowid';
      const rows = db.prepare(`SELECT ${select} FROM "${name}"`).raw().all() as unknown[][];
      out.set(name, new Set(rows.map((r) => JSON.stringify(r))));
    }
    return out;
  });
}

/** Runs `work` on a read-only connection to the server's database. */
export function readDb<T>(path: string, work: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

interface Envelope<T> {
  success: boolean;
  data: T;
  error?: { code: string; message: string };
}

/** An HTTP answer of the admin API: status, parsed body, and headers. */
export interface ApiAnswer<T> {
  status: number;
  body: Envelope<T>;
  headers: Headers;
}

/** Operator over fetch: session cookie + CSRF header, against a URL that can change (restores). */
export class Operator {
  cookie = '';
  csrf = '';

  constructor(public baseUrl: string) {}

  async login(username: string = OWNER.username, password: string = OWNER.password): Promise<void> {
    const res = await this.call<{ csrfToken: string }>('POST', '/api/admin/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    this.csrf = res.body.data.csrfToken;
  }

  async call<T>(method: string, path: string, body?: unknown, timeoutMs = 10_000): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { 'x-csrf-token': this.csrf };
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: Envelope<T>;
    try {
      parsed = JSON.parse(text) as Envelope<T>;
    } catch {
      parsed = { success: false, data: undefined as T, error: { code: 'NOT_JSON', message: text.slice(0, 200) } };
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  /** `call` that throws unless the answer is 200; returns `data`. */
  async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.call<T>(method, path, body);
    if (res.status !== 200) throw new Error(`${method} ${path} -> ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  }

  /** A POST answered with a file (the SQLite backup): status and bytes. */
  async download(path: string): Promise<{ status: number; bytes: Buffer; filename: string }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf },
      signal: AbortSignal.timeout(60_000),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const filename = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? '';
    return { status: res.status, bytes, filename };
  }

  async registrationToken(name: string): Promise<string> {
    return (
      await this.ok<{ token: string }>('POST', '/api/admin/registration-tokens', { name, expiresInSeconds: 3600 })
    ).token;
  }
}
