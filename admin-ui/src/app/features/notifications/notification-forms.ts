import type {
  ChatChannelSettings,
  CreateNotificationChannelRequest,
  CreateNotificationRuleRequest,
  EmailChannelSettings,
  NotificationChannelResponse,
  NotificationChannelSettings,
  NotificationChannelType,
  NotificationEventType,
  NotificationLabel,
  NotificationRuleResponse,
  NotificationSeverity,
  UpdateNotificationChannelRequest,
  WebhookChannelSettings,
} from '@opstage/contracts';
import { isJsonObject } from '../../api/view-types';
import { ApiError } from '../../core/http/api-error';

export const CHANNEL_TYPES: readonly NotificationChannelType[] = [
  'webhook',
  'slack',
  'teams',
  'discord',
  'email',
];
export const NOTIFICATION_EVENTS: readonly NotificationEventType[] = [
  'agent.offline',
  'service.unhealthy',
  'command.failed',
  'approval.requested',
];
export const SEVERITIES: readonly NotificationSeverity[] = ['info', 'warning', 'critical'];

/** Every field of every channel type; the dialog shows those of the chosen type. */
export interface ChannelFormValue {
  name: string;
  type: NotificationChannelType;
  enabled: boolean;
  url: string;
  secret: string;
  webhookUrl: string;
  host: string;
  port: number;
  secure: boolean;
  username: string;
  password: string;
  from: string;
  /** Addresses separated by commas, spaces or new lines. */
  to: string;
}
export type ChannelControl = keyof ChannelFormValue;

/** The fields each type shows (besides name, type and enabled). */
export const CHANNEL_FIELDS: Record<NotificationChannelType, readonly ChannelControl[]> = {
  webhook: ['url', 'secret'],
  slack: ['webhookUrl'],
  teams: ['webhookUrl'],
  discord: ['webhookUrl'],
  email: ['host', 'port', 'secure', 'username', 'password', 'from', 'to'],
};

function field<K extends string>(settings: NotificationChannelSettings, key: K): unknown {
  return (settings as unknown as Record<string, unknown>)[key];
}
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The form for a new channel, or for an existing one with its (masked) settings. */
export function channelFormValue(channel: NotificationChannelResponse | null): ChannelFormValue {
  const s: NotificationChannelSettings = channel?.settings ?? { webhookUrl: '' };
  const port = field(s, 'port');
  const to = field(s, 'to');
  return {
    name: channel?.name ?? '',
    type: channel?.type ?? 'webhook',
    enabled: channel?.enabled ?? true,
    url: text(field(s, 'url')),
    secret: text(field(s, 'secret')),
    webhookUrl: text(field(s, 'webhookUrl')),
    host: text(field(s, 'host')),
    port: typeof port === 'number' ? port : 587,
    secure: field(s, 'secure') === true,
    username: text(field(s, 'username')),
    password: text(field(s, 'password')),
    from: text(field(s, 'from')),
    to: Array.isArray(to) ? to.filter((t) => typeof t === 'string').join(', ') : '',
  };
}

export function splitList(value: string): string[] {
  return value
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * The settings of the chosen type. A masked secret (`"********"`) is sent back as it is, which
 * keeps the stored value (docs/notifications.md); an empty optional secret is left out.
 */
export function channelSettings(value: ChannelFormValue): NotificationChannelSettings {
  if (value.type === 'webhook') {
    const out: WebhookChannelSettings = { url: value.url.trim() };
    if (value.secret !== '') out.secret = value.secret;
    return out;
  }
  if (value.type === 'email') {
    const out: EmailChannelSettings = {
      host: value.host.trim(),
      port: Number(value.port),
      secure: value.secure,
      from: value.from.trim(),
      to: splitList(value.to),
    };
    if (value.username.trim() !== '') out.username = value.username.trim();
    if (value.password !== '') out.password = value.password;
    return out;
  }
  const chat: ChatChannelSettings = { webhookUrl: value.webhookUrl.trim() };
  return chat;
}

export function createChannelRequest(value: ChannelFormValue): CreateNotificationChannelRequest {
  return {
    name: value.name.trim(),
    type: value.type,
    enabled: value.enabled,
    settings: channelSettings(value),
  };
}

/** `type` cannot change on an update, so it is never sent. */
export function updateChannelRequest(value: ChannelFormValue): UpdateNotificationChannelRequest {
  return { name: value.name.trim(), enabled: value.enabled, settings: channelSettings(value) };
}

export interface RuleFormValue {
  name: string;
  enabled: boolean;
  events: NotificationEventType[];
  channelIds: string[];
  labels: NotificationLabel[];
  minSeverity: NotificationSeverity;
  delaySeconds: number;
  reminderMinutes: number;
  notifyRecovery: boolean;
}
export type RuleControl = Exclude<keyof RuleFormValue, 'labels'>;

export function ruleFormValue(rule: NotificationRuleResponse | null): RuleFormValue {
  return {
    name: rule?.name ?? '',
    enabled: rule?.enabled ?? true,
    events: [...(rule?.events ?? [])],
    channelIds: [...(rule?.channelIds ?? [])],
    labels: (rule?.labels ?? []).map((l) => ({ ...l })),
    minSeverity: rule?.minSeverity ?? 'warning',
    delaySeconds: rule?.delaySeconds ?? 60,
    reminderMinutes: rule?.reminderMinutes ?? 0,
    notifyRecovery: rule?.notifyRecovery ?? true,
  };
}

/**
 * The whole rule (create, and PATCH with every field, so what the dialog shows is what is
 * stored). Label rows left completely empty are dropped; half-filled rows are sent so the
 * server's 422 can point at them.
 */
export function ruleRequest(value: RuleFormValue): CreateNotificationRuleRequest {
  return {
    name: value.name.trim(),
    enabled: value.enabled,
    events: [...value.events],
    channelIds: [...value.channelIds],
    labels: value.labels
      .map((l) => ({ key: l.key.trim(), value: l.value.trim() }))
      .filter((l) => l.key !== '' || l.value !== ''),
    minSeverity: value.minSeverity,
    delaySeconds: Number(value.delaySeconds),
    reminderMinutes: Number(value.reminderMinutes),
    notifyRecovery: value.notifyRecovery,
  };
}

/** For each label sent by `ruleRequest`, the form row it came from (empty rows are not sent). */
export function sentLabelRows(labels: readonly NotificationLabel[]): number[] {
  return labels.flatMap((l, i) => (l.key.trim() !== '' || l.value.trim() !== '' ? [i] : []));
}

/** Where each 422 issue belongs: a control, a label row, or nowhere in particular. */
export interface ServerIssues<C extends string> {
  controls: Partial<Record<C, string>>;
  /** By label row index: `labels.<i>.key` / `labels.<i>.value`. */
  labels: Record<number, string>;
  other: string[];
}

/**
 * Spreads `details.issues[{ path, message }]` of a 422 over the form. `settings.<field>` and
 * `<field>.<index>` land on `<field>` when the form has it; `labels.<i>…` on label row `i`.
 */
export function serverIssues<C extends string>(
  err: ApiError,
  controls: readonly C[],
): ServerIssues<C> {
  const out: ServerIssues<C> = { controls: {}, labels: {}, other: [] };
  const details = isJsonObject(err.details) ? err.details : {};
  const issues = Array.isArray(details['issues']) ? details['issues'] : [];
  for (const issue of issues) {
    if (!isJsonObject(issue)) continue;
    const path = typeof issue['path'] === 'string' ? issue['path'] : '';
    const message = typeof issue['message'] === 'string' ? issue['message'] : err.message;
    const parts = path.split('.');
    if (parts[0] === 'settings') parts.shift();
    if (parts[0] === 'labels' && parts.length > 1 && /^\d+$/.test(parts[1] ?? '')) {
      out.labels[Number(parts[1])] ??= message;
      continue;
    }
    const control = controls.find((c) => c === parts[0]);
    if (control) {
      out.controls[control] ??= message;
    } else {
      out.other.push(path && !message.startsWith(path) ? `${path}: ${message}` : message);
    }
  }
  return out;
}
