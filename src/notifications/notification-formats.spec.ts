import { discordBody, emailContent, httpBody, slackBody, teamsBody, webhookBody } from './notification-formats';
import type { NotificationMessage } from './notification-message';
import { signature } from './notification-sender';

const message: NotificationMessage = {
  kind: 'fire',
  event: 'service.unhealthy',
  severity: 'warning',
  title: 'Service billing is unhealthy',
  text: 'Service billing reports itself unhealthy (DEGRADED or DOWN).',
  subject: { type: 'service', id: 'svc_1', name: 'billing' },
  labels: [{ key: 'team', value: 'billing' }],
  alertId: 'nal_1',
  ruleId: 'nrl_1',
  occurredAt: '2026-01-01T00:05:00.000Z',
  url: 'https://opstage.example.com/services/svc_1',
};

describe('message formats', () => {
  it('generic webhook: the whole message plus the delivery id', () => {
    expect(webhookBody(message, 'ndl_1')).toEqual({ source: 'opstage', deliveryId: 'ndl_1', ...message });
  });

  it('Slack: a text fallback and blocks (header, text, fields, link)', () => {
    const body = slackBody(message);
    expect(body.text).toBe('[WARNING] Service billing is unhealthy');
    const blocks = body.blocks as { type: string; text?: { text: string }; fields?: { text: string }[] }[];
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context']);
    expect(blocks[0]?.text?.text).toBe(message.title);
    expect(blocks[1]?.text?.text).toBe(message.text);
    expect(blocks[2]?.fields?.map((f) => f.text)).toContain('*Labels*\nteam=billing');
  });

  it('Teams: a MessageCard with a colour per severity and the facts', () => {
    const card = teamsBody(message);
    expect(card).toMatchObject({
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      summary: message.title,
      title: message.title,
      themeColor: 'ef6c00',
    });
    expect((card.sections as { facts: { name: string }[] }[])[0]?.facts.map((f) => f.name)).toEqual([
      'Severity',
      'Service',
      'Event',
      'At',
      'Labels',
    ]);
    expect(teamsBody({ ...message, kind: 'recovery' }).themeColor).toBe('2e7d32');
  });

  it('Discord: content plus one embed with an integer colour', () => {
    const body = discordBody({ ...message, severity: 'critical' });
    expect(body.content).toBe('[CRITICAL] Service billing is unhealthy');
    const [embed] = body.embeds as Record<string, unknown>[];
    expect(embed).toMatchObject({ title: message.title, description: message.text, color: 0xc62828, url: message.url });
  });

  it('email: a subject with the severity and a plain-text body', () => {
    const mail = emailContent(message);
    expect(mail.subject).toBe('[Opstage WARNING] Service billing is unhealthy');
    expect(mail.text).toContain(message.text);
    expect(mail.text).toContain('Labels: team=billing');
    expect(mail.text).toContain(message.url);
  });

  it('serialises each HTTP type and signs the exact bytes', () => {
    const raw = httpBody('slack', message, 'ndl_1');
    expect(JSON.parse(raw)).toEqual(slackBody(message));
    expect(signature('k'.repeat(16), raw)).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(JSON.parse(httpBody('webhook', message, 'ndl_9')).deliveryId).toBe('ndl_9');
  });
});
