import type {
  NotificationDeliveryKind,
  NotificationEventType,
  NotificationLabel,
  NotificationSeverity,
} from '../contracts';

/**
 * The channel-neutral message a delivery stores (docs/notifications.md, "Message formats"); each
 * channel type turns it into its own body when it is sent, so a retry sends the same words.
 */
export interface NotificationMessage {
  kind: NotificationDeliveryKind;
  event: NotificationEventType | 'test';
  severity: NotificationSeverity;
  /** One line: what happened to what. */
  title: string;
  /** A sentence or two of detail. */
  text: string;
  subject: { type: 'agent' | 'service' | 'command' | 'channel'; id: string; name: string };
  labels: NotificationLabel[];
  alertId: string | null;
  ruleId: string | null;
  /** When the condition or event happened (ISO-8601 UTC). */
  occurredAt: string;
  /** A console link when OPSTAGE_PUBLIC_BASE_URL is set. */
  url: string | null;
}

const EVENT_WORDS: Record<NotificationEventType, { firing: string; recovered: string }> = {
  'agent.offline': { firing: 'is offline', recovered: 'is back online' },
  'service.unhealthy': { firing: 'is unhealthy', recovered: 'is healthy again' },
  'command.failed': { firing: 'failed', recovered: 'failed' },
  'approval.requested': { firing: 'awaits approval', recovered: 'awaits approval' },
};

const SUBJECT_WORDS = { agent: 'Agent', service: 'Service', command: 'Command', channel: 'Channel' } as const;

/** The title line for a lasting condition's messages (fire, reminder, recovery). */
export function conditionTitle(
  kind: 'fire' | 'reminder' | 'recovery',
  event: NotificationEventType,
  subject: NotificationMessage['subject'],
): string {
  const words = EVENT_WORDS[event];
  const who = `${SUBJECT_WORDS[subject.type]} ${subject.name}`;
  if (kind === 'recovery') return `Resolved: ${who} ${words.recovered}`;
  if (kind === 'reminder') return `Still firing: ${who} ${words.firing}`;
  return `${who} ${words.firing}`;
}

/** Emoji-free severity marker that reads the same in every format. */
export function severityLabel(severity: NotificationSeverity): string {
  return severity.toUpperCase();
}

/** Colour per severity (Discord takes an integer, Teams a hex string); recovery is green. */
export function colourOf(message: Pick<NotificationMessage, 'kind' | 'severity'>): number {
  if (message.kind === 'recovery') return 0x2e7d32;
  if (message.kind === 'test') return 0x1565c0;
  return message.severity === 'critical' ? 0xc62828 : message.severity === 'warning' ? 0xef6c00 : 0x1565c0;
}

/** Facts listed under the text (severity, subject, labels, time). */
export function factsOf(message: NotificationMessage): { name: string; value: string }[] {
  const facts = [
    { name: 'Severity', value: severityLabel(message.severity) },
    { name: SUBJECT_WORDS[message.subject.type], value: `${message.subject.name} (${message.subject.id})` },
    { name: 'Event', value: message.event },
    { name: 'At', value: message.occurredAt },
  ];
  if (message.labels.length > 0)
    facts.push({ name: 'Labels', value: message.labels.map((l) => `${l.key}=${l.value}`).join(', ') });
  return facts;
}

export function parseMessage(json: string): NotificationMessage {
  return JSON.parse(json) as NotificationMessage;
}
