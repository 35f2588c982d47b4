import { parse } from 'node:querystring';

/**
 * The application's query parser (configureApp sets it as Express's `query parser`; the agent fast path
 * calls it directly): repeated keys take the first value, empty values are dropped, and no nested
 * objects are built (as in the reference).
 */
export function parseQuery(qs: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parse(qs))) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined && first !== '') out[k] = first;
  }
  return out;
}
