import { ExtensionError, OPSTAGE_EVENT_NAMES, refusedUrl } from '../index';
import type { WebhookEventName } from './notification-text';

/** Every event a webhook can send (not `audit.recorded`: one per audit row is no notification). */
export const WEBHOOK_EVENT_NAMES: readonly WebhookEventName[] = OPSTAGE_EVENT_NAMES.filter(
  (n): n is WebhookEventName => n !== 'audit.recorded',
);

function isWebhookEventName(value: string): value is WebhookEventName {
  return (WEBHOOK_EVENT_NAMES as readonly string[]).includes(value);
}

export const WEBHOOK_NOTIFIER_NAME = 'webhook-notifier';
export const WEBHOOK_OPTIONS = Symbol('WEBHOOK_OPTIONS');

/** Events sent when `OPSTAGE_WEBHOOK_EVENTS` is empty: the ones an operator must hear about. */
export const DEFAULT_WEBHOOK_EVENTS: readonly WebhookEventName[] = [
  'agent.offline',
  'agent.online',
  'service.health.changed',
  'command.failed',
];

export interface WebhookNotifierOptions {
  /** Target URL (`OPSTAGE_WEBHOOK_URL`); undefined keeps the notifier idle. */
  url: string | undefined;
  /** HMAC-SHA256 key (`OPSTAGE_WEBHOOK_SECRET`); adds `X-Opstage-Signature: sha256=<hex>`. */
  secret?: string;
  /** Event names to send (`OPSTAGE_WEBHOOK_EVENTS`); empty = DEFAULT_WEBHOOK_EVENTS. */
  events?: readonly string[];
  /** Attempts per notification (default 3). */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt (default 500 ms → 0.5 s, 1 s, 2 s…). */
  backoffMs?: number;
  /** Per-attempt timeout (default 5 s). */
  timeoutMs?: number;
  /** Notifications waiting in memory beyond this are dropped with a warning (default 1000). */
  queueLimit?: number;
  /** `OPSTAGE_WEBHOOK_ALLOW_PRIVATE`: allow link-local and cloud-metadata targets (default false). */
  allowPrivate?: boolean;
}

export interface ResolvedWebhookOptions {
  url: string | undefined;
  secret: string | undefined;
  events: ReadonlySet<WebhookEventName>;
  maxAttempts: number;
  backoffMs: number;
  timeoutMs: number;
  queueLimit: number;
  allowPrivate: boolean;
}

/** Validates at boot so a typo in OPSTAGE_WEBHOOK_EVENTS refuses to start instead of staying silent. */
export function resolveWebhookOptions(options: WebhookNotifierOptions): ResolvedWebhookOptions {
  const fail = (problem: string): never => {
    throw new ExtensionError(WEBHOOK_NOTIFIER_NAME, problem);
  };
  const names = options.events ?? [];
  const unknown = names.filter((n) => !isWebhookEventName(n));
  if (unknown.length > 0)
    fail(
      `OPSTAGE_WEBHOOK_EVENTS has unknown event(s) ${unknown.join(', ')}; choose from ${WEBHOOK_EVENT_NAMES.join(', ')}.`,
    );
  if (options.url !== undefined && !/^https?:\/\//i.test(options.url))
    fail('OPSTAGE_WEBHOOK_URL must be an http(s) URL.');
  const refused = options.url !== undefined && options.allowPrivate !== true ? refusedUrl(options.url) : null;
  if (refused)
    fail(`OPSTAGE_WEBHOOK_URL points at ${refused}; set OPSTAGE_WEBHOOK_ALLOW_PRIVATE=true if that is intended.`);
  const positive = (value: number | undefined, fallback: number, label: string): number => {
    const v = value ?? fallback;
    return Number.isFinite(v) && v > 0 ? v : fail(`${label} must be a positive number.`);
  };
  return {
    url: options.url,
    secret: options.secret,
    events: new Set(names.length > 0 ? names.filter(isWebhookEventName) : DEFAULT_WEBHOOK_EVENTS),
    maxAttempts: Math.floor(positive(options.maxAttempts, 3, 'maxAttempts')),
    backoffMs: positive(options.backoffMs, 500, 'backoffMs'),
    timeoutMs: positive(options.timeoutMs, 5000, 'timeoutMs'),
    queueLimit: Math.floor(positive(options.queueLimit, 1000, 'queueLimit')),
    allowPrivate: options.allowPrivate === true,
  };
}
