import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';

import { AgentAuthError, MemoryTokenStore, RegistrationError, SDK_VERSION } from '../src/index.js';
import type { CapsuleAgent } from '../src/index.js';
import { createTestAgent, tempDir } from '../test-support/agent-factory.js';
import { FakeBackend } from '../test-support/fake-backend.js';

describe('registration and credentials', () => {
  let backend: FakeBackend;
  let dir = '';
  let cleanup: () => Promise<void> = () => Promise.resolve();
  const started: CapsuleAgent[] = [];

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

  it('registers once, saves a 0600 token file, and a restarted agent reuses it', async () => {
    const tokenFile = join(dir, 'reuse', 'agent-token.json');
    const first = createTestAgent(backend, tokenFile);
    first.agent.health(() => ({ status: 'UP', message: 'ok' }));
    started.push(first.agent);
    await first.agent.start();
    assert.equal(first.agent.state, 'running');
    assert.equal(first.agent.agentId, 'agt_test');
    assert.equal(first.agent.serviceId, 'svc_demo');

    const register = backend.matching('POST', /\/register$/);
    assert.equal(register.length, 1);
    const body = register[0]?.body as {
      registrationToken: string;
      agent: Record<string, unknown>;
      service: { code: string; manifest: { kind: string }; health: { status: string } };
    };
    assert.equal(body.registrationToken, 'opstage_reg_valid');
    assert.deepEqual(body.agent, {
      code: 'demo',
      mode: 'embedded',
      runtime: 'nodejs',
      version: SDK_VERSION,
      sdkVersion: SDK_VERSION,
      hostname: hostname(),
    });
    assert.equal(body.service.code, 'demo');
    assert.equal(body.service.manifest.kind, 'CapsuleService');
    assert.equal(body.service.health.status, 'UP');

    assert.equal((await stat(tokenFile)).mode & 0o777, 0o600);
    const saved = JSON.parse(await readFile(tokenFile, 'utf8')) as Record<string, string>;
    assert.equal(saved['agentId'], 'agt_test');
    assert.match(saved['agentToken'] ?? '', /^opstage_agent_/);
    assert.equal(saved['backendUrl'], backend.url);
    const report = backend.matching('POST', /\/services\/report$/)[0];
    assert.equal(report?.headers.authorization, `Bearer ${saved['agentToken'] ?? ''}`);
    await first.agent.stop();

    const second = createTestAgent(backend, tokenFile, { registrationToken: undefined });
    started.push(second.agent);
    await second.agent.start();
    assert.equal(second.agent.agentId, 'agt_test');
    assert.equal(backend.count('POST', /\/register$/), 1, 'the stored token must be reused, not re-registered');
    assert.equal(backend.count('POST', /\/services\/report$/), 2);
  });

  it('never logs raw tokens', async () => {
    const { agent, logs } = createTestAgent(backend, join(dir, 'logs.json'));
    started.push(agent);
    await agent.start();
    await agent.stop();
    assert.ok(logs.length > 0);
    const text = JSON.stringify(logs);
    assert.doesNotMatch(text, /opstage_agent_[A-Za-z0-9]{3}/);
    assert.doesNotMatch(text, /opstage_reg_valid/);
    assert.ok(logs.some((record) => record.event === 'agent.registered'));
  });

  it('an invalid registration token gives RegistrationError without retrying', async () => {
    const { agent } = createTestAgent(backend, join(dir, 'invalid.json'), { registrationToken: 'opstage_reg_unknown' });
    await assert.rejects(agent.start(), (error: unknown) => {
      assert.ok(error instanceof RegistrationError);
      assert.equal(error.code, 'REGISTRATION_TOKEN_INVALID');
      assert.equal(error.status, 401);
      assert.equal(error.retryable, false);
      return true;
    });
    assert.equal(backend.count('POST', /\/register$/), 1);
    assert.equal(agent.state, 'stopped');
  });

  it('no credentials and no registration token gives REGISTRATION_TOKEN_MISSING without any request', async () => {
    const { agent } = createTestAgent(backend, join(dir, 'none.json'), { registrationToken: undefined });
    await assert.rejects(
      agent.start(),
      (error: unknown) =>
        error instanceof RegistrationError &&
        error.code === 'REGISTRATION_TOKEN_MISSING' &&
        /OPSTAGE_REGISTRATION_TOKEN/.test(error.message),
    );
    assert.equal(backend.requests.length, 0);
  });

  it('a rejected stored token without registration token gives AgentAuthError and clears the file', async () => {
    const tokenFile = join(dir, 'revoked.json');
    await writeFile(
      tokenFile,
      JSON.stringify({ agentId: 'agt_test', agentToken: 'opstage_agent_revoked', backendUrl: backend.url }),
      { mode: 0o600 },
    );
    const { agent } = createTestAgent(backend, tokenFile, { registrationToken: undefined });
    await assert.rejects(agent.start(), (error: unknown) => error instanceof AgentAuthError && error.status === 401);
    assert.equal(agent.state, 'auth-failed');
    await assert.rejects(stat(tokenFile), { code: 'ENOENT' });
    assert.equal(backend.count('POST', /\/services\/report$/), 1, '401 is not retried');
  });

  it('a rejected stored token with a registration token re-registers', async () => {
    const store = new MemoryTokenStore({
      agentId: 'agt_test',
      agentToken: 'opstage_agent_rotatedaway',
      backendUrl: backend.url,
    });
    const { agent } = createTestAgent(backend, '', { tokenStore: store });
    started.push(agent);
    await agent.start();
    assert.equal(backend.count('POST', /\/register$/), 1);
    assert.notEqual((await store.load())?.agentToken, 'opstage_agent_rotatedaway');
  });

  it('ignores credentials bound to another backend URL', async () => {
    const store = new MemoryTokenStore({
      agentId: 'agt_other',
      agentToken: backend.issueAgentToken(),
      backendUrl: 'http://elsewhere:8080',
    });
    const { agent, logs } = createTestAgent(backend, '', { tokenStore: store });
    started.push(agent);
    await agent.start();
    assert.equal(backend.count('POST', /\/register$/), 1);
    assert.ok(logs.some((record) => record.event === 'token.backend_mismatch'));
    assert.equal((await store.load())?.backendUrl, backend.url);
  });

  it('rewrites a legacy plain-text token file as canonical JSON once the token works', async () => {
    const tokenFile = join(dir, 'legacy.txt');
    await writeFile(tokenFile, `agt_test:${backend.issueAgentToken()}\n`, { mode: 0o600 });
    const { agent } = createTestAgent(backend, tokenFile, { registrationToken: undefined });
    started.push(agent);
    await agent.start();
    const saved = JSON.parse(await readFile(tokenFile, 'utf8')) as Record<string, string>;
    assert.equal(saved['agentId'], 'agt_test');
    assert.equal(saved['backendUrl'], backend.url);
    assert.equal(backend.count('POST', /\/register$/), 0);
  });

  it('applies server intervals only where the caller set none', async () => {
    const { agent } = createTestAgent(backend, join(dir, 'intervals.json'), { intervals: { heartbeatMs: 777 } });
    started.push(agent);
    await agent.start();
    assert.equal(agent.intervals.heartbeatMs, 777, 'explicit heartbeat interval kept');
    assert.equal(agent.intervals.commandPollMs, 5_000, 'server poll interval (5 s) applied');
  });
});
