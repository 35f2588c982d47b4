import type { Client, ClientConfig } from 'pg';

/**
 * A `pg` client, with `pg` loaded on first use: a server on SQLite never needs it, and loading it
 * (with Node's `tls` and `net` modules) at every start was about 5% of a cold start on SQLite
 * (docs/performance.md, "Start-up").
 */
export function newPgClient(config: ClientConfig): Client {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof import('pg');
  return new pg.Client(config);
}
