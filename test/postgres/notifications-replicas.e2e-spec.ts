import { MemoryTokenStore } from '@opstage/agent-node';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../support/create-test-app';
import { loginAs, type AdminClient } from '../support/http';
import { createTestDatabase, dropTestDatabase } from '../support/postgres/test-database';
import { SdkTestBed } from '../support/sdk-harness';
import { sleep, waitFor } from '../support/wait';
import { WebhookReceiver } from '../support/webhook-receiver';

const BASE = '/api/admin/notifications';

jest.setTimeout(90_000);

/**
 * Notifications on two replicas sharing one PostgreSQL database (docs/notifications.md, "Several
 * replicas"): both evaluate on the same interval and both run a dispatcher, yet an agent going offline
 * gives exactly one message, and a retried message is attempted once per attempt, not once per replica.
 */
describe('notifications on two replicas', () => {
  let database: string;
  let replicas: [TestApp, TestApp];
  let admins: [AdminClient, AdminClient];
  let bed: SdkTestBed;
  let slack: WebhookReceiver;

  beforeAll(async () => {
    slack = await WebhookReceiver.start();
    database = await createTestDatabase();
    const env = {
      OPSTAGE_AGENT_OFFLINE_THRESHOLD_SECONDS: '5',
      OPSTAGE_NOTIFICATIONS_EVALUATE_INTERVAL_SECONDS: '1',
      OPSTAGE_NOTIFICATIONS_BACKOFF_MS: '200',
      OPSTAGE_NOTIFICATIONS_MAX_ATTEMPTS: '3',
    };
    const started: TestApp[] = [];
    for (const id of ['n1', 'n2'])
      started.push(await createTestApp({ database, listen: true, env: { ...env, OPSTAGE_REPLICA_ID: id } }));
    replicas = started as [TestApp, TestApp];
    admins = (await Promise.all(replicas.map((t) => loginAs(t.server)))) as [AdminClient, AdminClient];
    const [n1] = replicas;
    bed = new SdkTestBed(n1, admins[0], `http://127.0.0.1:${(n1.server.address() as AddressInfo).port}`);
  });

  afterAll(async () => {
    await bed.stopAll();
    for (const t of replicas) await t.close();
    await dropTestDatabase(database);
    await slack.close();
  });

  it('one agent going offline gives exactly one message (and its first failed attempt one retry)', async () => {
    // The first attempt fails: the retry must also happen once, from one replica.
    slack.reply(503);
    const channel = await admins[1].post(`${BASE}/channels`, {
      name: 'cluster slack',
      type: 'slack',
      settings: { webhookUrl: slack.url },
    });
    expect(channel.status).toBe(200);
    const channelId = channel.body.data.id as string;
    const rule = await admins[0].post(`${BASE}/rules`, {
      name: 'offline',
      events: ['agent.offline'],
      channelIds: [channelId],
      delaySeconds: 1,
    });
    expect(rule.status).toBe(200);

    const code = 'replicated-agent';
    const h = bed.harness({
      code,
      tokenStore: new MemoryTokenStore(),
      registrationToken: await bed.registrationToken(code),
    });
    await h.agent.start();
    await h.agent.stop({ timeoutMs: 2000 });

    await waitFor(() => slack.received.length >= 2, 20_000, 'first attempt and its retry');
    // Several more evaluation intervals and dispatcher polls on both replicas: nothing more arrives.
    await sleep(4000);
    expect(slack.received).toHaveLength(2);
    expect(slack.received.map((r) => r.raw)).toEqual([slack.received[0]!.raw, slack.received[0]!.raw]);
    expect(String(slack.received[0]!.body.text)).toContain('Agent replicated-agent is offline');

    for (const admin of admins) {
      const alerts = await admin.get(`${BASE}/alerts?state=firing`).expect(200);
      expect(alerts.body.data).toHaveLength(1);
      const deliveries = await admin.get(`${BASE}/deliveries?channelId=${channelId}`).expect(200);
      expect(deliveries.body.data).toEqual([expect.objectContaining({ kind: 'fire', status: 'sent', attempts: 2 })]);
    }
    const audit = await admins[1].get('/api/admin/audit-events?action=notification.alert.fired').expect(200);
    expect(audit.body.data).toHaveLength(1);
  });
});
