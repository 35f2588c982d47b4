import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';

import { AgentApiError, AgentAuthError, CapsuleAgentError, NetworkError, RegistrationError } from '../src/index.js';
import type { CapsuleAgent } from '../src/index.js';
import { backoffDelay, parseRetryAfter } from '../src/backoff.js';
import { mapHttpError } from '../src/errors.js';
import { createTestAgent, tempDir } from '../test-support/agent-factory.js';
import { errorBody, FakeBackend } from '../test-support/fake-backend.js';

describe('backoff arithmetic and error mapping', () => {
  it('backoff grows exponentially, is capped, and is jittered within the upper half', () => {
    const opts = { initialDelayMs: 100, maxDelayMs: 1_000 };
    assert.equal(
      backoffDelay(1, opts, () => 0),
      50,
    );
    assert.equal(
      backoffDelay(1, opts, () => 1),
      100,
    );
    assert.equal(
      backoffDelay(3, opts, () => 1),
      400,
    );
    assert.equal(
      backoffDelay(10, opts, () => 1),
      1_000,
    );
    assert.equal(
      backoffDelay(10, opts, () => 0),
      500,
    );
    for (let attempt = 1; attempt < 40; attempt += 1) assert.ok(backoffDelay(attempt, opts, Math.random) <= 1_000);
  });

  it('parses Retry-After seconds and HTTP dates', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('3', now), 3_000);
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now), 10_000);
    assert.equal(parseRetryAfter('garbage', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });

  it('maps HTTP outcomes to typed, classified errors', () => {
    const base = { message: 'm', details: undefined, requestId: 'req_1', retryAfterMs: undefined };
    const unauthorized = mapHttpError({ ...base, kind: 'agent', status: 401, code: 'UNAUTHORIZED' });
    assert.ok(unauthorized instanceof AgentAuthError);
    assert.equal(unauthorized.requestId, 'req_1');
    assert.ok(mapHttpError({ ...base, kind: 'agent', status: 403, code: 'AGENT_REVOKED' }) instanceof AgentAuthError);
    assert.ok(mapHttpError({ ...base, kind: 'agent', status: 404, code: 'AGENT_NOT_FOUND' }) instanceof AgentAuthError);
    const disabled = mapHttpError({ ...base, kind: 'agent', status: 403, code: 'AGENT_DISABLED' });
    assert.ok(!(disabled instanceof AgentAuthError));
    assert.equal(disabled.retryable, false);
    assert.ok(
      mapHttpError({ ...base, kind: 'register', status: 401, code: 'REGISTRATION_TOKEN_INVALID' }) instanceof
        RegistrationError,
    );
    assert.equal(mapHttpError({ ...base, kind: 'agent', status: 400, code: undefined }).retryable, false);
    assert.equal(mapHttpError({ ...base, kind: 'agent', status: 422, code: 'VALIDATION_FAILED' }).retryable, false);
    assert.equal(mapHttpError({ ...base, kind: 'agent', status: 408, code: undefined }).retryable, true);
    assert.equal(mapHttpError({ ...base, kind: 'register', status: 429, code: 'RATE_LIMITED' }).retryable, true);
    const server = mapHttpError({ ...base, kind: 'agent', status: 503, code: undefined });
    assert.equal(server.retryable, true);
    assert.equal(server.code, 'SERVER_ERROR');
    assert.ok(server instanceof CapsuleAgentError);
  });
});

describe('retries against the fake backend', () => {
  let backend: FakeBackend;
  let dir = '';
  let cleanup: () => Promise<void> = () => Promise.resolve();
  const started: CapsuleAgent[] = [];
  let fileCounter = 0;
  const nextFile = (): string => join(dir, `token-${(fileCounter += 1)}.json`);

  before(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  after(() => cleanup());
  beforeEach(async () => {
    backend = await FakeBackend.start();
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((agent) => agent.stop()));
    await backend.close();
  });

  it('retries 5xx at start-up and succeeds', async () => {
    backend.fail(
      'POST',
      /\/register$/,
      { status: 503, body: errorBody('INTERNAL_ERROR', 'Internal server error.') },
      2,
    );
    const { agent } = createTestAgent(backend, nextFile());
    started.push(agent);
    await agent.start();
    assert.equal(backend.count('POST', /\/register$/), 3);
    assert.equal(agent.state, 'running');
  });

  it('gives NetworkError when 5xx outlives the retry budget', async () => {
    backend.fail('POST', /\/register$/, { status: 500, body: errorBody('INTERNAL_ERROR') }, 10);
    const { agent } = createTestAgent(backend, nextFile());
    await assert.rejects(
      agent.start(),
      (error: unknown) => error instanceof NetworkError && error.status === 500 && /3 attempts/.test(error.message),
    );
    assert.equal(backend.count('POST', /\/register$/), 3);
  });

  it('gives NetworkError for an unreachable backend', async () => {
    const closedPort = backend.port;
    await backend.close();
    const { agent } = createTestAgent(backend, nextFile(), { backendUrl: `http://127.0.0.1:${closedPort}` });
    await assert.rejects(
      agent.start(),
      (error: unknown) =>
        error instanceof NetworkError && error.code === 'NETWORK_ERROR' && /ECONNREFUSED/.test(error.message),
    );
    backend = await FakeBackend.start();
  });

  it('honours Retry-After on 429', async () => {
    backend.fail(
      'POST',
      /\/register$/,
      { status: 429, body: errorBody('RATE_LIMITED'), headers: { 'retry-after': '1' } },
      1,
    );
    const { agent } = createTestAgent(backend, nextFile());
    started.push(agent);
    await agent.start();
    const [first, second] = backend.matching('POST', /\/register$/);
    assert.ok(first && second);
    assert.ok(second.at - first.at >= 950, `retry came after ${second.at - first.at} ms, expected ≥ 1000`);
  });

  it('does not retry 400/422', async () => {
    backend.fail('POST', /\/register$/, { status: 400, body: errorBody('REQUEST_ERROR', 'Malformed JSON.') }, 5);
    const first = createTestAgent(backend, nextFile());
    await assert.rejects(
      first.agent.start(),
      (error: unknown) => error instanceof RegistrationError && error.status === 400 && !error.retryable,
    );
    assert.equal(backend.count('POST', /\/register$/), 1);
    backend.clearFailures();
    backend.fail(
      'POST',
      /\/services\/report$/,
      { status: 422, body: errorBody('VALIDATION_FAILED', 'Service report validation failed.') },
      5,
    );
    const second = createTestAgent(backend, nextFile());
    await assert.rejects(
      second.agent.start(),
      (error: unknown) =>
        error instanceof AgentApiError &&
        error.code === 'VALIDATION_FAILED' &&
        error.status === 422 &&
        !error.retryable,
    );
    assert.equal(backend.count('POST', /\/services\/report$/), 1);
  });

  it('401 in a loop stops the loops, clears the token, surfaces AgentAuthError and re-registers at most once', async () => {
    const tokenFile = nextFile();
    const { agent, logs } = createTestAgent(backend, tokenFile, {
      intervals: { heartbeatMs: 20, commandPollMs: 20, serviceReportMs: 60_000 },
      longPollSeconds: 0,
    });
    started.push(agent);
    const errors: unknown[] = [];
    const authFailures: AgentAuthError[] = [];
    agent.on('error', (error) => errors.push(error));
    agent.on('auth-failed', (error) => authFailures.push(error));
    await agent.start();
    await backend.waitFor(() => backend.count('POST', /\/heartbeat$/) >= 1, 2_000, 'first heartbeat');
    backend.agentTokens.clear();
    // The configured registration token was consumed at start-up, so the single re-registration attempt fails.
    await backend.waitFor(
      () => logs.some((record) => record.event === 'agent.reregister_failed'),
      2_000,
      're-registration attempt',
    );
    assert.equal(agent.state, 'auth-failed');
    assert.equal(authFailures.length, 1);
    assert.ok(errors.some((error) => error instanceof AgentAuthError));
    assert.ok(
      errors.some((error) => error instanceof RegistrationError && error.code === 'REGISTRATION_TOKEN_INVALID'),
    );
    assert.equal(backend.count('POST', /\/register$/), 2);
    await assert.rejects(stat(tokenFile), { code: 'ENOENT' });
    const count = backend.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(backend.requests.length, count, 'no traffic after an auth failure');
    assert.ok(logs.some((record) => record.event === 'agent.auth_failed' && record.level === 'error'));
  });

  it('after a 401 a fresh registration token brings the agent back', async () => {
    const { agent } = createTestAgent(backend, nextFile(), {
      intervals: { heartbeatMs: 20, commandPollMs: 20, serviceReportMs: 60_000 },
      longPollSeconds: 0,
    });
    started.push(agent);
    agent.on('error', () => undefined);
    await agent.start();
    backend.registrationTokens.add('opstage_reg_valid');
    backend.agentTokens.clear();
    await backend.waitFor(
      () => backend.count('POST', /\/register$/) === 2 && agent.state === 'running',
      2_000,
      're-registered',
    );
    const heartbeats = backend.count('POST', /\/heartbeat$/);
    await backend.waitFor(() => backend.count('POST', /\/heartbeat$/) > heartbeats, 2_000, 'loops running again');
  });

  it('403 AGENT_DISABLED keeps the token, backs off, and recovers when re-enabled', async () => {
    const tokenFile = nextFile();
    const { agent } = createTestAgent(backend, tokenFile, {
      intervals: { heartbeatMs: 20, commandPollMs: 20, serviceReportMs: 60_000 },
      longPollSeconds: 0,
    });
    started.push(agent);
    const events: string[] = [];
    agent.on('disabled', () => events.push('disabled'));
    agent.on('enabled', () => events.push('enabled'));
    agent.on('error', () => undefined);
    await agent.start();
    backend.disabled = true;
    await backend.waitFor(() => agent.state === 'disabled', 2_000, 'disabled state');
    const pollsAtDisable = backend.count('GET', /\/commands$/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const heartbeats = backend.count('POST', /\/heartbeat$/);
    assert.ok(backend.count('GET', /\/commands$/) - pollsAtDisable <= 1, 'no command polling while disabled');
    assert.ok(heartbeats <= 12, `probing backs off (disabledDelayMs 40 ms), saw ${heartbeats} heartbeats`);
    assert.equal((await stat(tokenFile)).isFile(), true, 'token kept');
    const reportsBefore = backend.count('POST', /\/services\/report$/);
    backend.disabled = false;
    await backend.waitFor(() => agent.state === 'running', 2_000, 'running again');
    await backend.waitFor(
      () => backend.count('POST', /\/services\/report$/) > reportsBefore,
      2_000,
      'report after re-enable',
    );
    assert.deepEqual(events, ['disabled', 'enabled']);
  });

  it('transient loop failures back off and recover without stopping', async () => {
    const { agent, logs } = createTestAgent(backend, nextFile(), {
      intervals: { heartbeatMs: 10, commandPollMs: 10_000, serviceReportMs: 60_000 },
      longPollSeconds: 0,
    });
    started.push(agent);
    const errors: unknown[] = [];
    agent.on('error', (error) => errors.push(error));
    await agent.start();
    backend.fail('POST', /\/heartbeat$/, { status: 502, body: errorBody('BAD_GATEWAY') }, 3);
    await backend.waitFor(
      () => logs.some((record) => record.event === 'heartbeat.recovered'),
      3_000,
      'heartbeat recovery',
    );
    assert.equal(agent.state, 'running');
    assert.equal(errors.filter((error) => error instanceof AgentApiError && error.status === 502).length, 3);
    assert.equal(
      logs.filter((record) => record.event === 'heartbeat.failed' && record.level === 'warn').length,
      1,
      'only the first failure of a streak is a warning',
    );
  });
});
