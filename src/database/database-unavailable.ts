import { DomainError } from '../common/errors/domain-error';

/**
 * SQLSTATEs meaning "the database is not there right now", not "this query is wrong": the connection classes
 * (08xxx), a server shutting down or starting (57P01–57P03), too many connections (53300), and a statement
 * cancelled by `statement_timeout` (57014), which bounds every query so a hung database never hangs a request.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '57014']);
/** Node socket errors a driver passes through when it cannot reach the server. */
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/**
 * node-postgres reports a dropped socket or a full pool by message only, without a code (checked against pg 8):
 * these few fixed texts, never a pattern that could match a query error.
 */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated( unexpectedly| due to connection timeout)?$/,
  /^timeout exceeded when trying to connect$/,
  /^Client (has encountered a connection error|was closed) and is not queryable$/,
  /^Cannot use a pool after calling end on the pool$/,
  /^Query read timeout$/,
];

/**
 * The code that classified `error` as "database unavailable" (an SQLSTATE, an errno, or `CONNECTION_LOST`), or
 * undefined when it is some other failure. Looks through TypeORM's `driverError` and `cause` wrappers.
 */
export function unavailableCode(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || error === null || typeof error !== 'object') return undefined;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string') {
    if (e.code.startsWith('08') && e.code.length === 5) return e.code;
    if (UNAVAILABLE_SQLSTATES.has(e.code) || UNAVAILABLE_ERRNOS.has(e.code)) return e.code;
  }
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(e.message as string)))
    return 'CONNECTION_LOST';
  // Node wraps a failed connect to several addresses (IPv4 and IPv6 of localhost) in an AggregateError.
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors as unknown[]) {
      const code = unavailableCode(inner, depth + 1);
      if (code) return code;
    }
  }
  return unavailableCode(e.driverError, depth + 1) ?? unavailableCode(e.cause, depth + 1);
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return unavailableCode(error) !== undefined;
}

/** Clients wait this long before trying again; the server reconnects on its own meanwhile. */
const RETRY_AFTER_SECONDS = '5';

/** The 503 every request answers while the database cannot be reached (docs/scaling.md, "Failure modes"). */
export function databaseUnavailableError(): DomainError {
  return new DomainError(
    'DATABASE_UNAVAILABLE',
    'The database is unavailable right now. The server reconnects by itself; try again shortly.',
    undefined,
    503,
    { 'Retry-After': RETRY_AFTER_SECONDS },
  );
}
