import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';

import { CapsuleAgentError } from '../src/index.js';
import type { CapsuleAgent, CommandResultBody } from '../src/index.js';
import { createTestAgent, tempDir } from '../test-support/agent-factory.js';
import { FakeBackend } from '../test-support/fake-backend.js';

describe('graceful stop', () => {
  let backend: FakeBackend;
  let dir = '';
  let cleanup: () => Promise<void> = () => Promise.resolve();
  const started: CapsuleAgent[] = [];
  let fileCounter = 0;

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

  function agentWith(overrides: Parameters<typeof createTestAgent>[2] = {}): ReturnType<typeof createTestAgent> {
    const made = createTestAgent(backend, join(dir, `token-${(fileCounter += 1)}.json`), overrides);
    started.push(made.agent);
    return made;
  }

  it('stop() on a never-started agent resolves at once', async () => {
    const { agent } = agentWith();
    await agent.stop();
    assert.equal(agent.state, 'idle');
    assert.equal(backend.requests.length, 0);
  });

  it('aborts running handlers, reports what they return, ends the long-poll, and is idempotent', async () => {
    const { agent } = agentWith({ longPollSeconds: 10 });
    let reasonCode = '';
    agent.action({
      name: 'cooperative',
      label: 'Cooperative',
      handler: (_payload, ctx) =>
        new Promise((resolve) => {
          ctx.signal.addEventListener(
            'abort',
            () => {
              reasonCode = ctx.signal.reason instanceof CapsuleAgentError ? ctx.signal.reason.code : '';
              resolve({ partial: true });
            },
            { once: true },
          );
        }),
    });
    await agent.start();
    backend.enqueue({ id: 'cmd_coop', actionName: 'cooperative' });
    await backend.waitFor(
      () => backend.count('GET', /\/commands$/) >= 2,
      2_000,
      'command dispatched and next long-poll waiting',
    );
    const began = Date.now();
    await Promise.all([agent.stop(), agent.stop()]);
    assert.ok(Date.now() - began < 1_000, 'the 10 s long-poll must not delay stop()');
    assert.equal(agent.state, 'stopped');
    assert.equal(reasonCode, 'AGENT_STOPPING');
    assert.deepEqual((backend.results.get('cmd_coop')?.[0] as CommandResultBody | undefined)?.data, { partial: true });
    const count = backend.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(backend.requests.length, count, 'no traffic after stop()');
  });

  it('a handler that throws on abort is reported with AGENT_STOPPING', async () => {
    const { agent } = agentWith({
      longPollSeconds: 0,
      intervals: { heartbeatMs: 60_000, commandPollMs: 20, serviceReportMs: 60_000 },
    });
    agent.action({
      name: 'abortable',
      label: 'Abortable',
      handler: (_payload, ctx) =>
        new Promise((_resolve, reject) => {
          ctx.signal.addEventListener('abort', () => reject(new Error('aborted by signal')), { once: true });
        }),
    });
    await agent.start();
    backend.enqueue({ id: 'cmd_abort', actionName: 'abortable' });
    await backend.waitFor(() => backend.count('GET', /\/commands$/) >= 2, 2_000, 'dispatch');
    await agent.stop();
    const result = backend.results.get('cmd_abort')?.[0] as CommandResultBody | undefined;
    assert.equal(result?.success, false);
    assert.equal(result?.error?.code, 'AGENT_STOPPING');
  });

  it('a handler ignoring the signal is cut off after the grace period with AGENT_STOPPED', async () => {
    const { agent, logs } = agentWith({ autoStartLoops: false });
    let signalAborted = false;
    agent.action({
      name: 'stubborn',
      label: 'Stubborn',
      handler: (_payload, ctx) =>
        new Promise(() => {
          ctx.signal.addEventListener('abort', () => {
            signalAborted = true;
          });
        }),
    });
    await agent.start();
    backend.enqueue({ id: 'cmd_stubborn', actionName: 'stubborn' });
    void agent.pollOnce();
    await backend.waitFor(() => backend.count('GET', /\/commands$/) >= 1, 2_000, 'poll');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const began = Date.now();
    await agent.stop({ timeoutMs: 200 });
    const took = Date.now() - began;
    assert.ok(took >= 180 && took < 1_500, `stop took ${took} ms`);
    assert.equal(signalAborted, true);
    const result = backend.results.get('cmd_stubborn')?.[0] as CommandResultBody | undefined;
    assert.equal(result?.error?.code, 'AGENT_STOPPED');
    assert.ok(logs.some((record) => record.event === 'agent.stop_timeout'));
  });

  it('can be started again after stop()', async () => {
    const { agent } = agentWith({ autoStartLoops: false });
    await agent.start();
    await agent.stop();
    await agent.start();
    assert.equal(agent.state, 'running');
    assert.equal(backend.count('POST', /\/register$/), 1);
    assert.equal(backend.count('POST', /\/services\/report$/), 2);
  });
});
