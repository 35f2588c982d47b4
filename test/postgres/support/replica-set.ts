import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ServerProcess, tempDir } from '../../reliability/support/server-process';
import { createTestDatabase, databaseUrl, dropTestDatabase } from '../../support/postgres/test-database';

/**
 * Several built server processes (`dist/src/launch.js`) on one fresh PostgreSQL database of the
 * e2e-pg run: the replicas an operator would run behind a load balancer. Shared by the suites
 * that need real processes (kill -9, cross-process behaviour) rather than Nest apps in jest.
 */

export interface ReplicaSetOptions {
  /** Names the temp dir (token files, data dirs). */
  name: string;
  count: number;
  /** Server environment for every replica (OPSTAGE_*); each also gets OPSTAGE_REPLICA_ID `replica-<n>`. */
  env?: Record<string, string>;
  bootTimeoutMs?: number;
}

export class ReplicaSet {
  readonly dir: string;
  readonly servers: ServerProcess[] = [];
  database = '';
  /** Milliseconds from creating the database to every replica answering health. */
  spawnMs = 0;

  private constructor(private readonly opts: ReplicaSetOptions) {
    this.dir = tempDir(opts.name);
  }

  /** Creates the set; the caller keeps it before awaiting `start`, so `stop` can clean up a failed start. */
  static create(opts: ReplicaSetOptions): ReplicaSet {
    return new ReplicaSet(opts);
  }

  async start(): Promise<void> {
    const began = Date.now();
    this.database = await createTestDatabase();
    for (let i = 0; i < this.opts.count; i += 1)
      this.servers.push(
        new ServerProcess({
          dataDir: join(this.dir, `replica-${i + 1}`),
          env: {
            DATABASE_URL: databaseUrl(this.database),
            OPSTAGE_REPLICA_ID: replicaId(i),
            ...this.opts.env,
          },
        }),
      );
    const timeout = this.opts.bootTimeoutMs ?? 90_000;
    // The first boot migrates (extension tables); the others start together on the migrated database.
    await this.servers[0]!.start(timeout);
    await Promise.all(this.servers.slice(1).map((s) => s.start(timeout)));
    this.spawnMs = Date.now() - began;
  }

  server(index: number): ServerProcess {
    const server = this.servers[index];
    if (!server) throw new Error(`no replica ${index + 1}`);
    return server;
  }

  /** One statement on a connection of its own (the test's view of the shared database). */
  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: databaseUrl(this.database) });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** Kills every replica, drops the database and removes the temp dir. */
  async stop(): Promise<void> {
    for (const server of this.servers) await server.kill();
    if (this.database) await dropTestDatabase(this.database);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The OPSTAGE_REPLICA_ID of the replica at `index` (0-based). */
export function replicaId(index: number): string {
  return `replica-${index + 1}`;
}
