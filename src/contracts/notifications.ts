/**
 * Notification channels, rules, alerts and deliveries: `/api/admin/notifications/*`
 * (docs/notifications.md). Channels say where a message goes, rules say which events reach which
 * channels, alerts are the lasting conditions (an agent offline, a service unhealthy) a rule is
 * following, deliveries are the messages sent or still being retried.
 */

/** The message formats a channel speaks. */
export type NotificationChannelType = 'webhook' | 'slack' | 'teams' | 'discord' | 'email';

/** `untested`: nothing sent yet; `failing`: the last delivery failed (it is retried with back-off). */
export type NotificationChannelStatus = 'ok' | 'failing' | 'untested';

/** Events a rule can choose. */
export type NotificationEventType = 'agent.offline' | 'service.unhealthy' | 'command.failed' | 'approval.requested';

/** Ordered: a rule with `minSeverity: 'warning'` receives `warning` and `critical`. */
export type NotificationSeverity = 'info' | 'warning' | 'critical';

/**
 * Channel settings by type. Secret fields (`secret`, `webhookUrl` of chat channels, `password`)
 * are sealed at rest and come back as `"********"`; sending `"********"` back on an update keeps
 * the stored value.
 */
export interface WebhookChannelSettings {
  url: string;
  /** HMAC-SHA256 key for the `X-Opstage-Signature` header. */
  secret?: string;
}
export interface ChatChannelSettings {
  /** The incoming-webhook address Slack, Teams or Discord gave you. */
  webhookUrl: string;
}
export interface EmailChannelSettings {
  host: string;
  port: number;
  /** `true`: TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  username?: string;
  password?: string;
  from: string;
  to: string[];
}
export type NotificationChannelSettings = WebhookChannelSettings | ChatChannelSettings | EmailChannelSettings;

export interface NotificationChannelResponse {
  id: string;
  name: string;
  type: NotificationChannelType;
  enabled: boolean;
  /** Secrets masked. */
  settings: NotificationChannelSettings;
  status: NotificationChannelStatus;
  lastError: string | null;
  lastDeliveryAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreateNotificationChannelRequest {
  name: string;
  type: NotificationChannelType;
  enabled?: boolean;
  settings: NotificationChannelSettings;
}
/** `type` cannot change. */
export interface UpdateNotificationChannelRequest {
  name?: string;
  enabled?: boolean;
  settings?: NotificationChannelSettings;
}

/** One label pair a subject must carry for the rule to match (all pairs must match). */
export interface NotificationLabel {
  key: string;
  value: string;
}

export interface NotificationRuleResponse {
  id: string;
  name: string;
  enabled: boolean;
  events: NotificationEventType[];
  channelIds: string[];
  /** Empty: every subject. */
  labels: NotificationLabel[];
  minSeverity: NotificationSeverity;
  /** How long an offline or unhealthy condition must last before the alert fires (the flapping guard). */
  delaySeconds: number;
  /** 0: no reminders; otherwise a reminder every so many minutes while the condition lasts. */
  reminderMinutes: number;
  /** Send a recovery message when a fired alert's condition ends. */
  notifyRecovery: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CreateNotificationRuleRequest {
  name: string;
  enabled?: boolean;
  events: NotificationEventType[];
  channelIds: string[];
  labels?: NotificationLabel[];
  minSeverity?: NotificationSeverity;
  delaySeconds?: number;
  reminderMinutes?: number;
  notifyRecovery?: boolean;
}
export type UpdateNotificationRuleRequest = Partial<CreateNotificationRuleRequest>;

/**
 * `pending`: waiting out the rule's delay; `firing`: notified and still lasting; `resolved`: ended
 * after it fired; `cancelled`: ended (recovered) inside the delay, so nobody was paged.
 */
export type NotificationAlertState = 'pending' | 'firing' | 'resolved' | 'cancelled';

export interface NotificationAlertResponse {
  id: string;
  ruleId: string;
  event: NotificationEventType;
  severity: NotificationSeverity;
  subjectType: 'agent' | 'service' | 'command';
  subjectId: string;
  subjectName: string;
  state: NotificationAlertState;
  openedAt: string;
  firedAt: string | null;
  resolvedAt: string | null;
  lastNotifiedAt: string | null;
  reminderCount: number;
}

export type NotificationDeliveryKind = 'fire' | 'reminder' | 'recovery' | 'event' | 'test';
export type NotificationDeliveryStatus = 'pending' | 'sent' | 'failed';

export interface NotificationDeliveryResponse {
  id: string;
  channelId: string;
  alertId: string | null;
  kind: NotificationDeliveryKind;
  status: NotificationDeliveryStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** Answer of `POST /channels/:channelId/test`: sent synchronously once, not retried. */
export interface NotificationTestResponse {
  ok: boolean;
  error: string | null;
  durationMs: number;
}
