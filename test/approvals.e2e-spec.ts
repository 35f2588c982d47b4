import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { MemoryTokenStore, type CapsuleAgent } from '@opstage/agent-node';
import { createTestApp, FixedClock } from './support/create-test-app';
import { loginAs, type AdminClient } from './support/http';
import { echoAction, SdkTestBed, type Envelope, type Harness } from './support/sdk-harness';
import { userWithRole } from './support/seed';
import { waitFor } from './support/wait';

/**
 * Four-eyes approval (docs/actions-and-commands.md, "Approval") end to end: the real SDK agent
 * long-polling the real backend, two operators, an owner and an API token.
 */
jest.setTimeout(60_000);

interface Command {
  id: string;
  status: string;
  expiresAt: string | null;
  errorCode: string | null;
  errorMessage: string | null;
}

const WIPE = 'wipe-cache';

/** A CRITICAL action whose runs the test counts. */
function wipeAction(agent: CapsuleAgent, runs: string[]): void {
  agent.action({
    name: WIPE,
    label: 'Wipe cache',
    dangerLevel: 'CRITICAL',
    handler: (_payload, ctx) => {
      runs.push(ctx.commandId);
      return { wiped: true };
    },
  });
}

describe('Four-eyes approval (docs/actions-and-commands.md, "Approval")', () => {
  const clock = new FixedClock(new Date());
  let bed: SdkTestBed;
  let owner: AdminClient;
  let alice: AdminClient;
  let bob: AdminClient;
  let h: Harness;
  let serviceId: string;
  const wipeRuns: string[] = [];
  const echoRuns: string[] = [];

  beforeAll(async () => {
    const t = await createTestApp({ listen: true, clock });
    owner = await loginAs(t.server);
    bed = new SdkTestBed(t, owner, `http://127.0.0.1:${(t.server.address() as AddressInfo).port}`);
    alice = await userWithRole(t.server, owner, 'alice', 'operator');
    bob = await userWithRole(t.server, owner, 'bob', 'operator');
    h = bed.harness({
      code: 'cache',
      tokenStore: new MemoryTokenStore(),
      registrationToken: await bed.registrationToken('cache'),
      setup: (a) => {
        wipeAction(a, wipeRuns);
        echoAction(a, (_at, _payload, ctx) => echoRuns.push(ctx.commandId));
      },
    });
    await h.agent.start();
    serviceId = h.agent.serviceId!;
  });

  afterAll(async () => {
    await bed.stopAll();
    await bed.t.close();
  });

  async function requestWipe(client: AdminClient = alice): Promise<Command> {
    const res = await client.post(`/api/admin/capsule-services/${serviceId}/actions/${WIPE}`, { confirmation: true });
    expect(res.status).toBe(200);
    return (res.body as Envelope<Command>).data;
  }

  /**
   * The agent polls in creation order, so an echo created after `commandId` that runs while
   * `commandId` stays unclaimed proves the agent was handed the echo and not the waiting request.
   */
  async function agentSkips(commandId: string): Promise<void> {
    await bed.heldLongPoll(h);
    const echo = await bed.execute(serviceId, 'echo', { message: 'probe' });
    await waitFor(() => echoRuns.includes(echo.id), 5000, 'the probe echo ran');
    expect(wipeRuns).not.toContain(commandId);
  }

  async function auditActions(commandId: string): Promise<string[]> {
    const res = await owner.get(`/api/admin/audit-events?targetType=Command&targetId=${commandId}`).expect(200);
    return (res.body as Envelope<{ action: string }[]>).data.map((e) => e.action).sort();
  }

  it('has CRITICAL needing approval for an hour by default; bad settings are 422 with paths; only an owner changes them', async () => {
    const res = await alice.get('/api/admin/settings/approvals').expect(200);
    expect(res.body.data).toEqual({ dangerLevels: ['CRITICAL'], approvalTtlSeconds: 3600 });

    const bad = await owner.patch('/api/admin/settings/approvals', { dangerLevels: ['SEVERE'], approvalTtlSeconds: 5 });
    expect(bad.status).toBe(422);
    const details = JSON.stringify(bad.body.error.details);
    expect(details).toContain('"path":"dangerLevels');
    expect(details).toContain('"path":"approvalTtlSeconds"');
    expect((await alice.patch('/api/admin/settings/approvals', { approvalTtlSeconds: 600 })).status).toBe(403);
  });

  it('keeps the agent from a CRITICAL execute until another operator approves it; then it runs', async () => {
    const requested = await requestWipe();
    expect(requested.status).toBe('AWAITING_APPROVAL');
    expect(Date.parse(requested.expiresAt!) - clock.nowMs()).toBe(3600 * 1000);
    await agentSkips(requested.id);

    const self = await alice.post(`/api/admin/commands/${requested.id}/approve`);
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('APPROVAL_SELF_FORBIDDEN');
    const selfReject = await alice.post(`/api/admin/commands/${requested.id}/reject`, { comment: 'mine' });
    expect(selfReject.body.error.code).toBe('APPROVAL_SELF_FORBIDDEN');

    const notText = await bob.post(`/api/admin/commands/${requested.id}/approve`, { comment: 5 });
    expect(notText.status).toBe(422);
    expect(JSON.stringify(notText.body.error.details)).toContain('"path":"comment"');
    const approved = await bob
      .post(`/api/admin/commands/${requested.id}/approve`, { comment: '  Checked with the cache owner  ' })
      .expect(200);
    expect(approved.body.data.status).toBe('PENDING');
    await waitFor(() => wipeRuns.includes(requested.id), 5000, 'the approved wipe ran');
    await bed.waitForStatus(requested.id, 'SUCCEEDED');

    const again = await owner.post(`/api/admin/commands/${requested.id}/approve`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('COMMAND_NOT_AWAITING_APPROVAL');
    expect(await auditActions(requested.id)).toEqual(
      expect.arrayContaining(['command.approval_requested', 'command.approved', 'command.created']),
    );
    const audit = await owner.get(`/api/admin/audit-events?targetType=Command&targetId=${requested.id}`).expect(200);
    const approval = (audit.body as Envelope<{ action: string; metadata: Record<string, unknown> }[]>).data.find(
      (e) => e.action === 'command.approved',
    );
    expect(approval?.metadata['comment']).toBe('Checked with the cache owner');
  });

  it('lists the waiting requests by status, for the console badge', async () => {
    const requested = await requestWipe();
    const list = await bob.get('/api/admin/commands?status=AWAITING_APPROVAL').expect(200);
    expect((list.body as Envelope<Command[]>).data.map((c) => c.id)).toEqual([requested.id]);
    await alice.post(`/api/admin/commands/${requested.id}/cancel`).expect(200);
    const after = await bob.get('/api/admin/commands?status=AWAITING_APPROVAL').expect(200);
    expect(after.body.data).toEqual([]);
  });

  it('never runs a rejected request; the reject needs a comment, which the requester reads', async () => {
    const requested = await requestWipe();
    const empty = await bob.post(`/api/admin/commands/${requested.id}/reject`, { comment: '  ' });
    expect(empty.status).toBe(422);
    expect(JSON.stringify(empty.body.error.details)).toContain('"path":"comment"');

    const rejected = await owner
      .post(`/api/admin/commands/${requested.id}/reject`, { comment: 'Not during business hours' })
      .expect(200);
    expect(rejected.body.data).toMatchObject({
      status: 'CANCELLED',
      errorCode: 'APPROVAL_REJECTED',
      errorMessage: 'Not during business hours',
    });
    const late = await bob.post(`/api/admin/commands/${requested.id}/approve`);
    expect(late.body.error.code).toBe('COMMAND_NOT_AWAITING_APPROVAL');
    await agentSkips(requested.id);
    expect(await auditActions(requested.id)).toEqual(
      expect.arrayContaining(['command.approval_requested', 'command.rejected']),
    );
  });

  it('refuses API tokens as approvers, and a token counts as its user when that user would approve', async () => {
    const me = await bob.get('/api/admin/auth/me').expect(200);
    const created = await owner
      .post('/api/admin/api-tokens', { name: 'bob-ci', role: 'operator', userId: me.body.data.user.id })
      .expect(200);
    const token = (created.body as Envelope<{ token: string }>).data.token;
    const asToken = (path: string, body: object = {}) =>
      request(bed.t.server).post(path).set('Authorization', `Bearer ${token}`).send(body);

    const other = await requestWipe();
    const tokenApprove = await asToken(`/api/admin/commands/${other.id}/approve`);
    expect(tokenApprove.status).toBe(403);
    expect(tokenApprove.body.error.code).toBe('API_TOKEN_SESSION_ONLY');
    const tokenReject = await asToken(`/api/admin/commands/${other.id}/reject`, { comment: 'no' });
    expect(tokenReject.body.error.code).toBe('API_TOKEN_SESSION_ONLY');

    const byToken = await asToken(`/api/admin/capsule-services/${serviceId}/actions/${WIPE}`, { confirmation: true });
    expect(byToken.body.data.status).toBe('AWAITING_APPROVAL');
    const bobSelf = await bob.post(`/api/admin/commands/${byToken.body.data.id}/approve`);
    expect(bobSelf.body.error.code).toBe('APPROVAL_SELF_FORBIDDEN');
    await alice.post(`/api/admin/commands/${byToken.body.data.id}/approve`).expect(200);
    await waitFor(() => wipeRuns.includes(byToken.body.data.id), 5000, 'the token’s approved wipe ran');
    await bob.post(`/api/admin/commands/${other.id}/cancel`).expect(200);
  });

  it('expires a request nobody decided on: the sweep marks it EXPIRED, a late approval is 409, the agent never runs it', async () => {
    await owner.patch('/api/admin/settings/approvals', { approvalTtlSeconds: 60 }).expect(200);
    const swept = await requestWipe();
    const late = await requestWipe();
    expect(Date.parse(swept.expiresAt!) - clock.nowMs()).toBe(60_000);
    clock.advance(61_000);

    const lateApprove = await bob.post(`/api/admin/commands/${late.id}/approve`);
    expect(lateApprove.status).toBe(409);
    expect(lateApprove.body.error.code).toBe('APPROVAL_EXPIRED');
    const run = await bob.post('/api/admin/maintenance/run').expect(200);
    expect(run.body.data.expiredApprovals).toBe(1);

    for (const id of [swept.id, late.id]) {
      const detail = await bed.commandDetail(id);
      expect(detail).toMatchObject({ status: 'EXPIRED', errorCode: 'APPROVAL_EXPIRED' });
      expect(await auditActions(id)).toEqual(expect.arrayContaining(['command.approval_expired']));
    }
    await waitFor(async () => (await bed.agentDetail(h.agent.agentId!)).effectiveStatus === 'ONLINE', 5000, 'online');
    await agentSkips(swept.id);
    expect(wipeRuns).not.toContain(late.id);
  });
});
