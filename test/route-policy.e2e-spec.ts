import { Controller, Get, Module, Post, RequestMethod, type Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, MODULE_PATH, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import request from 'supertest';
import {
  POLICY_KEY,
  TOKEN_ACCESS_KEY,
  TOKEN_SCOPE_KEY,
  type RoutePolicy,
  type TokenAccess,
  type TokenScopeTarget,
} from '../src/common/auth/policy.decorators';
import { MAX_FAILURES_PER_IP } from '../src/auth/login-throttle';
import { roleAtLeast } from '../src/common/auth/role';
import { ExampleExtension } from './fixtures/example-extension/example.extension';
import { createTestApp, type TestApp } from './support/create-test-app';
import { loginAs, type AdminClient } from './support/http';
import type { Role } from '../src/contracts';

interface RouteInfo {
  controller: string;
  handler: string;
  method: string;
  path: string;
  policy: RoutePolicy | undefined;
  httpCode: number | undefined;
  /** An open-ended response (server-sent events): checked by its status line only. */
  streaming: boolean;
  tokenAccess: TokenAccess | undefined;
  tokenScope: TokenScopeTarget | undefined;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function joinPath(...parts: (string | undefined)[]): string {
  const joined = `/${parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join('/')}`.replace(
    /\/+/g,
    '/',
  );
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? [value] : [''];
}

/** Every controller route Nest registered, from its own metadata (core, extensions and test fixtures alike). */
function discoverRoutes(t: TestApp): RouteInfo[] {
  const modules = t.app.get(ModulesContainer);
  const scanner = new MetadataScanner();
  const routes: RouteInfo[] = [];
  for (const moduleRef of modules.values()) {
    const modulePath: unknown =
      Reflect.getMetadata(MODULE_PATH + modules.applicationId, moduleRef.metatype) ??
      Reflect.getMetadata(MODULE_PATH, moduleRef.metatype);
    for (const wrapper of moduleRef.controllers.values()) {
      const metatype = wrapper.metatype as Type | null;
      if (!metatype) continue;
      const prototype = metatype.prototype as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function') continue;
        const methodPaths: unknown = Reflect.getMetadata(PATH_METADATA, handler);
        if (methodPaths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number] ?? 'GET';
        const policy = (Reflect.getMetadata(POLICY_KEY, handler) ?? Reflect.getMetadata(POLICY_KEY, metatype)) as
          | RoutePolicy
          | undefined;
        const httpCode = Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined;
        const tokenAccess = (Reflect.getMetadata(TOKEN_ACCESS_KEY, handler) ??
          Reflect.getMetadata(TOKEN_ACCESS_KEY, metatype)) as TokenAccess | undefined;
        const tokenScope = (Reflect.getMetadata(TOKEN_SCOPE_KEY, handler) ??
          Reflect.getMetadata(TOKEN_SCOPE_KEY, metatype)) as TokenScopeTarget | undefined;
        const produces = (Reflect.getMetadata('swagger/apiProduces', handler) ?? []) as string[];
        for (const controllerPath of asList(Reflect.getMetadata(PATH_METADATA, metatype))) {
          for (const methodPath of asList(methodPaths)) {
            routes.push({
              controller: metatype.name,
              handler: name,
              method,
              path: joinPath(typeof modulePath === 'string' ? modulePath : undefined, controllerPath, methodPath),
              policy,
              httpCode,
              streaming: produces.includes('text/event-stream'),
              tokenAccess,
              tokenScope,
            });
          }
        }
      }
    }
  }
  return routes;
}

/** Routes as Express actually serves them, to prove the walk above saw all of them. */
function expressRoutes(t: TestApp): { method: string; path: string }[] {
  const instance = t.app.getHttpAdapter().getInstance() as {
    router?: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  const out: { method: string; path: string }[] = [];
  for (const layer of instance.router?.stack ?? []) {
    if (!layer.route) continue;
    for (const [m, on] of Object.entries(layer.route.methods))
      if (on && m !== '_all') out.push({ method: m.toUpperCase(), path: layer.route.path });
  }
  return out;
}

/** Concrete URL for a route template; parameters get ids that exist nowhere. */
function concrete(path: string): string {
  return path
    .replace(/\{\*[^}]+\}/g, 'x')
    .replace(/\*[A-Za-z0-9_]*/g, 'x')
    .replace(/:([A-Za-z0-9_]+)/g, 'zz_missing_$1');
}

function label(r: RouteInfo): string {
  return `${r.method} ${r.path} (${r.controller}.${r.handler})`;
}

function send(client: request.Agent | ReturnType<typeof request>, method: string, url: string): request.Test {
  switch (method) {
    case 'POST':
      return client.post(url).send({});
    case 'PUT':
      return client.put(url).send({});
    case 'PATCH':
      return client.patch(url).send({});
    case 'DELETE':
      return client.delete(url);
    case 'HEAD':
      return client.head(url);
    default:
      return client.get(url);
  }
}

/** The status of a response that never ends (an event stream): read from the head, then hang up. */
function statusOf(test: request.Test): Promise<{ status: number; body: { error?: { code?: string } } }> {
  return new Promise((resolve, reject) => {
    test
      .buffer(false)
      .parse((response, callback) => {
        // On Node the parser receives the raw IncomingMessage.
        const res = response as unknown as IncomingMessage;
        const status = res.statusCode ?? 0;
        if (status === 200) {
          resolve({ status, body: {} });
          res.destroy();
          callback(null, {});
          return;
        }
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          resolve({ status, body: JSON.parse(text || '{}') as { error?: { code?: string } } });
          callback(null, {});
        });
      })
      .end((error: Error | null) => {
        if (error && !/aborted|socket hang up|ECONNRESET/i.test(error.message)) reject(error);
      });
  });
}

@Controller('api/admin/route-policy-fixture')
class UndeclaredController {
  @Get()
  open(): string {
    return 'should never be served';
  }

  @Post()
  create(): string {
    return 'nor this';
  }
}

@Module({ controllers: [UndeclaredController] })
class UndeclaredFixtureModule {}

describe('route policy (deny by default)', () => {
  let t: TestApp;
  let routes: RouteInfo[];

  beforeAll(async () => {
    // Extensions are walked like core controllers: the built-in webhook notifier and the documented example.
    t = await createTestApp({ extensions: [ExampleExtension] });
    routes = discoverRoutes(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('discovers the real route table (and nothing Express serves is missing from it)', () => {
    const keys = new Set(routes.map((r) => `${r.method} ${r.path}`));
    for (const expected of [
      'POST /api/admin/auth/login',
      'GET /api/admin/auth/me',
      'GET /api/admin/users',
      'GET /api/admin/audit-events/export',
      'GET /api/system/health',
      'GET /api/ext/example/events',
      'POST /api/ext/example/notes',
      'GET /api/ext/webhook-notifier/deliveries',
      'POST /api/ext/webhook-notifier/test',
      'GET /api/admin/notifications/channels',
      'POST /api/admin/notifications/channels/:channelId/test',
      'DELETE /api/admin/notifications/rules/:ruleId',
      'GET /api/admin/notifications/deliveries',
      'GET /api/admin/schedules',
      'POST /api/admin/schedules',
      'GET /api/admin/schedules/:scheduleId',
      'PATCH /api/admin/schedules/:scheduleId',
      'DELETE /api/admin/schedules/:scheduleId',
      'GET /api/admin/schedules/:scheduleId/runs',
    ]) {
      expect(keys).toContain(expected);
    }
    // The OpenAPI document and its UI are mounted by SwaggerModule straight on Express and are public by design.
    const isOpenApi = (path: string): boolean =>
      path === '/api/docs-json' || path === '/api/docs' || path.startsWith('/api/docs/');
    const missing = expressRoutes(t).filter((e) => !isOpenApi(e.path) && !keys.has(`${e.method} ${e.path}`));
    expect(missing).toEqual([]);
  });

  it('every route declares exactly one policy: @Public, @Roles or @AgentAuth', () => {
    const undeclared = routes
      .filter((r) => !r.policy || !['public', 'roles', 'agent'].includes(r.policy.kind))
      .map(label);
    expect(undeclared).toEqual([]);
  });

  it('every POST answers 200 (@HttpCode(200)), never Nest’s default 201', () => {
    const wrong = routes.filter((r) => r.method === 'POST' && r.httpCode !== 200).map(label);
    expect(wrong).toEqual([]);
  });

  it('admin routes require a session role; agent routes never take one', () => {
    const adminPublic = routes.filter((r) => r.path.startsWith('/api/admin/') && r.policy?.kind !== 'roles').map(label);
    expect(adminPublic).toEqual(['POST /api/admin/auth/login (AuthController.login)']);
    const agentWithSession = routes
      .filter((r) => r.path.startsWith('/api/agents/') && r.policy?.kind === 'roles')
      .map(label);
    expect(agentWithSession).toEqual([]);
  });

  it('finds the live event stream and knows it never ends', () => {
    expect(routes.filter((r) => r.streaming).map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/admin/events/stream',
    ]);
  });

  it('the export route is declared before `:auditEventId`', () => {
    const audit = routes.filter((r) => r.path.startsWith('/api/admin/audit-events/')).map((r) => r.path);
    expect(audit.indexOf('/api/admin/audit-events/export')).toBeLessThan(
      audit.indexOf('/api/admin/audit-events/:auditEventId'),
    );
  });
});

describe('route policy: the walker catches undeclared routes and the guard refuses them', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ extraModules: [UndeclaredFixtureModule] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports the fixture routes and answers 403 for them', async () => {
    const undeclared = discoverRoutes(t)
      .filter((r) => !r.policy)
      .map((r) => `${r.method} ${r.path}`);
    expect(undeclared.sort()).toEqual(['GET /api/admin/route-policy-fixture', 'POST /api/admin/route-policy-fixture']);
    const owner = await loginAs(t.server);
    const get = await owner.get('/api/admin/route-policy-fixture');
    expect(get.status).toBe(403);
    expect(get.body.error.code).toBe('FORBIDDEN');
    expect((await request(t.server).get('/api/admin/route-policy-fixture')).status).toBe(403);
    expect((await owner.post('/api/admin/route-policy-fixture')).status).toBe(403);
  });
});

/**
 * The role matrix (docs/operators.md, "Roles"), generated from the route table above, so routes other
 * modules add later are covered without editing this file.
 */
describe('RBAC matrix (generated from the route table)', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  const clients: Partial<Record<Role, AdminClient>> = {};

  beforeAll(async () => {
    t = await createTestApp({ extensions: [ExampleExtension] });
    routes = discoverRoutes(t);
    const owner = await loginAs(t.server);
    clients.owner = owner;
    for (const role of ['operator', 'viewer'] as const) {
      const password = `${role}-matrix-password`;
      const res = await owner.post('/api/admin/users', { username: `${role}-matrix`, password, role });
      if (res.status !== 200) throw new Error(`create ${role}: ${res.status}`);
      clients[role] = await loginAs(t.server, `${role}-matrix`, password);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  /** The session's current CSRF token (a route under test may have rotated it). */
  async function csrfOf(client: AdminClient): Promise<string> {
    const me = await client.get('/api/admin/auth/me');
    if (me.status !== 200) throw new Error(`session lost: ${me.status}`);
    return me.body.data.csrfToken as string;
  }

  function client(role: Role): AdminClient {
    const c = clients[role];
    if (!c) throw new Error(`no ${role} client`);
    return c;
  }

  it('has session routes to check', () => {
    expect(routes.filter((r) => r.policy?.kind === 'roles').length).toBeGreaterThanOrEqual(10);
  });

  it('without a session every role-protected route is 401 UNAUTHORIZED (before CSRF and role)', async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => x.policy?.kind === 'roles')) {
      const res = await send(request(t.server), r.method, concrete(r.path));
      if (res.status !== 401 || res.body?.error?.code !== 'UNAUTHORIZED') failures.push(`${label(r)} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('a mutation with a session but without the CSRF token is 403 CSRF_INVALID, whatever the role', async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => x.policy?.kind === 'roles' && MUTATING.has(x.method))) {
      for (const role of ['viewer', 'owner'] as const) {
        const res = await send(client(role).agent, r.method, concrete(r.path));
        if (res.status !== 403 || res.body?.error?.code !== 'CSRF_INVALID')
          failures.push(`${role} ${label(r)} → ${res.status} ${res.body?.error?.code}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('a role below the route’s minimum is 403 FORBIDDEN, with a valid CSRF token on mutations', async () => {
    const failures: string[] = [];
    for (const r of routes) {
      if (r.policy?.kind !== 'roles') continue;
      const required = r.policy.role;
      for (const role of ['viewer', 'operator'] as const) {
        if (roleAtLeast(role, required)) continue;
        const c = client(role);
        const req = send(c.agent, r.method, concrete(r.path));
        if (MUTATING.has(r.method)) req.set('X-CSRF-Token', await csrfOf(c));
        const res = await req;
        if (res.status !== 403 || res.body?.error?.code !== 'FORBIDDEN')
          failures.push(`${role} ${label(r)} → ${res.status} ${res.body?.error?.code}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('a role at or above the minimum passes the guard on reads (no 401/403)', async () => {
    const failures: string[] = [];
    for (const r of routes) {
      if (r.policy?.kind !== 'roles' || MUTATING.has(r.method)) continue;
      const role = r.policy.role;
      const test = send(client(role).agent, r.method, concrete(r.path));
      const res = r.streaming ? await statusOf(test) : await test.timeout(10_000);
      if (res.status === 401 || res.status === 403)
        failures.push(`${role} ${label(r)} → ${res.status} ${res.body?.error?.code}`);
    }
    expect(failures).toEqual([]);
  });

  it('agent routes without a bearer token are 401', async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => x.policy?.kind === 'agent')) {
      const res = await send(request(t.server), r.method, concrete(r.path));
      if (res.status !== 401) failures.push(`${label(r)} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('a session cookie is no agent credential: operator sessions get 401 on agent routes', async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => x.policy?.kind === 'agent')) {
      const res = await send(client('owner').agent, r.method, concrete(r.path)).set(
        'X-CSRF-Token',
        await csrfOf(client('owner')),
      );
      if (res.status !== 401) failures.push(`${label(r)} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });
});

/** What an API token of `role` gets from the guard on a route: its error code, or null when it passes. */
function tokenVerdict(r: RouteInfo, role: 'viewer' | 'operator', scoped: boolean): string | null {
  if (r.policy?.kind !== 'roles') return null;
  const required =
    r.tokenAccess?.kind === 'session-only'
      ? null
      : r.tokenAccess?.kind === 'token-role'
        ? r.tokenAccess.role
        : r.policy.role === 'owner'
          ? null
          : r.policy.role;
  if (required === null) return 'API_TOKEN_SESSION_ONLY';
  if (!roleAtLeast(role, required)) return 'FORBIDDEN';
  if (scoped && r.tokenScope === undefined) return 'API_TOKEN_OUT_OF_SCOPE';
  return null;
}

/**
 * API tokens on every session route (docs/api-tokens-and-cli.md, "What a token can reach"), generated from the same
 * route table: a bad token is 401; session-only routes, roles above the token and (for a scoped token) routes not
 * about one service are 403 with their codes; everything else passes the guard without a cookie or a CSRF token.
 */
describe('API token matrix (generated from the route table)', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  const tokens: Record<'viewer' | 'operator' | 'scoped', string> = { viewer: '', operator: '', scoped: '' };

  beforeAll(async () => {
    t = await createTestApp({ extensions: [ExampleExtension] });
    routes = discoverRoutes(t).filter((r) => r.policy?.kind === 'roles');
    const owner = await loginAs(t.server);
    for (const [key, body] of [
      ['viewer', { role: 'viewer' }],
      ['operator', { role: 'operator' }],
      ['scoped', { role: 'operator', scope: ['team:matrix'] }],
    ] as const) {
      const res = await owner.post('/api/admin/api-tokens', { name: key, serviceAccount: `matrix-${key}`, ...body });
      if (res.status !== 200) throw new Error(`create ${key} token: ${res.status}`);
      tokens[key] = (res.body as { data: { token: string } }).data.token;
    }
  });
  afterAll(async () => {
    await t.close();
  });

  function withToken(r: RouteInfo, token: string): request.Test {
    return send(request(t.server), r.method, concrete(r.path)).set('Authorization', `Bearer ${token}`);
  }

  it('viewer, operator and scoped tokens get exactly the verdict the route declares, with no CSRF token', async () => {
    const failures: string[] = [];
    let passed = 0;
    for (const r of routes) {
      for (const key of ['viewer', 'operator', 'scoped'] as const) {
        const expected = tokenVerdict(r, key === 'viewer' ? 'viewer' : 'operator', key === 'scoped');
        const res = await withToken(r, tokens[key]).timeout(10_000);
        const code = (res.body as { error?: { code?: string } })?.error?.code;
        if (expected === null) {
          passed += 1;
          if (res.status === 401 || res.status === 403) failures.push(`${key} ${label(r)} → ${res.status} ${code}`);
        } else if (res.status !== (expected === 'UNAUTHORIZED' ? 401 : 403) || code !== expected) {
          failures.push(`${key} ${label(r)} → ${res.status} ${code}, expected ${expected}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(passed).toBeGreaterThan(20);
  });

  it('token management, users, sessions and settings changes are never reachable with a token', () => {
    const open = routes
      .filter(
        (r) =>
          (/^\/api\/admin\/(api-tokens|users|auth)(\/|$)/.test(r.path) ||
            (r.path.startsWith('/api/admin/settings/') && MUTATING.has(r.method))) &&
          tokenVerdict(r, 'operator', false) !== 'API_TOKEN_SESSION_ONLY',
      )
      .map(label);
    expect(open).toEqual([]);
  });
  it('four-eyes decisions are a person’s: approve and reject are operator routes no token reaches', () => {
    const decisions = routes
      .filter((r) => /^\/api\/admin\/commands\/:commandId\/(approve|reject)$/.test(r.path))
      .map(
        (r) => `${label(r)} ${r.policy?.kind === 'roles' ? r.policy.role : '-'} ${tokenVerdict(r, 'operator', false)}`,
      );
    expect(decisions.sort()).toEqual([
      'POST /api/admin/commands/:commandId/approve (ApprovalsController.approve) operator API_TOKEN_SESSION_ONLY',
      'POST /api/admin/commands/:commandId/reject (ApprovalsController.reject) operator API_TOKEN_SESSION_ONLY',
    ]);
  });
  // Last: bad tokens spend this address's budget (docs/security.md, "API tokens"), after which every token is 429.
  it('a bearer token that is not a valid API token is 401 on every session route (429 once the budget is spent)', async () => {
    const failures: string[] = [];
    let bad = 0;
    for (const r of routes) {
      const res = await withToken(r, 'opstage_api_not-a-real-token');
      bad += 1;
      const expected = bad <= MAX_FAILURES_PER_IP ? 401 : 429;
      if (res.status !== expected) failures.push(`${label(r)} → ${res.status}, expected ${expected}`);
    }
    expect(failures).toEqual([]);
    expect(bad).toBeGreaterThan(MAX_FAILURES_PER_IP);
  });
});
