import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createConnection, createServer, type Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { AppLogger } from '../../src/common/logging/app-logger';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { createApp } from '../../src/create-app';
import { checkDatabaseReachable, StartupError } from '../../src/database/startup-check';
import { TEST_ADMIN, TEST_SECRET } from '../support/create-test-app';
import { loginAs, type AdminClient } from '../support/http';
import { adminUrl, createTestDatabase, dropTestDatabase } from '../support/postgres/test-database';

/** A role of its own with a distinctive password, so a leak anywhere is found by a plain search. */
const ROLE = `faults_${randomBytes(4).toString('hex')}`;
const PASSWORD = `Leak-Canary-${randomBytes(6).toString('hex')}`;

/**
 * The app reaches the run's PostgreSQL through this TCP relay: closing it drops every connection and refuses new
 * ones, exactly what the app sees when its database goes away (a stopped server or a cut network); opening it again
 * is the database coming back. The shared server itself keeps running for the other suites.
 */
class Relay {
  private listener: NetServer | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async open(): Promise<void> {
    const listener = createServer((client) => {
      const upstream = createConnection(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => listener.listen(this.port, '127.0.0.1', resolve));
    const address = listener.address();
    if (address && typeof address === 'object') this.port = address.port;
    this.listener = listener;
  }

  async close(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    for (const s of this.sockets) s.destroy();
    if (listener) await new Promise<void>((resolve) => listener.close(() => resolve()));
  }
}

async function asAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await probe()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

jest.setTimeout(60_000);

describe('PostgreSQL faults: the database goes away and comes back', () => {
  let dir: string;
  let database: string | undefined;
  let relay: Relay;
  let app: NestExpressApplication;
  let server: Server;
  let config: AppConfig;
  let owner: AdminClient;
  const logs: string[] = [];
  const bodies: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'opstage-faults-'));
    database = await createTestDatabase();
    await asAdmin((c) => c.query(`CREATE ROLE ${ROLE} LOGIN SUPERUSER PASSWORD '${PASSWORD}'`));
    const target = new URL(adminUrl());
    relay = new Relay(target.hostname, Number(target.port || 5432));
    await relay.open();
    config = loadConfig(
      {
        NODE_ENV: 'test',
        OPSTAGE_SESSION_SECRET: TEST_SECRET,
        OPSTAGE_ADMIN_USERNAME: TEST_ADMIN.username,
        OPSTAGE_ADMIN_PASSWORD: TEST_ADMIN.password,
        OPSTAGE_DATA_DIR: join(dir, 'data'),
        OPSTAGE_MAINTENANCE_INTERVAL_SECONDS: '0',
        OPSTAGE_STATIC_DIR: join(dir, 'no-console-build'),
        OPSTAGE_REPLICA_ID: 'faults-1',
        DATABASE_URL: `postgres://${ROLE}:${PASSWORD}@127.0.0.1:${relay.port}/${database}`,
        OPSTAGE_DATABASE_POOL_SIZE: '4',
      },
      { packageVersion: '0.0.0-test' },
    );
    // Every log line at every level, to search for the password afterwards.
    app = await createApp({ config, extensions: [] }, new AppLogger('debug', (line) => logs.push(line)));
    await app.listen(0, '127.0.0.1');
    server = app.getHttpServer();
    owner = await loginAs(server);
  });

  afterAll(async () => {
    await app?.close();
    await relay?.close();
    if (database) await dropTestDatabase(database);
    await asAdmin((c) => c.query(`DROP ROLE IF EXISTS ${ROLE}`));
    rmSync(dir, { recursive: true, force: true });
  });

  const keep = (res: request.Response): request.Response => {
    bodies.push(res.text);
    return res;
  };

  it('runs on PostgreSQL: health and diagnostics name the kind, the replica and the pool, never the URL', async () => {
    const health = keep(await request(server).get('/api/system/health').expect(200));
    expect(health.body.data).toMatchObject({
      status: 'UP',
      replicaId: 'faults-1',
      database: { status: 'UP', kind: 'postgres' },
      checks: { database: { status: 'UP' } },
    });
    const diag = keep(await owner.get('/api/admin/diagnostics/runtime').expect(200));
    expect(diag.body.data.database).toMatchObject({ kind: 'postgres', pool: { size: 4, waiting: 0 } });
    expect(diag.body.data.database.pool.open).toBeGreaterThanOrEqual(1);
    expect(diag.body.data.config).toMatchObject({
      databaseKind: 'postgres',
      databasePath: null,
      replicaId: 'faults-1',
    });
    const version = keep(await request(server).get('/api/system/version').expect(200));
    expect(version.body.data.database).toBe('postgres');
  });

  it('answers the SQLite backup with 409 BACKUP_NOT_SUPPORTED pointing to the pg_dump runbook', async () => {
    const res = keep(await owner.post('/api/admin/backup/sqlite').expect(409));
    expect(res.body.error.code).toBe('BACKUP_NOT_SUPPORTED');
    expect(res.body.error.message).toContain('pg_dump');
    expect(res.body.error.message).toContain('docs/scaling.md, "Backups"');
  });

  it('while the database is down: health 503 DOWN and requests 503 DATABASE_UNAVAILABLE, quickly; then it recovers by itself', async () => {
    await relay.close();

    const started = Date.now();
    const health = keep(await request(server).get('/api/system/health').expect(503));
    expect(health.body.data).toMatchObject({
      status: 'DOWN',
      database: { status: 'DOWN', kind: 'postgres' },
      checks: { database: { status: 'DOWN', message: 'The database did not answer.' } },
    });
    const api = keep(await owner.get('/api/admin/agents').expect(503));
    expect(api.body.error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', requestId: expect.any(String) });
    expect(api.headers['retry-after']).toBe('5');
    const login = keep(
      await request(server).post('/api/admin/auth/login').send({ username: 'admin', password: 'whatever-password' }),
    );
    expect(login.status).toBe(503);
    expect(login.body.error.code).toBe('DATABASE_UNAVAILABLE');
    // Never a hang: every answer above came within the pool's connect bound.
    expect(Date.now() - started).toBeLessThan(20_000);
    // The process itself stays alive for the load balancer.
    await request(server).get('/health').expect(200);

    await relay.open();
    await until(
      'health UP again',
      async () => keep(await request(server).get('/api/system/health')).status === 200,
      30_000,
    );
    // The same session works again: nothing was lost, nothing needed a restart.
    const agents = keep(await owner.get('/api/admin/agents').expect(200));
    expect(agents.body.success).toBe(true);
  });

  it('never shows the DATABASE_URL password: not in logs, health, diagnostics or errors', () => {
    expect(bodies.length).toBeGreaterThan(5);
    for (const text of [...bodies, ...logs]) expect(text).not.toContain(PASSWORD);
    // The outage was logged, once, with its code and no driver text.
    const outage = logs.filter((l) => l.includes('database unavailable'));
    expect(outage.length).toBeGreaterThanOrEqual(1);
    expect(logs.join('\n')).not.toMatch(/"stack":"[^"]*(57P01|ECONNREFUSED)/);
  });
});

describe('PostgreSQL start-up check: one clear line for a wrong DATABASE_URL', () => {
  const env = { OPSTAGE_SESSION_SECRET: TEST_SECRET, OPSTAGE_DATA_DIR: join(tmpdir(), 'opstage-unused') };
  const failure = async (url: string): Promise<string> => {
    const error: unknown = await checkDatabaseReachable(loadConfig({ ...env, DATABASE_URL: url }), 5_000).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StartupError);
    return (error as Error).message;
  };

  it('names a refused password and a missing database, never the password', async () => {
    const server = new URL(adminUrl());
    const wrong = `Wrong-pw-${randomBytes(4).toString('hex')}`;
    const target = `${server.hostname}:${server.port}`;
    const badPassword = await failure(`postgres://postgres:${wrong}@${target}/postgres`);
    expect(badPassword).toBe(
      `DATABASE_URL: cannot use PostgreSQL at ${target}/postgres: the server refused the user name or password (28P01)`,
    );
    expect(badPassword).not.toContain(wrong);
    const missing = await failure(`postgres://postgres:${server.password}@${target}/no_such_db_${ROLE}`);
    expect(missing).toBe(
      `DATABASE_URL: cannot use PostgreSQL at ${target}/no_such_db_${ROLE}: the database named in the URL does not exist (3D000)`,
    );
  });
});
