import { DataSource } from 'typeorm';
import { NotificationActivityService } from '../src/notifications/notification-activity.service';
import { NotificationAlertEntity } from '../src/notifications/notification-alert.entity';
import { NotificationChannelEntity } from '../src/notifications/notification-channel.entity';
import { NotificationDeliveryEntity } from '../src/notifications/notification-delivery.entity';
import { createTestApp, type TestApp } from './support/create-test-app';
import { loginAs, type AdminClient } from './support/http';
import { userWithRole } from './support/seed';
import { WebhookReceiver } from './support/webhook-receiver';

const BASE = '/api/admin/notifications';
const SLACK_URL = 'https://hooks.slack.example/services/T000/B000/very-secret-token';

interface Issue {
  path: string;
  message: string;
}

function issuePaths(body: { error: { details?: { issues?: Issue[] } } }): string[] {
  return (body.error.details?.issues ?? []).map((i) => i.path);
}

describe('notification channels and rules API (docs/notifications.md)', () => {
  let t: TestApp;
  let owner: AdminClient;
  let viewer: AdminClient;
  let operator: AdminClient;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    t = await createTestApp();
    owner = await loginAs(t.server);
    viewer = await userWithRole(t.server, owner, 'nviewer', 'viewer');
    operator = await userWithRole(t.server, owner, 'noperator', 'operator');
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  async function createSlack(name = 'ops slack'): Promise<string> {
    const res = await owner.post(`${BASE}/channels`, { name, type: 'slack', settings: { webhookUrl: SLACK_URL } });
    expect(res.status).toBe(200);
    return (res.body as { data: { id: string } }).data.id;
  }

  describe('channels', () => {
    it('creates a channel whose secret is masked in every answer and sealed at rest', async () => {
      const res = await owner.post(`${BASE}/channels`, {
        name: 'hooks',
        type: 'webhook',
        settings: { url: receiver.url, secret: 'a-signing-secret-of-some-length' },
      });
      expect(res.status).toBe(200);
      const channel = res.body.data;
      expect(channel).toMatchObject({
        name: 'hooks',
        type: 'webhook',
        enabled: true,
        status: 'untested',
        lastError: null,
        lastDeliveryAt: null,
        settings: { url: receiver.url, secret: '********' },
      });
      expect(channel.id).toMatch(/^nch_/);
      const list = await viewer.get(`${BASE}/channels`).expect(200);
      expect(list.body.pagination).toMatchObject({ page: 1, pageSize: 20 });
      const listed = list.body.data.find((c: { id: string }) => c.id === channel.id);
      expect(listed.settings.secret).toBe('********');
      const row = await t.app
        .get(DataSource)
        .getRepository(NotificationChannelEntity)
        .findOneByOrFail({ id: channel.id });
      expect(row.settingsJson).not.toContain('a-signing-secret');
      expect(row.sealedSecrets).toMatch(/^v1\./);
      expect(row.sealedSecrets).not.toContain('a-signing-secret');
    });

    it('masks the chat webhook address (it is the secret) and keeps it when "********" comes back', async () => {
      const id = await createSlack('keep-secret');
      const got = await owner.get(`${BASE}/channels`).expect(200);
      const listed = got.body.data.find((c: { id: string }) => c.id === id);
      expect(listed.settings).toEqual({ webhookUrl: '********' });
      const renamed = await owner.patch(`${BASE}/channels/${id}`, {
        name: 'renamed',
        settings: { webhookUrl: '********' },
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body.data).toMatchObject({ name: 'renamed', settings: { webhookUrl: '********' } });
      // The stored address is still the original: a test send reaches it (here: an unreachable host), not "********".
      const row = await t.app.get(DataSource).getRepository(NotificationChannelEntity).findOneByOrFail({ id });
      expect(row.sealedSecrets).toMatch(/^v1\./);
      expect(JSON.stringify(row)).not.toContain('very-secret-token');
    });

    it('refuses bad settings with 422 and the field paths', async () => {
      const res = await owner.post(`${BASE}/channels`, {
        name: 'bad mail',
        type: 'email',
        settings: {
          host: '',
          port: 70000,
          secure: 'yes',
          from: 'nobody',
          to: ['ok@example.com', 'not-an-address'],
          extra: 1,
        },
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(issuePaths(res.body)).toEqual(
        expect.arrayContaining([
          'settings.extra',
          'settings.host',
          'settings.port',
          'settings.secure',
          'settings.from',
          'settings.to.1',
        ]),
      );
      const badType = await owner.post(`${BASE}/channels`, { name: 'x', type: 'pager', settings: {} });
      expect(badType.status).toBe(422);
      expect(issuePaths(badType.body)).toContain('type');
      const badUrl = await owner.post(`${BASE}/channels`, {
        name: 'x',
        type: 'discord',
        settings: { webhookUrl: 'ftp://x' },
      });
      expect(badUrl.status).toBe(422);
      expect(issuePaths(badUrl.body)).toEqual(['settings.webhookUrl']);
      const metadata = await owner.post(`${BASE}/channels`, {
        name: 'x',
        type: 'webhook',
        settings: { url: 'http://169.254.169.254/latest/meta-data' },
      });
      expect(metadata.status).toBe(422);
      expect(issuePaths(metadata.body)).toEqual(['settings.url']);
      const noSettings = await owner.post(`${BASE}/channels`, { name: 'x', type: 'slack' });
      expect(noSettings.status).toBe(422);
      expect(issuePaths(noSettings.body)).toContain('settings');
    });

    it('answers 404 NOTIFICATION_CHANNEL_NOT_FOUND for unknown ids', async () => {
      for (const res of [
        await owner.patch(`${BASE}/channels/nch_missing`, { name: 'x' }),
        await owner.delete(`${BASE}/channels/nch_missing`),
        await owner.post(`${BASE}/channels/nch_missing/test`),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('NOTIFICATION_CHANNEL_NOT_FOUND');
      }
    });

    it('lets viewers read but only owners change (403 for viewer and operator)', async () => {
      const id = await createSlack('roles');
      for (const client of [viewer, operator]) {
        expect(
          (await client.post(`${BASE}/channels`, { name: 'x', type: 'slack', settings: { webhookUrl: SLACK_URL } }))
            .status,
        ).toBe(403);
        expect((await client.patch(`${BASE}/channels/${id}`, { name: 'x' })).status).toBe(403);
        expect((await client.delete(`${BASE}/channels/${id}`)).status).toBe(403);
        expect((await client.post(`${BASE}/channels/${id}/test`)).status).toBe(403);
        expect(
          (await client.post(`${BASE}/rules`, { name: 'r', events: ['agent.offline'], channelIds: [id] })).status,
        ).toBe(403);
        expect((await client.get(`${BASE}/channels`)).status).toBe(200);
        expect((await client.get(`${BASE}/rules`)).status).toBe(200);
        expect((await client.get(`${BASE}/alerts`)).status).toBe(200);
        expect((await client.get(`${BASE}/deliveries`)).status).toBe(200);
      }
    });

    it('sends a test through the channel, signed, and records it (delivery, status, audit)', async () => {
      const secret = 'test-signing-secret-0123456789';
      const created = await owner.post(`${BASE}/channels`, {
        name: 'signed',
        type: 'webhook',
        settings: { url: receiver.url, secret },
      });
      const id = created.body.data.id as string;
      const before = receiver.received.length;
      const res = await owner.post(`${BASE}/channels/${id}/test`);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ ok: true, error: null });
      expect(typeof res.body.data.durationMs).toBe('number');
      expect(receiver.received.length).toBe(before + 1);
      const hook = receiver.received[before]!;
      const { createHmac } = await import('node:crypto');
      expect(hook.headers['x-opstage-signature']).toBe(
        `sha256=${createHmac('sha256', secret).update(hook.raw).digest('hex')}`,
      );
      expect(hook.body).toMatchObject({ source: 'opstage', kind: 'test', event: 'test' });
      const channels = await owner.get(`${BASE}/channels`).expect(200);
      expect(channels.body.data.find((c: { id: string }) => c.id === id)).toMatchObject({
        status: 'ok',
        lastError: null,
      });
      const deliveries = await viewer.get(`${BASE}/deliveries?channelId=${id}`).expect(200);
      expect(deliveries.body.data).toEqual([expect.objectContaining({ kind: 'test', status: 'sent', attempts: 1 })]);
      const audit = await owner.get(`/api/admin/audit-events?action=notification.channel.tested`).expect(200);
      expect(audit.body.data[0]).toMatchObject({ targetId: id, result: 'SUCCESS' });
      expect(JSON.stringify(audit.body.data)).not.toContain(secret);
    });

    it('reports a failed test without retrying it and marks the channel failing', async () => {
      receiver.reply(500);
      const created = await owner.post(`${BASE}/channels`, {
        name: 'down',
        type: 'webhook',
        settings: { url: receiver.url },
      });
      const id = created.body.data.id as string;
      const before = receiver.received.length;
      const res = await owner.post(`${BASE}/channels/${id}/test`).expect(200);
      expect(res.body.data).toMatchObject({ ok: false, error: 'HTTP 500' });
      expect(receiver.received.length).toBe(before + 1);
      const channels = await owner.get(`${BASE}/channels`).expect(200);
      expect(channels.body.data.find((c: { id: string }) => c.id === id)).toMatchObject({
        status: 'failing',
        lastError: 'HTTP 500',
      });
    });

    it('deletes a channel (200 {deleted:true}), takes it out of rules, and audits without secrets', async () => {
      const id = await createSlack('to-delete');
      const keep = await createSlack('kept');
      const rule = await owner.post(`${BASE}/rules`, {
        name: 'both',
        events: ['agent.offline'],
        channelIds: [id, keep],
      });
      expect(rule.status).toBe(200);
      const res = await owner.delete(`${BASE}/channels/${id}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ success: true, data: { deleted: true } });
      const rules = await owner.get(`${BASE}/rules`).expect(200);
      expect(rules.body.data.find((r: { id: string }) => r.id === rule.body.data.id).channelIds).toEqual([keep]);
      const audit = await owner.get(`/api/admin/audit-events?action=notification.channel.deleted`).expect(200);
      expect(audit.body.data[0]).toMatchObject({ targetId: id, targetType: 'NotificationChannel' });
      const created = await owner.get(`/api/admin/audit-events?action=notification.channel.created`).expect(200);
      expect(created.body.data.length).toBeGreaterThan(0);
      expect(JSON.stringify(created.body.data)).not.toContain('very-secret-token');
    });
  });

  describe('rules', () => {
    it('creates, updates and deletes a rule with defaults, each audited', async () => {
      const channelId = await createSlack('rules');
      const res = await owner.post(`${BASE}/rules`, {
        name: 'billing down',
        events: ['service.unhealthy', 'agent.offline'],
        channelIds: [channelId],
        labels: [{ key: 'team', value: 'billing' }],
      });
      expect(res.status).toBe(200);
      const rule = res.body.data;
      expect(rule).toMatchObject({
        name: 'billing down',
        enabled: true,
        events: ['service.unhealthy', 'agent.offline'],
        channelIds: [channelId],
        labels: [{ key: 'team', value: 'billing' }],
        minSeverity: 'info',
        delaySeconds: 0,
        reminderMinutes: 0,
        notifyRecovery: true,
      });
      expect(rule.id).toMatch(/^nrl_/);
      const updated = await owner.patch(`${BASE}/rules/${rule.id}`, {
        delaySeconds: 300,
        reminderMinutes: 30,
        minSeverity: 'critical',
      });
      expect(updated.status).toBe(200);
      expect(updated.body.data).toMatchObject({
        delaySeconds: 300,
        reminderMinutes: 30,
        minSeverity: 'critical',
        name: 'billing down',
      });
      const list = await viewer.get(`${BASE}/rules`).expect(200);
      expect(list.body.data.find((r: { id: string }) => r.id === rule.id)).toMatchObject({ delaySeconds: 300 });
      const deleted = await owner.delete(`${BASE}/rules/${rule.id}`);
      expect(deleted.status).toBe(200);
      expect(deleted.body).toEqual({ success: true, data: { deleted: true } });
      for (const action of ['created', 'updated', 'deleted']) {
        const audit = await owner.get(`/api/admin/audit-events?action=notification.rule.${action}`).expect(200);
        expect(audit.body.data.some((a: { targetId: string }) => a.targetId === rule.id)).toBe(true);
      }
    });

    it('refuses a rule naming a missing channel with 422 at channelIds.N', async () => {
      const channelId = await createSlack('exists');
      const res = await owner.post(`${BASE}/rules`, {
        name: 'r',
        events: ['command.failed'],
        channelIds: [channelId, 'nch_nothere'],
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.issues).toEqual([{ path: 'channelIds.1', message: expect.any(String) }]);
    });

    it('refuses malformed rules with 422 and paths', async () => {
      const res = await owner.post(`${BASE}/rules`, {
        name: '',
        events: ['agent.exploded'],
        channelIds: [],
        labels: [{ key: 'bad key!', value: '' }],
        minSeverity: 'fatal',
        delaySeconds: -1,
        reminderMinutes: 1.5,
      });
      expect(res.status).toBe(422);
      expect(issuePaths(res.body)).toEqual(
        expect.arrayContaining([
          'name',
          'events',
          'channelIds',
          'labels.0.key',
          'labels.0.value',
          'minSeverity',
          'delaySeconds',
          'reminderMinutes',
        ]),
      );
      const patch = await owner.patch(`${BASE}/rules/nrl_missing`, { delaySeconds: 'soon' });
      expect(patch.status).toBe(422);
      expect([...new Set(issuePaths(patch.body))]).toEqual(['delaySeconds']);
    });

    it('answers 404 NOTIFICATION_RULE_NOT_FOUND for unknown ids', async () => {
      for (const res of [
        await owner.patch(`${BASE}/rules/nrl_missing`, { name: 'x' }),
        await owner.delete(`${BASE}/rules/nrl_missing`),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('NOTIFICATION_RULE_NOT_FOUND');
      }
    });
  });

  describe('alerts and deliveries lists', () => {
    it('page like other lists and refuse bad filters with 422', async () => {
      const alerts = await viewer.get(`${BASE}/alerts?state=firing&page=1&pageSize=5`).expect(200);
      expect(alerts.body).toMatchObject({ success: true, data: [], pagination: { page: 1, pageSize: 5, total: 0 } });
      const bad = await viewer.get(`${BASE}/alerts?state=exploded`);
      expect(bad.status).toBe(422);
      expect(issuePaths(bad.body)).toEqual(['state']);
      const badPage = await viewer.get(`${BASE}/deliveries?status=sent&page=abc`);
      expect(badPage.status).toBe(422);
      expect(issuePaths(badPage.body)).toEqual(['page']);
    });
  });
  describe('retention', () => {
    it('deletes finished deliveries and ended alerts older than the retention, and nothing open or recent', async () => {
      const ds = t.app.get(DataSource);
      const old = new Date(Date.now() - 31 * 86_400_000).toISOString();
      const now = new Date().toISOString();
      const delivery = (id: string, status: 'sent' | 'failed' | 'pending', createdAt: string) => ({
        id,
        channelId: 'nch_gone',
        alertId: null,
        kind: 'event' as const,
        status,
        attempts: 1,
        lastError: null,
        nextAttemptAt: status === 'pending' ? '2999-01-01T00:00:00.000Z' : null,
        messageJson: '{}',
        leaseOwner: null,
        leaseUntil: null,
        createdAt,
        sentAt: null,
        updatedAt: createdAt,
      });
      await ds
        .getRepository(NotificationDeliveryEntity)
        .insert([
          delivery('ndl_oldsent', 'sent', old),
          delivery('ndl_oldfailed', 'failed', old),
          delivery('ndl_oldpending', 'pending', old),
          delivery('ndl_newsent', 'sent', now),
        ]);
      const alert = (id: string, state: 'resolved' | 'firing', resolvedAt: string | null) => ({
        id,
        ruleId: 'nrl_gone',
        event: 'agent.offline' as const,
        severity: 'critical' as const,
        subjectType: 'agent' as const,
        subjectId: `agt_${id}`,
        subjectName: id,
        state,
        openKey: state === 'firing' ? `nrl_gone/agent/${id}` : null,
        openedAt: old,
        firedAt: old,
        resolvedAt,
        lastNotifiedAt: old,
        reminderCount: 0,
        updatedAt: old,
      });
      await ds
        .getRepository(NotificationAlertEntity)
        .insert([
          alert('nal_oldresolved', 'resolved', old),
          alert('nal_oldfiring', 'firing', null),
          alert('nal_newresolved', 'resolved', now),
        ]);
      expect(await t.app.get(NotificationActivityService).prune()).toEqual({ deliveries: 2, alerts: 1 });
      const deliveries = (await ds.getRepository(NotificationDeliveryEntity).find()).map((d) => d.id);
      expect(deliveries).toEqual(expect.arrayContaining(['ndl_oldpending', 'ndl_newsent']));
      expect(deliveries).not.toEqual(expect.arrayContaining(['ndl_oldsent']));
      expect(deliveries).not.toContain('ndl_oldfailed');
      const alerts = (await ds.getRepository(NotificationAlertEntity).find()).map((a) => a.id).sort();
      expect(alerts).toEqual(['nal_newresolved', 'nal_oldfiring']);
    });
  });
});
