// Thin Opstage API client for the benchmark (admin session + agent calls) on one undici Pool.
import { Pool } from 'undici';
import { ADMIN } from './server.mjs';

export class ApiError extends Error {
  constructor(what, status, body) {
    super(
      `${what} -> HTTP ${status}: ${typeof body === 'string' ? body.slice(0, 300) : JSON.stringify(body).slice(0, 300)}`,
    );
    this.status = status;
  }
}

export class OpstageClient {
  constructor(origin, { connections = 16 } = {}) {
    this.origin = origin;
    this.pool = new Pool(origin, {
      connections,
      pipelining: 1,
      keepAliveTimeout: 60_000,
      headersTimeout: 60_000,
      bodyTimeout: 120_000,
    });
    this.cookie = null;
    this.csrf = null;
  }

  async call(method, path, { body, headers = {}, expect = 200 } = {}) {
    const h = { ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    const res = await this.pool.request({
      method,
      path,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    if (expect !== null && res.statusCode !== expect) throw new ApiError(`${method} ${path}`, res.statusCode, json);
    return { status: res.statusCode, headers: res.headers, json };
  }

  adminHeaders() {
    return { cookie: this.cookie, 'x-csrf-token': this.csrf };
  }

  async login() {
    const res = await this.call('POST', '/api/admin/auth/login', {
      body: { username: ADMIN.username, password: ADMIN.password },
    });
    const setCookie = [].concat(res.headers['set-cookie'] ?? []);
    const session = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('opstage_session='));
    if (!session) throw new Error(`login returned no opstage_session cookie (${JSON.stringify(setCookie)})`);
    this.cookie = session;
    this.csrf = res.json?.data?.csrfToken;
    if (!this.csrf) throw new Error('login returned no data.csrfToken');
  }

  adminGet(path, expect = 200) {
    return this.call('GET', path, { headers: this.adminHeaders(), expect });
  }

  adminPost(path, body, expect = 200) {
    return this.call('POST', path, { body, headers: this.adminHeaders(), expect });
  }

  async createRegistrationToken(name) {
    const res = await this.adminPost('/api/admin/registration-tokens', { name });
    const token = res.json?.data?.token;
    if (!token)
      throw new Error(`registration token response without data.token: ${JSON.stringify(res.json).slice(0, 200)}`);
    return token;
  }

  /** Registers one agent with a fresh single-use token; returns {agentId, agentToken, code}. */
  async registerAgent(code) {
    const registrationToken = await this.createRegistrationToken(`bench ${code}`);
    const res = await this.call('POST', '/api/agents/register', {
      body: { registrationToken, agent: { code, name: `Bench ${code}`, mode: 'embedded', runtime: 'nodejs' } },
    });
    const { agentId, agentToken } = res.json?.data ?? {};
    if (!agentId || !agentToken)
      throw new Error(`register response without agentId/agentToken: ${JSON.stringify(res.json).slice(0, 200)}`);
    return { code, agentId, agentToken };
  }

  /** Reports one service with a single LOW `echo` action; returns the service id. */
  async reportEchoService(agent) {
    const code = `svc-${agent.code}`;
    const service = {
      code,
      name: `Bench service ${agent.code}`,
      version: '1.0.0',
      runtime: 'nodejs',
      manifest: {
        kind: 'CapsuleService',
        schemaVersion: '1.0',
        code,
        name: `Bench service ${agent.code}`,
        version: '1.0.0',
        runtime: 'nodejs',
        agentMode: 'embedded',
      },
      health: { status: 'UP', message: 'ok' },
      actions: [{ name: 'echo', label: 'Echo', dangerLevel: 'LOW', requiresConfirmation: false, timeoutSeconds: 300 }],
    };
    const res = await this.call('POST', `/api/agents/${agent.agentId}/services/report`, {
      body: { services: [service] },
      headers: { authorization: `Bearer ${agent.agentToken}` },
    });
    const id = res.json?.data?.services?.[0]?.id;
    if (!id) throw new Error(`service report without data.services[0].id: ${JSON.stringify(res.json).slice(0, 200)}`);
    return id;
  }

  close() {
    return this.pool.close();
  }
}

/** Registers `count` agents with `concurrency` parallel admin+register flows. */
export async function registerAgents(client, count, { prefix = 'bench', concurrency = 8, withService = false } = {}) {
  const agents = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const agent = await client.registerAgent(`${prefix}-${i}`);
      if (withService) agent.serviceId = await client.reportEchoService(agent);
      agents[i] = agent;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return agents;
}
