import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { FixedClock, type Clock } from '../../src/common/time/clock';
import { AppLogger } from '../../src/common/logging/app-logger';
import { createApp } from '../../src/create-app';
import { builtInExtensions } from '../../src/extensions/extension-loader';
import type { ExtensionModule } from '../../src/extensions/extension-registry';
import { createTestDatabase, databaseUrl, dropTestDatabase, testsUsePostgres } from './postgres/test-database';

export const TEST_ADMIN = { username: 'admin', password: 'admin-password-123' } as const;
export const TEST_SECRET = 'test-session-secret-that-is-long-enough-0123456789';

export interface TestApp {
  app: NestExpressApplication;
  server: Server;
  config: AppConfig;
  dataDir: string;
  /** e2e-pg only: the PostgreSQL database of this app (kept across `restart()`, dropped on close). */
  database: string | undefined;
  /** Restart on the same data dir (sessions, data and migrations must survive). */
  restart(): Promise<TestApp>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: Clock;
  /** Reuse a data dir (restart tests); a fresh temp dir otherwise. */
  dataDir?: string;
  /** e2e-pg: reuse a database (restart tests); a fresh copy of the migrated template otherwise. */
  database?: string;
  /** Start listening on 127.0.0.1 with a random port (SDK and long-poll tests need a real socket). */
  listen?: boolean;
  /** Extra Nest modules (test-only controllers). */
  extraModules?: Type[];
  /** Opstage extensions, registered after the built-in ones (as main.ts does with OPSTAGE_EXTENSIONS). */
  extensions?: ExtensionModule[];
  /** Register the built-in extensions (the webhook notifier, configured from env); default true as in production. */
  builtInExtensions?: boolean;
}

/**
 * The real application on a real SQLite file in a temp dir (or, in the e2e-pg project, a fresh
 * PostgreSQL database), migrated exactly as in production, with the scheduler off unless a test
 * turns it on. Same `configureApp` as main.ts.
 */
export function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  return start(options, options.dataDir === undefined && options.database === undefined);
}

/** `owned`: the data dir and database were made for this app (also after its restarts), so close removes them. */
async function start(options: TestAppOptions, owned: boolean): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'opstage-test-'));
  const database = testsUsePostgres() ? await databaseFor(options, dataDir) : undefined;
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      OPSTAGE_SESSION_SECRET: TEST_SECRET,
      OPSTAGE_ADMIN_USERNAME: TEST_ADMIN.username,
      OPSTAGE_ADMIN_PASSWORD: TEST_ADMIN.password,
      OPSTAGE_DATA_DIR: dataDir,
      OPSTAGE_MAINTENANCE_INTERVAL_SECONDS: '0',
      OPSTAGE_SCHEDULE_TICK_SECONDS: '0',
      OPSTAGE_LOG_LEVEL: 'error',
      OPSTAGE_STATIC_DIR: join(dataDir, 'no-console-build'),
      ...(database === undefined ? {} : { DATABASE_URL: databaseUrl(database) }),
      ...options.env,
    },
    { packageVersion: '0.0.0-test' },
  );
  const extensions = [
    ...(options.builtInExtensions === false ? [] : builtInExtensions(config)),
    ...(options.extensions ?? []),
  ];
  let app: NestExpressApplication | undefined;
  try {
    app = await createApp(
      { config, clock: options.clock, extraModules: options.extraModules, extensions },
      new AppLogger('error'),
    );
    if (options.listen) await app.listen(0, '127.0.0.1');
    else await app.init();
  } catch (error) {
    // A boot that fails part-way (no admin, unknown migrations) has already started providers such as the
    // PostgreSQL LISTEN connection: close them, or their reconnect timers outlive the test.
    await app?.close().catch(() => undefined);
    if (owned && database !== undefined) {
      databasesByDir.delete(dataDir);
      await dropTestDatabase(database);
    }
    if (owned) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const started = app;
  let closed = false;
  const testApp: TestApp = {
    app: started,
    server: started.getHttpServer(),
    config,
    dataDir,
    database,
    restart: async () => {
      await close(false);
      return start({ ...options, dataDir, database }, owned);
    },
    close: () => close(owned),
  };
  async function close(removeDir: boolean): Promise<void> {
    if (closed) return;
    closed = true;
    await started.close();
    if (removeDir) rmSync(dataDir, { recursive: true, force: true });
    if (removeDir && database !== undefined) {
      databasesByDir.delete(dataDir);
      await dropTestDatabase(database);
    }
  }
  return testApp;
}

/**
 * e2e-pg: the database that goes with a data dir, so a test that starts a second app on the same
 * data dir (a restart by hand) finds its data there, as it would in the SQLite file.
 */
const databasesByDir = new Map<string, string>();

async function databaseFor(options: TestAppOptions, dataDir: string): Promise<string> {
  if (options.database !== undefined) return options.database;
  const known = databasesByDir.get(dataDir);
  if (known !== undefined) return known;
  const created = await createTestDatabase();
  databasesByDir.set(dataDir, created);
  return created;
}

export { FixedClock };
