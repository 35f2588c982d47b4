import type { Client } from 'pg';
import type { AppConfig } from '../config/app-config';
import { redactString } from '../common/redaction/redact';
import { unavailableCode } from './database-unavailable';
import { newPgClient } from './pg-client';

/** How long start-up waits for PostgreSQL to answer before giving up with one clear line. */
export const STARTUP_CONNECT_TIMEOUT_MS = 10_000;

/** A start-up failure whose message is already one safe line: no stack, no URL, no password. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/**
 * Opens one connection to PostgreSQL and closes it before the application is built, so a wrong or unreachable
 * `DATABASE_URL` stops the process with one line that says what is wrong (docs/scaling.md, "Failure modes"),
 * instead of a framework stack trace. Nothing to check on SQLite (a local file opens or the boot fails at once).
 */
export async function checkDatabaseReachable(config: AppConfig, timeoutMs = STARTUP_CONNECT_TIMEOUT_MS): Promise<void> {
  if (config.databaseKind !== 'postgres' || !config.databaseUrl) return;
  let client: Client;
  try {
    client = newPgClient({
      connectionString: config.databaseUrl,
      connectionTimeoutMillis: timeoutMs,
      application_name: `opstage-startup-${config.replicaId}`.slice(0, 63),
    });
  } catch (error) {
    throw new StartupError(describeDatabaseFailure(error, config.databaseUrl, timeoutMs));
  }
  // A socket error after connect (the server going away) must not become an uncaught 'error' event.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new StartupError(describeDatabaseFailure(error, config.databaseUrl, timeoutMs));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** SQLSTATEs a misconfigured URL produces at connect time, as a hint the operator can act on. */
const CONNECT_SQLSTATES: Record<string, string> = {
  '28P01': 'the server refused the user name or password',
  '28000': 'the server refused this user or client address (pg_hba.conf)',
  '3D000': 'the database named in the URL does not exist',
  '42501': 'the user may not connect to this database',
  '53300': 'the server has no free connection slots (max_connections)',
  '57P03': 'the server is starting up or shutting down',
};

/**
 * One line for a failed connect, naming only the host and port (never user info or the password: the driver's
 * text is used only after both are masked).
 */
export function describeDatabaseFailure(error: unknown, databaseUrl: string, timeoutMs: number): string {
  const target = targetOf(databaseUrl);
  const prefix = `DATABASE_URL: cannot use PostgreSQL at ${target}`;
  const e = (error ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && CONNECT_SQLSTATES[code]) return `${prefix}: ${CONNECT_SQLSTATES[code]} (${code})`;
  const lost = unavailableCode(error);
  if (lost === 'ECONNREFUSED') return `${prefix}: connection refused (is it running, and on that port?)`;
  if (lost === 'ENOTFOUND' || lost === 'EAI_AGAIN') return `${prefix}: host name not found`;
  if (lost === 'ETIMEDOUT' || lost === 'CONNECTION_LOST')
    return `${prefix}: no answer within ${Math.round(timeoutMs / 1000)} s`;
  if (lost) return `${prefix}: ${lost}`;
  const message = typeof e.message === 'string' ? e.message : String(error);
  return `${prefix}: ${maskSecrets(message.split('\n')[0] ?? '', databaseUrl)}${code ? ` (${code})` : ''}`;
}

/** `host:port/database` of the URL, or a placeholder when it does not parse (the raw text may hold the password). */
function targetOf(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname.length > 1 ? url.pathname : ''}`;
  } catch {
    return '(an unparsable URL)';
  }
}

function maskSecrets(text: string, databaseUrl: string): string {
  let out = redactString(text.split(databaseUrl).join('DATABASE_URL'));
  try {
    const password = decodeURIComponent(new URL(databaseUrl).password);
    if (password) out = out.split(password).join('[REDACTED]');
  } catch {
    // unparsable URL: nothing more to mask than redactString did
  }
  return out;
}
