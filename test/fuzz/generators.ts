import type { JsonSchema, Operation } from './openapi';
import type { Rng } from './rng';

export type PrincipalName = 'anonymous' | 'viewer' | 'operator' | 'owner' | 'agent';
export const PRINCIPALS: readonly PrincipalName[] = ['anonymous', 'viewer', 'operator', 'owner', 'agent'];

/** One generated request, complete enough to print and send again byte for byte. */
export interface FuzzRequest {
  index: number;
  principal: PrincipalName;
  operation: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** What the runner set up: credentials per principal and real ids per path-parameter name. */
export interface FuzzContext {
  cookies: Partial<Record<PrincipalName, string>>;
  csrf: Partial<Record<PrincipalName, string>>;
  agentId: string;
  agentToken: string;
  /** Real values by parameter name (`agentId`, `commandId`…), used for reads and harmless writes. */
  ids: Record<string, string[]>;
  /**
   * Ids that destructive routes (user changes, agent disable/revoke/delete) may use: never the
   * fuzzer's own principals, so it cannot log itself out or lock its agent away half-way.
   */
  sacrificial: Record<string, string[]>;
}

const NUMBERS = [
  '0',
  '-1',
  '1',
  '2',
  '5',
  '100',
  '101',
  '1000001',
  '1e18',
  '8e307',
  '1e400',
  '-1e18',
  'NaN',
  'Infinity',
  '-0',
  '0x10',
  '1.5',
  '9007199254740993',
  '',
  ' ',
  'abc',
  '[]',
  '%00',
];
const STRINGS = [
  '',
  'a',
  'fuzz',
  'x'.repeat(3000),
  '%',
  '_',
  "'",
  '"',
  '\\',
  '🙂',
  'ａｄｍｉｎ',
  "' OR 1=1 --",
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '2021-W01',
  '20210101',
  '2021-01-01T10:00+01',
  '2021-02-30',
  '2026-01-01T00:00:00.000Z',
  'null',
  'true',
  '__proto__',
  'constructor',
  '\u0000',
  'opstage_reg_notarealtoken',
  'opstage_agent_notarealtoken',
];
const JUNK_IDS = [
  '',
  'x',
  'agt_01ARZ3NDEKTSV4RRFFQ69G5FAV',
  'cmd_0000000000000000000000000',
  '..',
  '%2e%2e%2f',
  'a'.repeat(5000),
  '🙂',
  "' OR 1=1 --",
  '-1',
  '1e308',
  'null',
  '__proto__',
  'constructor',
  'usr_',
];
const CONTENT_TYPES = [
  'text/plain',
  'application/json; charset=utf-16',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/JSON',
  'application/json;;',
  'application/merge-patch+json',
  '',
];
const ENCODINGS = ['gzip', 'deflate', 'br', 'identity', 'x-bogus', 'gzip, br', ''];
const BAD_JSON = ['{', '{"a":}', '[1,2', 'nul', '{"a":"\\x"}', '"unterminated', '{"a":1}{"b":2}', '\u0000', '{"a":1,}'];
const DESTRUCTIVE = /^\/api\/admin\/(users\/\{userId\}|agents\/\{agentId\})/;

/** Builds request `index` for `op`; every choice comes from `rng`, so it replays exactly. */
export function generateRequest(rng: Rng, index: number, op: Operation, ctx: FuzzContext): FuzzRequest {
  const agentRoute = op.path.startsWith('/api/agents/');
  const principal: PrincipalName = agentRoute && rng.chance(0.7) ? 'agent' : rng.pick(PRINCIPALS);
  const destructive = op.method !== 'GET' && DESTRUCTIVE.test(op.path);
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    encodeURIComponent(pathValue(rng, name, principal, destructive, ctx)),
  );
  const query = queryString(rng, op);
  const headers: Record<string, string> = {
    accept: rng.chance(0.05) ? rng.pick(['text/html', '*/*', 'application/xml', '']) : 'application/json',
  };
  credentials(rng, principal, op.method, headers, ctx);
  oddHeaders(rng, headers);
  const withBody = ['POST', 'PUT', 'PATCH'].includes(op.method) || rng.chance(0.05);
  const body = withBody ? bodyFor(rng, op.body) : undefined;
  if (body !== undefined) {
    headers['content-type'] = rng.chance(0.1) ? rng.pick(CONTENT_TYPES) : 'application/json';
    if (rng.chance(0.05)) headers['content-encoding'] = rng.pick(ENCODINGS);
  }
  return {
    index,
    principal,
    operation: `${op.method} ${op.path}`,
    method: op.method,
    path: query ? `${path}?${query}` : path,
    headers,
    body,
  };
}

function pathValue(rng: Rng, name: string, principal: PrincipalName, destructive: boolean, ctx: FuzzContext): string {
  if (name === 'agentId' && principal === 'agent' && !destructive && rng.chance(0.8)) return ctx.agentId;
  const pool = destructive ? ctx.sacrificial[name] : ctx.ids[name];
  if (pool && pool.length > 0 && rng.chance(0.7)) return rng.pick(pool);
  return rng.chance(0.5) ? rng.pick(JUNK_IDS) : rng.pick(STRINGS);
}

function queryString(rng: Rng, op: Operation): string {
  const parts: string[] = [];
  for (const param of op.query) {
    if (!rng.chance(0.5)) continue;
    const value =
      param.schema.enum && rng.chance(0.7) ? String(rng.pick(param.schema.enum)) : scalarText(rng, param.schema);
    parts.push(`${encodeURIComponent(param.name)}=${encodeURIComponent(value)}`);
    if (rng.chance(0.05)) parts.push(`${encodeURIComponent(param.name)}=${encodeURIComponent(rng.pick(STRINGS))}`);
  }
  if (rng.chance(0.15))
    parts.push(
      `${encodeURIComponent(rng.pick(['page', 'pageSize', 'from', 'to', 'x', 'status', '__proto__[a]', 'a[b][c]']))}=${encodeURIComponent(rng.pick([...NUMBERS, ...STRINGS]))}`,
    );
  if (rng.chance(0.03)) parts.push(`${'k'.repeat(rng.int(1, 2000))}=${'v'.repeat(rng.int(0, 2000))}`);
  return parts.join('&');
}

function scalarText(rng: Rng, schema: JsonSchema): string {
  if (schema.type === 'integer' || schema.type === 'number') return rng.pick(NUMBERS);
  if (schema.type === 'boolean') return rng.pick(['true', 'false', '1', 'yes', '']);
  return rng.pick(rng.chance(0.3) ? NUMBERS : STRINGS);
}

function credentials(
  rng: Rng,
  principal: PrincipalName,
  method: string,
  headers: Record<string, string>,
  ctx: FuzzContext,
): void {
  if (principal === 'agent') {
    headers.authorization = rng.chance(0.9)
      ? `Bearer ${ctx.agentToken}`
      : rng.pick([
          'Bearer',
          'Basic YTpi',
          `bearer ${ctx.agentToken}`,
          ctx.agentToken,
          'Bearer opstage_agent_x',
          `Bearer ${'a'.repeat(4000)}`,
          'Bearer a b',
        ]);
    return;
  }
  const cookie = ctx.cookies[principal];
  if (cookie)
    headers.cookie = rng.chance(0.97)
      ? `opstage_session=${cookie}`
      : rng.pick(['opstage_session=', 'opstage_session=%zz', `opstage_session=${cookie}x`, 'a=b; opstage_session=1']);
  else if (rng.chance(0.05))
    headers.cookie = `opstage_session=${rng.pick(STRINGS.filter((s) => /^[\x21-\x7e]*$/.test(s)))}`;
  const csrf = ctx.csrf[principal];
  if (csrf && method !== 'GET') {
    if (rng.chance(0.9)) headers['x-csrf-token'] = csrf;
    else if (rng.chance(0.5)) headers['x-csrf-token'] = rng.pick(['', 'x', 'x'.repeat(43), `${csrf}x`]);
  }
  if (rng.chance(0.03)) headers.authorization = rng.pick(['Bearer x', 'Basic YTpi', '']);
}

function oddHeaders(rng: Rng, headers: Record<string, string>): void {
  if (rng.chance(0.05)) headers['x-request-id'] = rng.pick(['', 'x'.repeat(500), '../etc', 'id with spaces', '\t']);
  if (rng.chance(0.03)) headers['x-forwarded-for'] = rng.pick(['1.2.3.4', 'garbage', '::1, 10.0.0.1', 'x'.repeat(200)]);
  if (rng.chance(0.03)) headers['x-forwarded-proto'] = rng.pick(['https', 'ftp', '']);
  if (rng.chance(0.02)) headers['x-padding'] = 'p'.repeat(rng.int(1000, 8000));
}

function bodyFor(rng: Rng, schema: JsonSchema | undefined): string {
  const mode = rng.next();
  if (mode < 0.45) return JSON.stringify(mutate(rng, fromSchema(rng, schema ?? { type: 'object' }, 0)));
  if (mode < 0.53) return nested(rng.pick([63, 64, 65, 200, 5000]), rng.chance(0.5));
  if (mode < 0.6) return rng.pick(['[]', '"text"', '1', 'null', 'true', '[{"a":1}]']);
  if (mode < 0.68) return rng.pick(BAD_JSON);
  if (mode < 0.74)
    return rng.pick([
      '{"constructor":"x"}',
      '{"__proto__":{"polluted":true}}',
      '{"a":{"constructor":{"prototype":{"x":1}}}}',
      '{"prototype":1}',
    ]);
  if (mode < 0.77) return JSON.stringify({ blob: 'z'.repeat(rng.pick([100_000, 1_100_000, 2_000_000])) });
  if (mode < 0.8) return '';
  return JSON.stringify(randomValue(rng, 0));
}

function nested(depth: number, asObject: boolean): string {
  return asObject ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + ']'.repeat(depth);
}

function fromSchema(rng: Rng, schema: JsonSchema, depth: number): unknown {
  if (depth > 6) return null;
  if (schema.enum && rng.chance(0.8)) return rng.pick(schema.enum);
  switch (schema.type) {
    case 'string':
      return rng.chance(0.6) ? `fuzz-${rng.int(0, 99999)}` : rng.pick(STRINGS);
    case 'integer':
    case 'number':
      return rng.pick([0, 1, -1, 60, 86_400, 2 ** 31, 1e18, 1.5, schema.minimum ?? 0, schema.maximum ?? 100]);
    case 'boolean':
      return rng.chance(0.5);
    case 'array':
      return Array.from({ length: rng.int(0, 3) }, () => fromSchema(rng, schema.items ?? {}, depth + 1));
    default: {
      if (!schema.properties) return schema.type === 'object' ? {} : randomValue(rng, depth + 1);
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties)) {
        if ((schema.required ?? []).includes(key) || rng.chance(0.6)) out[key] = fromSchema(rng, prop, depth + 1);
      }
      return out;
    }
  }
}

/** One targeted change to an otherwise plausible body: a wrong type, a missing or extra field… */
function mutate(rng: Rng, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !rng.chance(0.6)) return value;
  const out = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(out);
  const key = keys.length > 0 && rng.chance(0.7) ? rng.pick(keys) : rng.pick(['extra', 'id', 'status', '']);
  const kind = rng.int(0, 4);
  if (kind === 0) delete out[key];
  else if (kind === 1) out[key] = randomValue(rng, 3);
  else if (kind === 2) out[key] = null;
  else if (kind === 3) out[key] = 'y'.repeat(rng.pick([256, 5000, 70_000]));
  else out[key] = rng.pick([[], {}, 1e308, -0, true, '']);
  return out;
}

function randomValue(rng: Rng, depth: number): unknown {
  const kind = depth > 4 ? rng.int(0, 3) : rng.int(0, 5);
  if (kind === 0) return rng.pick(STRINGS);
  if (kind === 1) return rng.pick([0, -1, 1.5, 1e308, 2 ** 53 + 1]);
  if (kind === 2) return rng.chance(0.5);
  if (kind === 3) return null;
  if (kind === 4) return Array.from({ length: rng.int(0, 3) }, () => randomValue(rng, depth + 1));
  const out: Record<string, unknown> = {};
  for (let i = rng.int(0, 4); i > 0; i -= 1)
    out[rng.pick(['a', 'name', 'code', 'payload', 'data', 'status', 'services', 'agent', 'x'])] = randomValue(
      rng,
      depth + 1,
    );
  return out;
}
