import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';

import { actionFailure, actionSuccess, CapsuleAgentError } from '../src/index.js';
import type { ActionContext, CapsuleAgent, CommandResultBody } from '../src/index.js';
import { createTestAgent, tempDir } from '../test-support/agent-factory.js';
import { errorBody, FakeBackend } from '../test-support/fake-backend.js';

type Result = CommandResultBody;

describe('command execution', () => {
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

  function resultOf(id: string): Result | undefined {
    return backend.results.get(id)?.[0] as Result | undefined;
  }

  it('long-poll dispatches a command at once and reports exactly one result', async () => {
    const { agent } = agentWith({ longPollSeconds: 5 });
    const seen: Array<{ payload: unknown; ctx: ActionContext }> = [];
    agent.action({
      name: 'echo',
      label: 'Echo',
      handler: (payload, ctx) => {
        seen.push({ payload, ctx });
        return actionSuccess({ echo: payload }, { message: 'echoed' });
      },
    });
    await agent.start();
    await backend.waitFor(() => backend.count('GET', /\/commands$/) >= 1, 2_000, 'a waiting long-poll');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const enqueuedAt = Date.now();
    backend.enqueue({ id: 'cmd_echo', actionName: 'echo', payload: { text: 'hi' } });
    await backend.waitFor(() => backend.results.has('cmd_echo'), 2_000, 'echo result');
    const latency = Date.now() - enqueuedAt;
    assert.ok(latency < 500, `dispatch latency ${latency} ms`);
    const poll = backend.matching('GET', /\/commands$/)[0];
    assert.equal(poll?.query.get('waitSeconds'), '5');
    assert.equal(poll?.query.get('limit'), '4');
    const result = resultOf('cmd_echo');
    assert.equal(result?.success, true);
    assert.equal(result?.message, 'echoed');
    assert.deepEqual(result?.data, { echo: { text: 'hi' } });
    assert.ok(result?.startedAt && result.finishedAt);
    assert.equal(seen.length, 1);
    assert.equal(seen[0]?.ctx.commandId, 'cmd_echo');
    assert.equal(seen[0]?.ctx.commandType, 'ACTION_EXECUTE');
    assert.equal(seen[0]?.ctx.serviceCode, 'demo');
    assert.equal(seen[0]?.ctx.agentId, 'agt_test');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(backend.results.get('cmd_echo')?.length, 1, 'result reported once');
  });

  it('falls back to the poll cadence when the server ignores waitSeconds', async () => {
    backend.longPoll = false;
    const { agent } = agentWith({
      longPollSeconds: 25,
      intervals: { heartbeatMs: 60_000, commandPollMs: 100, serviceReportMs: 60_000 },
    });
    await agent.start();
    await new Promise((resolve) => setTimeout(resolve, 450));
    const polls = backend.count('GET', /\/commands$/);
    assert.ok(polls >= 2 && polls <= 6, `expected about 5 polls in 450 ms at a 100 ms cadence, saw ${polls}`);
  });

  it('maps handler failures, unknown actions and unsupported types to failure results', async () => {
    const { agent } = agentWith({ autoStartLoops: false });
    agent
      .action({
        name: 'boom',
        label: 'Boom',
        handler: () => {
          throw new Error('disk full opstage_agent_leakytoken');
        },
      })
      .action({
        name: 'coded',
        label: 'Coded',
        handler: () => {
          throw Object.assign(new Error('quota'), { code: 'QUOTA_EXCEEDED' });
        },
      })
      .action({
        name: 'refuse',
        label: 'Refuse',
        handler: () => actionFailure('INVALID_PAYLOAD', 'accountId is required', { field: 'accountId' }),
      })
      .action({ name: 'plain', label: 'Plain', handler: () => ({ count: 3 }) });
    await agent.start();
    backend.enqueue({ id: 'cmd_boom', actionName: 'boom' });
    backend.enqueue({ id: 'cmd_coded', actionName: 'coded' });
    backend.enqueue({ id: 'cmd_refuse', actionName: 'refuse' });
    backend.enqueue({ id: 'cmd_plain', actionName: 'plain' });
    backend.enqueue({ id: 'cmd_missing', actionName: 'does-not-exist' });
    backend.enqueue({ id: 'cmd_weird', type: 'CONFIG_APPLY' as 'ACTION_EXECUTE', actionName: 'plain' });
    assert.equal(await agent.pollOnce(), 4);
    assert.equal(await agent.pollOnce(), 2);
    assert.equal(resultOf('cmd_weird')?.error?.code, 'UNSUPPORTED_COMMAND_TYPE');
    assert.deepEqual(resultOf('cmd_boom')?.error, { code: 'ACTION_FAILED', message: 'disk full opstage_agent_***' });
    assert.equal(resultOf('cmd_boom')?.success, false);
    assert.equal(resultOf('cmd_coded')?.error?.code, 'QUOTA_EXCEEDED');
    assert.deepEqual(resultOf('cmd_refuse')?.error, {
      code: 'INVALID_PAYLOAD',
      message: 'accountId is required',
      details: { field: 'accountId' },
    });
    assert.deepEqual(resultOf('cmd_plain'), { ...resultOf('cmd_plain'), success: true, data: { count: 3 } });
    assert.equal(resultOf('cmd_missing')?.error?.code, 'ACTION_HANDLER_NOT_FOUND');
    assert.match(resultOf('cmd_missing')?.error?.message ?? '', /does-not-exist/);
    assert.equal(backend.count('GET', /\/commands$/), 2);
    assert.equal(
      backend.matching('GET', /\/commands$/)[0]?.query.get('waitSeconds'),
      null,
      'pollOnce does not long-poll',
    );
  });

  it('prepare commands call prepare, or fall back to schema defaults', async () => {
    const { agent } = agentWith({ autoStartLoops: false });
    let handlerCalls = 0;
    agent
      .action({
        name: 'update-settings',
        label: 'Update settings',
        inputSchema: { type: 'object', properties: { greeting: { type: 'string' } } },
        prepare: (_payload, ctx) => ({
          initialPayload: { greeting: 'hello' },
          currentState: { preparedBy: ctx.commandType },
        }),
        handler: () => {
          handlerCalls += 1;
        },
      })
      .action({
        name: 'defaults',
        label: 'Defaults',
        inputSchema: {
          type: 'object',
          properties: { n: { type: 'integer' }, on: { type: 'boolean' }, s: { type: 'string', default: 'x' } },
        },
        handler: () => {
          handlerCalls += 1;
        },
      })
      .action({
        name: 'bad-prepare',
        label: 'Bad',
        prepare: () => {
          throw new Error('no state');
        },
        handler: () => undefined,
      });
    await agent.start();
    backend.enqueue({ id: 'cmd_p1', type: 'ACTION_PREPARE', actionName: 'update-settings' });
    backend.enqueue({ id: 'cmd_p2', type: 'ACTION_PREPARE', actionName: 'defaults' });
    backend.enqueue({ id: 'cmd_p3', type: 'ACTION_PREPARE', actionName: 'bad-prepare' });
    await agent.pollOnce();
    assert.deepEqual(resultOf('cmd_p1')?.data, {
      initialPayload: { greeting: 'hello' },
      currentState: { preparedBy: 'ACTION_PREPARE' },
    });
    assert.deepEqual(resultOf('cmd_p2')?.data, { initialPayload: { n: 0, on: false, s: 'x' } });
    assert.equal(resultOf('cmd_p3')?.error?.code, 'ACTION_PREPARE_FAILED');
    assert.equal(handlerCalls, 0, 'prepare never calls the handler');
  });

  it('cancelledCommandIds from the poll abort the handler signal, no result is sent, and polling resumes at once', async () => {
    const { agent } = agentWith({
      longPollSeconds: 2,
      intervals: { heartbeatMs: 60_000, commandPollMs: 10_000, serviceReportMs: 60_000 },
    });
    agent.action({ name: 'quick', label: 'Quick', handler: () => ({ ok: true }) });
    let reason: unknown;
    let handlerSettled = false;
    agent.action({
      name: 'slow',
      label: 'Slow',
      handler: async (_payload, ctx) => {
        await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
        reason = ctx.signal.reason;
        handlerSettled = true;
        return { finished: true };
      },
    });
    await agent.start();
    backend.enqueue({ id: 'cmd_slow', actionName: 'slow' });
    await backend.waitFor(() => backend.count('GET', /\/commands$/) >= 2, 2_000, 'next long-poll after dispatch');
    backend.cancel('cmd_slow');
    await backend.waitFor(() => handlerSettled, 2_000, 'handler aborted');
    assert.ok(reason instanceof CapsuleAgentError);
    assert.equal(reason.code, 'COMMAND_CANCELLED');
    // The cancel woke the long-poll early; that must not be mistaken for "no long-poll" (10 s cadence).
    backend.enqueue({ id: 'cmd_after_cancel', actionName: 'quick' });
    await backend.waitFor(() => backend.results.has('cmd_after_cancel'), 1_000, 'next command right after the cancel');
    assert.equal(backend.results.has('cmd_slow'), false);
  });

  it('cancelledCommandIds from a heartbeat abort the handler too', async () => {
    const { agent } = agentWith({
      longPollSeconds: 0,
      intervals: { heartbeatMs: 30, commandPollMs: 10_000, serviceReportMs: 60_000 },
    });
    let aborted = false;
    agent.action({
      name: 'slow',
      label: 'Slow',
      handler: (_payload, ctx) =>
        new Promise((resolve) => {
          ctx.signal.addEventListener(
            'abort',
            () => {
              aborted = true;
              resolve(undefined);
            },
            { once: true },
          );
        }),
    });
    backend.enqueue({ id: 'cmd_hb', actionName: 'slow' });
    await agent.start();
    // The first poll delivers the command, the second (empty) one sets the 10 s cadence: only a heartbeat can cancel.
    await backend.waitFor(() => backend.count('GET', /\/commands$/) >= 2, 2_000, 'two polls');
    backend.pendingCancels.push('cmd_hb');
    await backend.waitFor(() => aborted, 2_000, 'abort via heartbeat');
    assert.equal(backend.count('GET', /\/commands$/), 2, 'the cancel came through a heartbeat, not a poll');
    assert.ok(backend.count('POST', /\/heartbeat$/) >= 1);
  });

  it('timeoutSeconds aborts the signal and reports ACTION_TIMEOUT', async () => {
    const { agent } = agentWith({ autoStartLoops: false });
    let reasonCode = '';
    agent.action({
      name: 'stuck',
      label: 'Stuck',
      timeoutSeconds: 1,
      handler: (_payload, ctx) =>
        new Promise(() => {
          ctx.signal.addEventListener('abort', () => {
            reasonCode = ctx.signal.reason instanceof CapsuleAgentError ? ctx.signal.reason.code : '';
          });
        }),
    });
    await agent.start();
    backend.enqueue({ id: 'cmd_stuck', actionName: 'stuck' });
    const began = Date.now();
    await agent.pollOnce();
    assert.ok(Date.now() - began >= 950);
    assert.equal(resultOf('cmd_stuck')?.error?.code, 'ACTION_TIMEOUT');
    assert.equal(reasonCode, 'ACTION_TIMEOUT');
  });

  it('drops results answered 409/404 and downgrades 413', async () => {
    const { agent } = agentWith({ autoStartLoops: false });
    agent.action({ name: 'echo', label: 'Echo', handler: (payload) => ({ payload }) });
    await agent.start();
    backend.fail('POST', /cmd_gone\/result$/, { status: 409, body: errorBody('COMMAND_ALREADY_COMPLETED') }, 5);
    backend.fail('POST', /cmd_big\/result$/, { status: 413, body: errorBody('COMMAND_RESULT_TOO_LARGE') }, 1);
    backend.enqueue({ id: 'cmd_gone', actionName: 'echo' });
    backend.enqueue({ id: 'cmd_big', actionName: 'echo' });
    await agent.pollOnce();
    assert.equal(backend.count('POST', /cmd_gone\/result$/), 1, '409 is not retried');
    assert.equal(backend.count('POST', /cmd_big\/result$/), 2);
    assert.equal(resultOf('cmd_big')?.error?.code, 'RESULT_TOO_LARGE');
  });

  it('retries a result after a 5xx and executes a re-delivered command only once', async () => {
    const { agent } = agentWith({ autoStartLoops: false });
    let runs = 0;
    agent.action({ name: 'count', label: 'Count', handler: () => ({ runs: (runs += 1) }) });
    await agent.start();
    backend.fail('POST', /cmd_once\/result$/, { status: 503, body: errorBody('INTERNAL_ERROR') }, 1);
    backend.enqueue({ id: 'cmd_once', actionName: 'count' });
    await agent.pollOnce();
    backend.enqueue({ id: 'cmd_once', actionName: 'count' });
    await agent.pollOnce();
    assert.equal(runs, 1);
    assert.equal(backend.count('POST', /cmd_once\/result$/), 2);
    assert.deepEqual(resultOf('cmd_once')?.data, { runs: 1 });
  });

  it('pollOnce before start() is refused with AGENT_NOT_STARTED', async () => {
    const { agent } = agentWith({ autoStartLoops: false });
    await assert.rejects(agent.pollOnce(), { code: 'AGENT_NOT_STARTED' });
  });

  it('publish() sends a bus event from the service', async () => {
    const { agent } = agentWith({ autoStartLoops: false });
    await agent.start();
    const response = await agent.publish('order.created', { orderId: 7 }, { correlationId: 'c1', dryRun: true });
    assert.equal(response.eventId, 'bev_1');
    assert.deepEqual(backend.busEvents[0], {
      eventType: 'order.created',
      payload: { orderId: 7 },
      correlationId: 'c1',
      routePolicy: { dryRun: true },
      sourceServiceCode: 'demo',
    });
    backend.fail('POST', /\/bus\/events$/, { status: 404, body: errorBody('CAPSULE_BUS_DISABLED') }, 1);
    await assert.rejects(agent.publish('x'), { code: 'CAPSULE_BUS_DISABLED', status: 404 });
  });
});
