import { MemoryTokenStore, type CapsuleAgent } from '@opstage/agent-node';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import { Clock } from '../src/common/time/clock';
import { createTestApp } from './support/create-test-app';
import { loginAs, type AdminClient } from './support/http';
import { SdkTestBed, type Harness } from './support/sdk-harness';
import { SmtpReceiver } from './support/smtp-receiver';
import { sleep, waitFor } from './support/wait';
import { WebhookReceiver } from './support/webhook-receiver';

/** Real time plus an offset a test may move forward (to reach a reminder without waiting a minute). */
class ShiftedClock extends Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

const BASE = '/api/admin/notifications';
const OFFLINE_THRESHOLD_S = 5;

interface Alert {
  id: string;
  ruleId: string;
  state: string;
  subjectId: string;
  openedAt: string;
  firedAt: string | null;
  reminderCount: number;
}
interface Delivery {
  id: string;
  channelId: string;
  kind: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

jest.setTimeout(120_000);

/**
 * Notifications end to end (docs/notifications.md): real SDK agents against the backend listening on
 * loopback, local HTTP receivers for the chat and webhook channels, a local SMTP server for email.
 */
describe('notification delivery', () => {
  let bed: SdkTestBed;
  let owner: AdminClient;
  const clock = new ShiftedClock();
  const receivers: WebhookReceiver[] = [];
  let smtp: SmtpReceiver;

  beforeAll(async () => {
    smtp = await SmtpReceiver.start();
    const t = await createTestApp({
      listen: true,
      clock,
      env: {
        OPSTAGE_AGENT_OFFLINE_THRESHOLD_SECONDS: String(OFFLINE_THRESHOLD_S),
        OPSTAGE_NOTIFICATIONS_EVALUATE_INTERVAL_SECONDS: '1',
        OPSTAGE_NOTIFICATIONS_MAX_ATTEMPTS: '3',
        OPSTAGE_NOTIFICATIONS_BACKOFF_MS: '100',
        OPSTAGE_NOTIFICATIONS_TIMEOUT_MS: '2000',
        OPSTAGE_SERVICE_STALE_THRESHOLD_SECONDS: '3600',
      },
    });
    owner = await loginAs(t.server);
    bed = new SdkTestBed(t, owner, `http://127.0.0.1:${(t.server.address() as AddressInfo).port}`);
  });

  afterAll(async () => {
    await bed.stopAll();
    await bed.t.close();
    await Promise.all(receivers.map((r) => r.close()));
    await smtp.close();
  });

  async function receiver(): Promise<WebhookReceiver> {
    const r = await WebhookReceiver.start();
    receivers.push(r);
    return r;
  }

  async function channel(name: string, type: string, settings: Record<string, unknown>): Promise<string> {
    const res = await owner.post(`${BASE}/channels`, { name, type, settings });
    if (res.status !== 200) throw new Error(`channel: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { data: { id: string } }).data.id;
  }

  async function rule(body: Record<string, unknown>): Promise<string> {
    const res = await owner.post(`${BASE}/rules`, body);
    if (res.status !== 200) throw new Error(`rule: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { data: { id: string } }).data.id;
  }

  async function alertsOf(ruleId: string): Promise<Alert[]> {
    const res = await owner.get(`${BASE}/alerts?pageSize=100`).expect(200);
    return (res.body.data as Alert[]).filter((a) => a.ruleId === ruleId);
  }

  async function deliveriesOf(channelId: string): Promise<Delivery[]> {
    const res = await owner.get(`${BASE}/deliveries?channelId=${channelId}&pageSize=100`).expect(200);
    return res.body.data as Delivery[];
  }

  async function startAgent(
    code: string,
    labels: Record<string, string>,
    store = new MemoryTokenStore(),
    setup?: (agent: CapsuleAgent) => void,
  ): Promise<Harness & { store: MemoryTokenStore }> {
    const registered = await store.load();
    const h = bed.harness({
      code,
      tokenStore: store,
      ...(registered ? {} : { registrationToken: await bed.registrationToken(code) }),
      manifest: { labels },
      setup,
    });
    await h.agent.start();
    return { ...h, store };
  }

  it('sends the Slack message only after the delay when an agent stops heartbeating, reminds, then recovers', async () => {
    const slack = await receiver();
    const channelId = await channel('ops slack', 'slack', { webhookUrl: slack.url });
    const ruleId = await rule({
      name: 'billing offline',
      events: ['agent.offline'],
      channelIds: [channelId],
      labels: [{ key: 'case', value: 'offline' }],
      delaySeconds: 3,
      reminderMinutes: 1,
    });
    const first = await startAgent('notify-offline', { case: 'offline', team: 'billing' });
    const agentId = first.agent.agentId!;
    await first.agent.stop({ timeoutMs: 2000 });
    const stoppedAt = Date.now();

    const pending = await waitFor(
      async () => (await alertsOf(ruleId)).find((a) => a.state === 'pending'),
      OFFLINE_THRESHOLD_S * 1000 + 5000,
      'pending alert',
    );
    expect(pending.subjectId).toBe(agentId);
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(OFFLINE_THRESHOLD_S * 1000 - 1000);
    expect(slack.received).toEqual([]);

    const fired = await waitFor(() => slack.received[0], 10_000, 'slack message');
    const alert = (await alertsOf(ruleId))[0]!;
    expect(alert.state).toBe('firing');
    expect(Date.parse(alert.firedAt!) - Date.parse(alert.openedAt)).toBeGreaterThanOrEqual(3000);
    expect(fired.body.text).toBe('[CRITICAL] Agent Agent notify-offline is offline');
    expect(Array.isArray(fired.body.blocks)).toBe(true);
    expect(JSON.stringify(fired.body.blocks)).toContain('case=offline');
    expect(slack.received).toHaveLength(1);

    // A minute later (the clock moves, the agent stays silent): one reminder.
    clock.offsetMs += 61_000;
    const reminder = await waitFor(() => slack.received[1], 5000, 'reminder');
    expect(String(reminder.body.text)).toContain('Still firing');
    expect((await alertsOf(ruleId))[0]).toMatchObject({ state: 'firing', reminderCount: 1 });

    // The agent comes back: a recovery message, the alert resolved.
    await startAgent('notify-offline', { case: 'offline', team: 'billing' }, first.store);
    const recovery = await waitFor(() => slack.received[2], 8000, 'recovery');
    expect(String(recovery.body.text)).toContain('Resolved: Agent Agent notify-offline is back online');
    expect((await alertsOf(ruleId))[0]).toMatchObject({ state: 'resolved' });
    expect((await deliveriesOf(channelId)).map((d) => `${d.kind}:${d.status}`).sort()).toEqual([
      'fire:sent',
      'recovery:sent',
      'reminder:sent',
    ]);

    // All of it is in the audit log.
    const actions = new Set<string>();
    const audit = await owner.get('/api/admin/audit-events?pageSize=100').expect(200);
    for (const row of audit.body.data as { action: string; targetId: string; metadata: Record<string, unknown> }[])
      if (row.targetId === alert.id || row.metadata?.alertId === alert.id) actions.add(row.action);
    expect([...actions].sort()).toEqual([
      'notification.alert.fired',
      'notification.alert.opened',
      'notification.alert.reminded',
      'notification.alert.resolved',
      'notification.delivery.sent',
    ]);
    await bed.stopAll();
  });

  it('sends nothing when the agent recovers inside the delay (the alert is cancelled)', async () => {
    const slack = await receiver();
    const channelId = await channel('flap slack', 'slack', { webhookUrl: slack.url });
    const ruleId = await rule({
      name: 'flapping',
      events: ['agent.offline'],
      channelIds: [channelId],
      labels: [{ key: 'case', value: 'flap' }],
      delaySeconds: 60,
    });
    const h = await startAgent('notify-flap', { case: 'flap' });
    await h.agent.stop({ timeoutMs: 2000 });
    await waitFor(async () => (await alertsOf(ruleId)).find((a) => a.state === 'pending'), 12_000, 'pending alert');
    await startAgent('notify-flap', { case: 'flap' }, h.store);
    await waitFor(async () => (await alertsOf(ruleId)).find((a) => a.state === 'cancelled'), 8000, 'cancelled alert');
    expect(slack.received).toEqual([]);
    expect(await deliveriesOf(channelId)).toEqual([]);
    await bed.stopAll();
  });

  it('retries a failing channel with back-off and shows it failing, while healthy and slow channels are not held up', async () => {
    const healthy = await receiver();
    const failing = await receiver();
    failing.fallback = 500;
    const slow = await receiver();
    slow.fallback = 'hang';
    const healthyId = await channel('healthy', 'discord', { webhookUrl: healthy.url });
    const failingId = await channel('failing', 'teams', { webhookUrl: failing.url });
    const slowId = await channel('slow', 'webhook', { url: slow.url });
    const ruleId = await rule({
      name: 'unhealthy',
      events: ['service.unhealthy'],
      channelIds: [slowId, failingId, healthyId],
      labels: [{ key: 'case', value: 'health' }],
    });
    const health = { status: 'UP' as 'UP' | 'DOWN' };
    await startAgent('notify-health', { case: 'health' }, new MemoryTokenStore(), (a) =>
      a.health(() => ({ status: health.status, message: health.status === 'UP' ? 'ok' : 'database unreachable' })),
    );
    health.status = 'DOWN';
    const alert = await waitFor(
      async () => (await alertsOf(ruleId)).find((a) => a.state === 'firing'),
      8000,
      'firing alert',
    );
    const message = await waitFor(() => healthy.received[0], 5000, 'healthy channel message');
    // The healthy channel got its message long before the slow one's attempt times out (2 s).
    expect(message.at - Date.parse(alert.firedAt!)).toBeLessThan(1500);
    expect(message.body.content).toBe('[WARNING] Service Service notify-health is unhealthy');
    expect((message.body.embeds as { color: number }[])[0]?.color).toBe(0xef6c00);

    const failed = await waitFor(
      async () => (await deliveriesOf(failingId)).find((d) => d.status === 'failed'),
      8000,
      'failing delivery given up',
    );
    expect(failed).toMatchObject({ attempts: 3, lastError: 'HTTP 500', kind: 'fire' });
    expect(failing.received).toHaveLength(3);
    expect(failing.received[0]?.body['@type']).toBe('MessageCard');
    const channels = await owner.get(`${BASE}/channels?pageSize=100`).expect(200);
    const byId = new Map((channels.body.data as { id: string }[]).map((c) => [c.id, c]));
    expect(byId.get(failingId)).toMatchObject({ status: 'failing', lastError: 'HTTP 500' });
    expect(byId.get(healthyId)).toMatchObject({ status: 'ok', lastError: null });
    const audit = await owner.get(`/api/admin/audit-events?action=notification.delivery.failed`).expect(200);
    expect(audit.body.data.some((a: { targetId: string }) => a.targetId === failed.id)).toBe(true);

    // Healthy again: the recovery reaches the healthy channel too.
    health.status = 'UP';
    const recovery = await waitFor(() => healthy.received[1], 8000, 'recovery');
    expect(String(recovery.body.content)).toContain('Resolved: Service Service notify-health is healthy again');
    await bed.stopAll();
  });

  it('emails a failed command through SMTP and posts it to a signed webhook; the send-test route mails too', async () => {
    const hooks = await receiver();
    const secret = 'delivery-test-secret-0123456789';
    const emailId = await channel('mail', 'email', {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      username: 'opstage',
      password: 'smtp-password',
      from: 'opstage@example.com',
      to: ['oncall@example.com', 'lead@example.com'],
    });
    const webhookId = await channel('hooks', 'webhook', { url: hooks.url, secret });
    await rule({
      name: 'failed commands',
      events: ['command.failed'],
      channelIds: [emailId, webhookId],
      labels: [{ key: 'case', value: 'command' }],
      minSeverity: 'warning',
    });
    const h = await startAgent('notify-command', { case: 'command' }, new MemoryTokenStore(), (a) =>
      a.action({
        name: 'boom',
        label: 'Boom',
        handler: () => {
          throw new Error('disk full');
        },
      }),
    );
    const command = await bed.execute(h.agent.serviceId!, 'boom', {});
    await bed.waitForStatus(command.id, 'FAILED');

    const hook = await waitFor(() => hooks.received[0], 8000, 'webhook event');
    expect(hook.headers['x-opstage-signature']).toBe(
      `sha256=${createHmac('sha256', secret).update(hook.raw).digest('hex')}`,
    );
    expect(hook.headers['x-opstage-event']).toBe('command.failed');
    expect(hook.body).toMatchObject({
      source: 'opstage',
      kind: 'event',
      event: 'command.failed',
      severity: 'warning',
      subject: { type: 'command', id: command.id },
    });
    const mail = await waitFor(() => smtp.received[0], 8000, 'email');
    expect(mail.from).toBe('opstage@example.com');
    expect(mail.to).toEqual(['oncall@example.com', 'lead@example.com']);
    expect(mail.raw).toContain('Subject: [Opstage WARNING] Command boom on Service notify-command failed');
    expect(mail.raw).toContain('disk full');
    expect(smtp.logins).toContain('opstage:smtp-password');

    const test = await owner.post(`${BASE}/channels/${emailId}/test`).expect(200);
    expect(test.body.data).toMatchObject({ ok: true, error: null });
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[1]?.raw).toContain('Test notification from Opstage');
    await bed.stopAll();
  });
  it('announces a command awaiting approval at once to rules whose minimum severity lets info through', async () => {
    const info = await receiver();
    const strict = await receiver();
    const infoId = await channel('approvals', 'teams', { webhookUrl: info.url });
    const strictId = await channel('warnings only', 'teams', { webhookUrl: strict.url });
    await rule({
      name: 'approvals',
      events: ['approval.requested'],
      channelIds: [infoId],
      labels: [{ key: 'case', value: 'approval' }],
    });
    await rule({
      name: 'warnings',
      events: ['approval.requested'],
      channelIds: [strictId],
      labels: [{ key: 'case', value: 'approval' }],
      minSeverity: 'warning',
    });
    const h = await startAgent('notify-approval', { case: 'approval' }, new MemoryTokenStore(), (a) =>
      a.action({ name: 'wipe', label: 'Wipe', dangerLevel: 'CRITICAL', handler: () => ({ wiped: true }) }),
    );
    const res = await owner.post(`/api/admin/capsule-services/${h.agent.serviceId!}/actions/wipe`, {
      confirmation: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('AWAITING_APPROVAL');
    const card = await waitFor(() => info.received[0], 8000, 'approval card');
    expect(card.body).toMatchObject({
      '@type': 'MessageCard',
      title: 'Command wipe on Service notify-approval awaits approval',
      themeColor: '1565c0',
    });
    // Other evaluations and dispatcher polls pass; the warning-only rule never hears of an info event.
    await sleep(1500);
    expect(strict.received).toEqual([]);
    expect(info.received).toHaveLength(1);
    await bed.stopAll();
  });
});
