/** SQLSTATE of a driver error: pg sets `code`; TypeORM's QueryFailedError keeps the driver's error as `driverError`. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const direct = (error as { code?: unknown }).code;
  if (typeof direct === 'string') return direct;
  const inner = (error as { driverError?: { code?: unknown } }).driverError?.code;
  return typeof inner === 'string' ? inner : undefined;
}

/**
 * PostgreSQL refused a parameter as text: a NUL character (`%00` in a path or a query, `\u0000` in
 * JSON) is valid input to SQLite but "invalid byte sequence for encoding UTF8" (22021) to
 * PostgreSQL. It is the client's bad input, never a server fault.
 */
export function isInvalidText(error: unknown): boolean {
  const state = sqlState(error);
  return state === '22021' || state === '22P05';
}
