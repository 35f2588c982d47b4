import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';

import type { CapsuleAgent, CapsuleAgentError } from '../src/index.js';
import { createTestAgent, tempDir } from '../test-support/agent-factory.js';
import { errorBody, FakeBackend } from '../test-support/fake-backend.js';

/**
 * The result queue (README, Errors and retries): through an outage results wait in a bounded
 * queue, the outage costs one probe per back-off step (not one request per result), everything
 * is delivered once the backend answers, and stop() ends the waiting cleanly.
 */
describe('result delivery through an outage', () => {
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
    made.agent.action({ name: 'echo', label: 'Echo', handler: (payload) => ({ payload }) });
    started.push(made.agent);
    return made;
  }

  it('holds results while the backend fails, probes one at a time, then delivers each once', async () => {
    const { agent, logs } = agentWith({
      autoStartLoops: false,
      maxConcurrentCommands: 10,
      retry: { initialDelayMs: 40, maxDelayMs: 80, disabledDelayMs: 40, startupAttempts: 3 },
    });
    await agent.start();
    backend.fail('POST', /\/result$/, { status: 503, body: errorBody('SERVICE_UNAVAILABLE') }, 6);
    for (let i = 0; i < 8; i += 1) backend.enqueue({ id: `cmd_${i}`, actionName: 'echo', payload: { i } });
    const polled = agent.pollOnce();
    await backend.waitFor(
      () => agent.pendingResults === 8 && backend.count('POST', /\/result$/) >= 2,
      2_000,
      'results waiting',
    );
    await polled;
    assert.equal(agent.pendingResults, 0);
    for (let i = 0; i < 8; i += 1) assert.equal(backend.results.get(`cmd_${i}`)?.length, 1, `cmd_${i} accepted once`);
    // 4 in parallel fail at first, then single probes until the 6 failures are used up: far fewer than 8 × 6.
    const posts = backend.count('POST', /\/result$/);
    assert.ok(posts <= 6 + 8 + 3, `${posts} result POSTs`);
    assert.equal(
      logs.filter((l) => l.event === 'result.retrying' && l.level === 'warn').length,
      1,
      'the outage is logged once',
    );
    assert.ok(logs.some((l) => l.event === 'result.recovered'));
  });

  it('keeps at most maxPendingResults waiting and drops the oldest beyond', async () => {
    const { agent, logs } = agentWith({
      autoStartLoops: false,
      maxConcurrentCommands: 10,
      maxPendingResults: 3,
      retry: { initialDelayMs: 30, maxDelayMs: 30, disabledDelayMs: 30, startupAttempts: 3 },
    });
    const errors: CapsuleAgentError[] = [];
    agent.on('error', (error) => errors.push(error));
    await agent.start();
    backend.fail('POST', /\/result$/, { status: 503, body: errorBody('SERVICE_UNAVAILABLE') }, 1_000);
    for (let i = 0; i < 6; i += 1) backend.enqueue({ id: `cmd_q${i}`, actionName: 'echo' });
    void agent.pollOnce();
    await backend.waitFor(
      () => logs.filter((l) => l.event === 'result.lost').length === 3,
      2_000,
      'three results dropped',
    );
    assert.ok(agent.pendingResults <= 3);
    assert.equal(errors.filter((e) => e.code === 'RESULT_QUEUE_FULL').length, 3);
  });

  it('stop() during an outage ends within its grace period and abandons what is left', async () => {
    const { agent, logs } = agentWith({
      autoStartLoops: false,
      retry: { initialDelayMs: 5_000, maxDelayMs: 5_000, disabledDelayMs: 5_000, startupAttempts: 3 },
    });
    await agent.start();
    backend.fail('POST', /\/result$/, { status: 503, body: errorBody('SERVICE_UNAVAILABLE') }, 1_000);
    backend.enqueue({ id: 'cmd_s1', actionName: 'echo' });
    backend.enqueue({ id: 'cmd_s2', actionName: 'echo' });
    void agent.pollOnce();
    await backend.waitFor(
      () => agent.pendingResults === 2 && backend.count('POST', /\/result$/) >= 2,
      2_000,
      'results waiting',
    );
    const began = Date.now();
    await agent.stop({ timeoutMs: 300 });
    assert.ok(Date.now() - began < 3_000, `stopped in ${Date.now() - began} ms`);
    assert.equal(agent.pendingResults, 0);
    assert.equal(agent.state, 'stopped');
    assert.ok(logs.some((l) => l.event === 'result.abandoned'));
  });

  it('treats 200 to a repeated result as delivered (the first answer was lost)', async () => {
    const { agent } = agentWith({ autoStartLoops: false });
    await agent.start();
    // The backend stored the result but the answer never arrived: the agent sees a 502 and repeats it.
    backend.fail('POST', /cmd_lost\/result$/, { status: 502, body: errorBody('BAD_GATEWAY') }, 1);
    backend.enqueue({ id: 'cmd_lost', actionName: 'echo' });
    await agent.pollOnce();
    assert.equal(backend.count('POST', /cmd_lost\/result$/), 2);
    assert.equal(agent.pendingResults, 0);
  });
});
