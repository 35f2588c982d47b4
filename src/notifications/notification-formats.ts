import { colourOf, factsOf, severityLabel, type NotificationMessage } from './notification-message';
import type { NotificationChannelType } from '../contracts';

/**
 * The body each channel type receives (docs/notifications.md, "Message formats"). Pure functions, so
 * a test can compare what a receiver gets with what a format promises.
 */

/** Generic webhook: the whole message as JSON, signed by the sender when a secret is set. */
export function webhookBody(message: NotificationMessage, deliveryId: string): Record<string, unknown> {
  return { source: 'opstage', deliveryId, ...message };
}

/** Slack incoming webhook: `text` is the fallback for notifications, `blocks` the rich layout. */
export function slackBody(message: NotificationMessage): Record<string, unknown> {
  const facts = factsOf(message);
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: message.title.slice(0, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: message.text } },
    {
      type: 'section',
      fields: facts.slice(0, 10).map((f) => ({ type: 'mrkdwn', text: `*${f.name}*\n${f.value}` })),
    },
  ];
  if (message.url)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `<${message.url}|Open in Opstage>` }] });
  return { text: `[${severityLabel(message.severity)}] ${message.title}`, blocks };
}

/** Microsoft Teams incoming webhook: the legacy MessageCard, which every Teams connector still accepts. */
export function teamsBody(message: NotificationMessage): Record<string, unknown> {
  const card: Record<string, unknown> = {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: message.title,
    themeColor: colourOf(message).toString(16).padStart(6, '0'),
    title: message.title,
    text: message.text,
    sections: [{ facts: factsOf(message) }],
  };
  if (message.url)
    card.potentialAction = [
      { '@type': 'OpenUri', name: 'Open in Opstage', targets: [{ os: 'default', uri: message.url }] },
    ];
  return card;
}

/** Discord webhook: a one-line `content` plus an embed with the detail. */
export function discordBody(message: NotificationMessage): Record<string, unknown> {
  const embed: Record<string, unknown> = {
    title: message.title.slice(0, 256),
    description: message.text.slice(0, 4000),
    color: colourOf(message),
    fields: factsOf(message).map((f) => ({ name: f.name, value: f.value.slice(0, 1024), inline: true })),
    timestamp: message.occurredAt,
  };
  if (message.url) embed.url = message.url;
  return { content: `[${severityLabel(message.severity)}] ${message.title}`.slice(0, 2000), embeds: [embed] };
}

/** Email: a subject line and a plain-text body. */
export function emailContent(message: NotificationMessage): { subject: string; text: string } {
  const lines = [message.title, '', message.text, '', ...factsOf(message).map((f) => `${f.name}: ${f.value}`)];
  if (message.url) lines.push('', message.url);
  lines.push('', '-- Opstage');
  return { subject: `[Opstage ${severityLabel(message.severity)}] ${message.title}`, text: lines.join('\n') };
}

/** The JSON body of an HTTP channel. */
export function httpBody(
  type: Exclude<NotificationChannelType, 'email'>,
  message: NotificationMessage,
  deliveryId: string,
): string {
  switch (type) {
    case 'webhook':
      return JSON.stringify(webhookBody(message, deliveryId));
    case 'slack':
      return JSON.stringify(slackBody(message));
    case 'teams':
      return JSON.stringify(teamsBody(message));
    case 'discord':
      return JSON.stringify(discordBody(message));
  }
}
