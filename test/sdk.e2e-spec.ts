import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  actionSuccess,
  AgentApiError,
  AgentAuthError,
  CapsuleAgentError,
  MemoryTokenStore,
  RegistrationError,
  withOneTimeFields,
  type ActionContext,
  type JsonObject,
} from '@opstage/agent-node';
import { createTestApp } from './support/create-test-app';
import { loginAs } from './support/http';
import {
  COMMAND_POLL_MS,
  DISABLED_PROBE_MS,
  echoAction,
  HEARTBEAT_MS,
  isHeartbeat,
  isPoll,
  isRegister,
  isReport,
  isResultFor,
  SdkTestBed,
  type AgentDetail,
  type CommandDetail,
  type Envelope,
} from './support/sdk-harness';
import { userWithRole } from './support/seed';
import { sleep, waitFor } from './support/wait';

/**
 * The real SDK (`@opstage/agent-node`, from sdk/src) against the real backend listening on a
 * loopback port: registration, reports, long-poll dispatch, restart with stored credentials,
 * revoke, disable/enable, cancel, prepare, one-time secrets and unknown actions.
 */
jest.setTimeout(60_000);

describe('SDK @opstage/agent-node against the real backend', () => {
  let bed: SdkTestBed;
  const latencies: Record<string, number> = {};

  beforeAll(async () => {
    const t = await createTestApp({ listen: true });
    bed = new SdkTestBed(t, await loginAs(t.server), `http://127.0.0.1:${(t.server.address() as AddressInfo).port}`);
  });

  afterEach(async () => {
    // Every agent is stopped, and a stopped agent must not leave a held long-poll on the server.
    await bed.stopAll();
  });

  afterAll(async () => {
    // Visible in the jest output: the dispatch latencies measured in this run.
    console.log(`SDK e2e latencies (ms): ${JSON.stringify(latencies)}`);
    await bed.t.close();
  });

  it('registers, reports, and runs an operator-triggered echo dispatched by long-poll; the result is in the command detail', async () => {
    const code = 'sdk-echo';
    const starts: { at: number; payload: JsonObject; ctx: ActionContext }[] = [];
    const h = bed.harness({
      code,
      tokenStore: new MemoryTokenStore(),
      registrationToken: await bed.registrationToken(code),
      setup: (a) => echoAction(a, (at, payload, ctx) => starts.push({ at, payload, ctx })),
    });
    await h.agent.start();
    expect(h.agent.state).toBe('running');
    expect(h.events).toEqual(['registered']);
    const agentId = h.agent.agentId!;
    const serviceId = h.agent.serviceId!;
    expect(agentId).toMatch(/^agt_/);
    expect(serviceId).toMatch(/^svc_/);
    expect(h.agent.intervals.commandPollMs).toBe(COMMAND_POLL_MS);

    // The report reached the backend: service, health and catalog.
    const service = (await bed.admin.get(`/api/admin/capsule-services/${serviceId}`)).body as Envelope<
      Record<string, unknown>
    >;
    expect(service.data).toMatchObject({ id: serviceId, agentId, code, healthStatus: 'UP', version: '1.0.0' });
    const catalog = (await bed.admin.get(`/api/admin/capsule-services/${serviceId}/actions`)).body as Envelope<
      { name: string; enabled: boolean }[]
    >;
    expect(catalog.data.map((a) => a.name)).toEqual(['echo']);
    const agent = await bed.agentDetail(agentId);
    expect(agent).toMatchObject({ code, status: 'ONLINE', effectiveStatus: 'ONLINE' });

    await bed.heldLongPoll(h);
    const exec = await bed.execute(serviceId, 'echo', { message: 'hello', n: 3 });
    const run = await waitFor(() => starts[0], 5000, 'echo handler started');
    const latency = run.at - exec.respondedAt;
    latencies.executeResponseToHandlerStart = latency;
    latencies.executeRequestToHandlerStart = run.at - exec.sentAt;
    // Far below the 10 s fallback cadence: the held long-poll was woken by the execute.
    expect(latency).toBeLessThan(1000);
    expect(run.at - exec.sentAt).toBeLessThan(1000);
    // No poll was started between the execute and the handler start: the held poll delivered it.
    expect(h.requests.filter((r) => isPoll(r) && r.startedAt >= exec.sentAt && r.startedAt <= run.at)).toEqual([]);
    expect(run.payload).toEqual({ message: 'hello', n: 3 });
    expect(run.ctx).toMatchObject({
      commandId: exec.id,
      commandType: 'ACTION_EXECUTE',
      actionName: 'echo',
      serviceCode: code,
      serviceId,
      agentId,
      createdByUserId: expect.any(String),
    });

    const detail = await bed.waitForStatus(exec.id, 'SUCCEEDED');
    expect(detail).toMatchObject({
      id: exec.id,
      type: 'ACTION_EXECUTE',
      actionName: 'echo',
      agentId,
      serviceId,
      errorCode: null,
    });
    expect(detail.result).toMatchObject({
      success: true,
      data: { echo: { message: 'hello', n: 3 }, commandId: exec.id },
    });
    expect(h.requests.filter(isResultFor(exec.id)).map((r) => r.status)).toEqual([200]);
    expect(h.errors).toEqual([]);
  });

  it('restarts with the stored token file: no new registration, same agent id, file untouched', async () => {
    const code = 'sdk-restart';
    const dir = mkdtempSync(join(tmpdir(), 'opstage-sdk-token-'));
    const file = join(dir, 'agent-token.json');
    try {
      const first = bed.harness({
        code,
        tokenStore: { file },
        registrationToken: await bed.registrationToken(code),
        setup: (a) => echoAction(a),
      });
      await first.agent.start();
      const agentId = first.agent.agentId!;
      expect(first.events).toEqual(['registered']);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const saved = readFileSync(file, 'utf8');
      expect(JSON.parse(saved)).toMatchObject({
        agentId,
        agentToken: expect.stringMatching(/^opstage_agent_/),
        backendUrl: bed.backendUrl,
        agentCode: code,
      });
      const savedMtime = statSync(file).mtimeMs;
      await first.agent.stop();
      expect(first.agent.state).toBe('stopped');

      // A new process: same token file, and no registration token at all.
      const second = bed.harness({ code, tokenStore: { file }, setup: (a) => echoAction(a) });
      await second.agent.start();
      expect(second.agent.state).toBe('running');
      expect(second.agent.agentId).toBe(agentId);
      expect(second.events).toEqual([]);
      expect(second.requests.filter(isRegister)).toEqual([]);
      expect(readFileSync(file, 'utf8')).toBe(saved);
      expect(statSync(file).mtimeMs).toBe(savedMtime);

      // The backend still knows exactly one agent with this code, and the stored token works.
      const list = (await bed.admin.get(`/api/admin/agents?q=${code}`)).body as Envelope<AgentDetail[]>;
      expect(list.data.filter((a) => a.code === code).map((a) => a.id)).toEqual([agentId]);
      await waitFor(
        () => second.requests.find((r) => isHeartbeat(r) && r.status === 200),
        10_000,
        'a heartbeat of the restarted agent',
      );
      await bed.heldLongPoll(second);
      const exec = await bed.execute(second.agent.serviceId!, 'echo', { message: 'after restart' });
      const detail = await bed.waitForStatus(exec.id, 'SUCCEEDED');
      expect(detail.result?.data).toMatchObject({ echo: { message: 'after restart' } });
      expect(second.errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('revoke: the agent surfaces AgentAuthError, clears its credentials and stops its loops', async () => {
    const code = 'sdk-revoke';
    const store = new MemoryTokenStore();
    const h = bed.harness({
      code,
      tokenStore: store,
      registrationToken: await bed.registrationToken(code),
      setup: (a) => echoAction(a),
    });
    await h.agent.start();
    const agentId = h.agent.agentId!;
    expect(await store.load()).toMatchObject({ agentId });
    await waitFor(() => h.requests.find((r) => isHeartbeat(r) && r.status === 200), 10_000, 'first heartbeat');

    const revokedAt = Date.now();
    const res = await bed.admin.post(`/api/admin/agents/${agentId}/revoke`);
    expect(res.status).toBe(200);
    expect((res.body as Envelope<AgentDetail>).data.status).toBe('REVOKED');

    await waitFor(() => h.agent.state === 'auth-failed', 10_000, 'state auth-failed');
    latencies.revokeToAuthFailed = Date.now() - revokedAt;
    expect(h.events).toContain('auth-failed');
    const authError = h.errors.find((e): e is AgentAuthError => e instanceof AgentAuthError);
    expect(authError).toBeInstanceOf(AgentAuthError);
    expect(authError).toMatchObject({ status: 401, retryable: false });
    expect(await store.load()).toBeNull();
    // The SDK tries the configured (already consumed) registration token once; it is refused and not retried.
    await waitFor(() => h.errors.find((e) => e instanceof RegistrationError), 10_000, 'the refused re-registration');
    expect(h.errors.find((e) => e instanceof RegistrationError)).toMatchObject({ status: 401, retryable: false });

    // Loops stopped: no traffic at all in a window of six heartbeat periods.
    await sleep(300);
    const quietFrom = Date.now();
    await sleep(6 * HEARTBEAT_MS);
    expect(h.requests.filter((r) => r.startedAt >= quietFrom)).toEqual([]);
    expect(h.requests.filter((r) => isRegister(r) && r.startedAt >= revokedAt)).toHaveLength(1);
    expect(h.requests.filter((r) => r.startedAt >= revokedAt && r.endedAt === undefined)).toEqual([]);
    expect(h.agent.state).toBe('auth-failed');
    expect(await bed.agentDetail(agentId)).toMatchObject({ status: 'REVOKED', effectiveStatus: 'REVOKED' });
  });

  it('disable: the agent keeps its token and backs off; enable: it recovers, heartbeats and runs actions again', async () => {
    const code = 'sdk-disable';
    const store = new MemoryTokenStore();
    const h = bed.harness({
      code,
      tokenStore: store,
      registrationToken: await bed.registrationToken(code),
      setup: (a) => echoAction(a),
    });
    await h.agent.start();
    const agentId = h.agent.agentId!;
    const credentials = await store.load();
    await waitFor(() => h.requests.find((r) => isHeartbeat(r) && r.status === 200), 10_000, 'first heartbeat');

    const disabled = await bed.admin.post(`/api/admin/agents/${agentId}/disable`);
    expect(disabled.status).toBe(200);
    await waitFor(() => h.agent.state === 'disabled', 10_000, 'state disabled');
    expect(h.events).toEqual(['registered', 'disabled']);
    const disabledError = h.errors.find((e) => e instanceof AgentApiError && e.code === 'AGENT_DISABLED');
    expect(disabledError).toMatchObject({ status: 403, code: 'AGENT_DISABLED' });
    expect(h.errors.some((e) => e instanceof AgentAuthError)).toBe(false);
    expect(await store.load()).toEqual(credentials);

    // Backoff: only heartbeat probes every DISABLED_PROBE_MS (not every HEARTBEAT_MS), no polls, no reports.
    const windowStart = Date.now();
    await sleep(2200);
    const during = h.requests.filter((r) => r.startedAt >= windowStart && r.startedAt < windowStart + 2200);
    const probes = during.filter(isHeartbeat);
    expect(probes.length).toBeGreaterThanOrEqual(1);
    expect(probes.length).toBeLessThanOrEqual(3);
    expect(probes.every((r) => r.status === 403 || r.endedAt === undefined)).toBe(true);
    expect(during.filter((r) => !isHeartbeat(r))).toEqual([]);
    expect(h.agent.state).toBe('disabled');
    expect(await store.load()).toEqual(credentials);

    const enabledAt = Date.now();
    const enabled = await bed.admin.post(`/api/admin/agents/${agentId}/enable`);
    expect(enabled.status).toBe(200);
    await waitFor(() => h.agent.state === 'running', DISABLED_PROBE_MS + 8000, 'state running after enable');
    latencies.enableToRunning = Date.now() - enabledAt;
    expect(h.events).toEqual(['registered', 'disabled', 'enabled']);
    const detail = await waitFor(
      async () => {
        const d = await bed.agentDetail(agentId);
        return d.lastHeartbeatAt !== null && Date.parse(d.lastHeartbeatAt) >= enabledAt ? d : undefined;
      },
      10_000,
      'a heartbeat after enable',
    );
    expect(detail).toMatchObject({ status: 'ONLINE', effectiveStatus: 'ONLINE' });
    await waitFor(
      () => h.requests.find((r) => isReport(r) && r.startedAt >= enabledAt && r.status === 200),
      10_000,
      'a service report after enable',
    );
    // Heartbeats are back at their normal cadence.
    const cadenceFrom = Date.now();
    await sleep(4 * HEARTBEAT_MS);
    expect(
      h.requests.filter((r) => isHeartbeat(r) && r.startedAt >= cadenceFrom && r.status === 200).length,
    ).toBeGreaterThanOrEqual(2);
    expect(await store.load()).toEqual(credentials);

    const exec = await bed.execute(h.agent.serviceId!, 'echo', { message: 'back' });
    expect((await bed.waitForStatus(exec.id, 'SUCCEEDED')).result?.data).toMatchObject({ echo: { message: 'back' } });
  });

  it("cancel: the running handler's AbortSignal aborts promptly and no result is reported", async () => {
    const code = 'sdk-cancel';
    const slow: { startedAt?: number; abortedAt?: number; reason?: unknown; commandId?: string } = {};
    const h = bed.harness({
      code,
      tokenStore: new MemoryTokenStore(),
      registrationToken: await bed.registrationToken(code),
      setup: (a) =>
        a.action({
          name: 'slow-task',
          label: 'Slow task',
          timeoutSeconds: 60,
          handler: (_payload, ctx) =>
            new Promise((resolve) => {
              slow.startedAt = Date.now();
              slow.commandId = ctx.commandId;
              ctx.signal.addEventListener(
                'abort',
                () => {
                  slow.abortedAt = Date.now();
                  slow.reason = ctx.signal.reason;
                  resolve({ aborted: true });
                },
                { once: true },
              );
            }),
        }),
    });
    await h.agent.start();
    await bed.heldLongPoll(h);
    const exec = await bed.execute(h.agent.serviceId!, 'slow-task', {});
    await waitFor(() => slow.startedAt, 10_000, 'slow handler started');
    expect(slow.commandId).toBe(exec.id);
    expect((await bed.commandDetail(exec.id)).status).toBe('RUNNING');

    const cancelSentAt = Date.now();
    const cancel = await bed.admin.post(`/api/admin/commands/${exec.id}/cancel`);
    expect(cancel.status).toBe(200);
    expect((cancel.body as Envelope<{ status: string }>).data.status).toBe('CANCELLED');
    const abortedAt = await waitFor(() => slow.abortedAt, 10_000, 'handler signal aborted');
    latencies.cancelToAbort = abortedAt - cancelSentAt;
    expect(abortedAt - cancelSentAt).toBeLessThan(2000);
    expect(slow.reason).toBeInstanceOf(CapsuleAgentError);
    expect((slow.reason as CapsuleAgentError).code).toBe('COMMAND_CANCELLED');

    // The aborted handler's return value is not reported; the command stays CANCELLED.
    await sleep(500);
    expect(h.requests.filter(isResultFor(exec.id))).toEqual([]);
    const detail = await bed.commandDetail(exec.id);
    expect(detail).toMatchObject({ status: 'CANCELLED', result: null });
    expect(h.logs.some((l) => l.event === 'command.cancel_received' && l.data?.commandId === exec.id)).toBe(true);
  });

  it("prepare: the agent's prepare() pre-fills the form; without prepare the SDK answers the schema defaults", async () => {
    const code = 'sdk-prepare';
    const prepareCalls: string[] = [];
    let handlerCalls = 0;
    const h = bed.harness({
      code,
      tokenStore: new MemoryTokenStore(),
      registrationToken: await bed.registrationToken(code),
      setup: (a) =>
        a
          .action({
            name: 'update-settings',
            label: 'Update settings',
            inputSchema: { type: 'object', properties: { message: { type: 'string' }, limit: { type: 'integer' } } },
            prepare: (_payload, ctx) => {
              prepareCalls.push(ctx.commandType);
              return {
                initialPayload: { message: 'current message', limit: 7 },
                currentState: { version: 3 },
                action: { label: 'Update settings (v3)' },
              };
            },
            handler: () => {
              handlerCalls += 1;
            },
          })
          .action({
            name: 'with-defaults',
            label: 'With defaults',
            inputSchema: {
              type: 'object',
              properties: {
                greeting: { type: 'string', default: 'hi' },
                count: { type: 'integer' },
                verbose: { type: 'boolean' },
              },
            },
            handler: () => {
              handlerCalls += 1;
            },
          }),
    });
    await h.agent.start();
    const serviceId = h.agent.serviceId!;
    await bed.heldLongPoll(h);

    const began = Date.now();
    const res = await bed.admin.post(`/api/admin/capsule-services/${serviceId}/actions/update-settings/prepare`);
    latencies.prepareRoundTrip = Date.now() - began;
    expect(res.status).toBe(200);
    const data = (
      res.body as Envelope<{
        action: Record<string, unknown>;
        initialPayload: unknown;
        currentState: unknown;
        prepareCommand: CommandDetail;
      }>
    ).data;
    expect(data.initialPayload).toEqual({ message: 'current message', limit: 7 });
    expect(data.currentState).toEqual({ version: 3 });
    expect(data.action).toMatchObject({ name: 'update-settings', label: 'Update settings (v3)', serviceId });
    expect(data.prepareCommand).toMatchObject({
      type: 'ACTION_PREPARE',
      status: 'SUCCEEDED',
      actionName: 'update-settings',
    });
    expect(prepareCalls).toEqual(['ACTION_PREPARE']);
    expect(Date.now() - began).toBeLessThan(2000);

    const defaults = await bed.admin.post(`/api/admin/capsule-services/${serviceId}/actions/with-defaults/prepare`);
    expect(defaults.status).toBe(200);
    const d2 = (
      defaults.body as Envelope<{
        action: Record<string, unknown>;
        initialPayload: unknown;
        prepareCommand: CommandDetail | null;
      }>
    ).data;
    expect(d2.initialPayload).toEqual({ greeting: 'hi', count: 0, verbose: false });
    // The SDK reports `hasPrepare: false`, so the backend answers from the catalog: no command, no agent round trip.
    expect(d2.action).toMatchObject({ name: 'with-defaults', hasPrepare: false });
    expect(d2.prepareCommand).toBeNull();
    expect(prepareCalls).toEqual(['ACTION_PREPARE']);
    expect(handlerCalls).toBe(0);
  });

  it('one-time secret: only the first operator read sees the plaintext; viewers never do', async () => {
    const code = 'sdk-secret';
    const key = 'gk-SDK-E2E-0123456789abcdef';
    const recovery = 'rc-SDK-E2E-fedcba9876543210';
    const viewer = await userWithRole(bed.t.server, bed.admin, 'sdk-viewer', 'viewer');
    const operator = await userWithRole(bed.t.server, bed.admin, 'sdk-operator', 'operator');
    const h = bed.harness({
      code,
      tokenStore: new MemoryTokenStore(),
      registrationToken: await bed.registrationToken(code),
      setup: (a) =>
        a.action({
          name: 'generate-api-key',
          label: 'Generate API key',
          handler: () =>
            actionSuccess(
              withOneTimeFields({ keyId: 'key_1', generatedKey: key, recoveryCode: recovery }, 'recoveryCode'),
              { message: 'Key created' },
            ),
        }),
    });
    await h.agent.start();
    await bed.heldLongPoll(h);
    const exec = await bed.execute(h.agent.serviceId!, 'generate-api-key', {}, operator);

    // The viewer polls until the result is in: always redacted, and it does not consume the reveal.
    const seenByViewer = await bed.waitForStatus(exec.id, 'SUCCEEDED', viewer);
    expect(seenByViewer.result?.data).toMatchObject({
      keyId: 'key_1',
      generatedKey: '[REDACTED]',
      recoveryCode: '[REDACTED]',
    });
    expect(JSON.stringify(seenByViewer)).not.toContain(key);

    // Reading the detail never reveals; the explicit reveal (POST, once) does.
    const read = await bed.commandDetail(exec.id, operator);
    expect(read.result).toMatchObject({
      success: true,
      message: 'Key created',
      data: { keyId: 'key_1', generatedKey: '[REDACTED]', recoveryCode: '[REDACTED]' },
    });
    const revealed = await operator.post(`/api/admin/commands/${exec.id}/reveal`);
    expect(revealed.status).toBe(200);
    expect((revealed.body as Envelope<{ fields: Record<string, unknown> }>).data.fields).toEqual({
      generatedKey: key,
      recoveryCode: recovery,
    });
    expect((await operator.post(`/api/admin/commands/${exec.id}/reveal`)).status).toBe(409);
    const byOwner = await bed.commandDetail(exec.id, bed.admin);
    expect(JSON.stringify(byOwner)).not.toContain(key);
    const viewerAgain = await bed.commandDetail(exec.id, viewer);
    expect(JSON.stringify(viewerAgain)).not.toContain(key);
    expect(JSON.stringify(viewerAgain)).not.toContain(recovery);
  });

  it('an action missing from the running agent is reported as ACTION_HANDLER_NOT_FOUND', async () => {
    const code = 'sdk-unknown';
    const store = new MemoryTokenStore();
    // Version 1 of the service offers `ghost`; it is stopped with a `ghost` command still queued.
    const v1 = bed.harness({
      code,
      tokenStore: store,
      registrationToken: await bed.registrationToken(code),
      setup: (a) => {
        echoAction(a);
        a.action({ name: 'ghost', label: 'Ghost', handler: () => ({ ran: true }) });
      },
    });
    await v1.agent.start();
    const serviceId = v1.agent.serviceId!;
    await v1.agent.stop();
    await waitFor(() => bed.subscriptions() === 0, 10_000, 'v1 long-poll released');
    const exec = await bed.execute(serviceId, 'ghost', { x: 1 });

    // Version 2 (same credentials) no longer has a handler for it.
    const v2 = bed.harness({ code, tokenStore: store, setup: (a) => echoAction(a) });
    await v2.agent.start();
    expect(v2.agent.agentId).toBe(v1.agent.agentId);
    const detail = await bed.waitForStatus(exec.id, 'FAILED');
    expect(detail).toMatchObject({ actionName: 'ghost', errorCode: 'ACTION_HANDLER_NOT_FOUND' });
    expect(detail.result).toMatchObject({ success: false, error: { code: 'ACTION_HANDLER_NOT_FOUND' } });
    expect(v2.requests.filter(isResultFor(exec.id)).map((r) => r.status)).toEqual([200]);
    // v2's report removed `ghost` from the live catalog (its command above keeps its history).
    const ghost = await bed.admin.get(`/api/admin/capsule-services/${serviceId}/actions/ghost`);
    expect({ status: ghost.status, code: (ghost.body as Envelope<unknown>).error?.code }).toEqual({
      status: 404,
      code: 'ACTION_NOT_FOUND',
    });
  });
});
