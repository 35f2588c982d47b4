import type { ErrorIssue } from '../common/errors/domain-error';
import { refusedUrl } from '../common/net/outbound-target';
import type {
  ChatChannelSettings,
  EmailChannelSettings,
  NotificationChannelSettings,
  NotificationChannelType,
  WebhookChannelSettings,
} from '../contracts';

/** What a secret field reads as on the wire; sending it back on an update keeps the stored value. */
export const MASK = '********';

/** The secret fields of each channel type (docs/notifications.md, "Channels"). */
export const SECRET_FIELDS: Record<NotificationChannelType, readonly string[]> = {
  webhook: ['secret'],
  slack: ['webhookUrl'],
  teams: ['webhookUrl'],
  discord: ['webhookUrl'],
  email: ['password'],
};

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;
const MAX_RECIPIENTS = 20;

/** A checked settings object, or the issues found (paths under `settings.`). */
export type SettingsCheck = { ok: true; settings: NotificationChannelSettings } | { ok: false; issues: ErrorIssue[] };

/**
 * Validates the settings of one channel type; unknown fields are refused like the DTOs refuse them.
 * `stored` holds the current values, so a masked secret (`"********"`) is replaced by what is stored.
 * Link-local and cloud-metadata targets are refused unless `allowPrivate` (`OPSTAGE_WEBHOOK_ALLOW_PRIVATE`).
 */
export function checkSettings(
  type: NotificationChannelType,
  raw: unknown,
  stored: Record<string, unknown> = {},
  allowPrivate = false,
): SettingsCheck {
  const issues: ErrorIssue[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, issues: [{ path: 'settings', message: 'settings must be an object' }] };
  const input: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const field of SECRET_FIELDS[type]) if (input[field] === MASK) input[field] = stored[field];
  const allowed = allowedFields(type);
  for (const key of Object.keys(input))
    if (!allowed.includes(key)) issues.push({ path: `settings.${key}`, message: `property ${key} should not exist` });
  const str = (key: string, required: boolean, max = 2000): string | undefined => {
    const v = input[key];
    if (v === undefined || v === null || v === '') {
      if (required) issues.push({ path: `settings.${key}`, message: `${key} is required` });
      return undefined;
    }
    if (typeof v !== 'string' || v.length > max) {
      issues.push({ path: `settings.${key}`, message: `${key} must be a string of at most ${max} characters` });
      return undefined;
    }
    return v;
  };
  const url = (key: string): string | undefined => {
    const v = str(key, true);
    if (v !== undefined && !isHttpUrl(v))
      issues.push({ path: `settings.${key}`, message: `${key} must be an absolute http(s) URL` });
    else if (v !== undefined) refuse(key, v);
    return v;
  };
  const refuse = (key: string, url: string): void => {
    const why = allowPrivate ? null : refusedUrl(url);
    if (why)
      issues.push({
        path: `settings.${key}`,
        message: `${key} points at ${why}; OPSTAGE_WEBHOOK_ALLOW_PRIVATE=true allows it`,
      });
  };
  let settings: NotificationChannelSettings;
  if (type === 'webhook') {
    const s: WebhookChannelSettings = { url: url('url') ?? '' };
    const secret = str('secret', false, 500);
    if (secret !== undefined && secret.length < 16)
      issues.push({ path: 'settings.secret', message: 'secret must be at least 16 characters' });
    if (secret !== undefined) s.secret = secret;
    settings = s;
  } else if (type === 'email') {
    settings = checkEmail(input, str, issues);
    const host = settings.host;
    if (host !== '') refuse('host', `http://${host.includes(':') ? `[${host}]` : host}/`);
  } else {
    const s: ChatChannelSettings = { webhookUrl: url('webhookUrl') ?? '' };
    settings = s;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, settings };
}

function checkEmail(
  input: Record<string, unknown>,
  str: (key: string, required: boolean, max?: number) => string | undefined,
  issues: ErrorIssue[],
): EmailChannelSettings {
  const host = str('host', true, 255) ?? '';
  const port = input.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)
    issues.push({ path: 'settings.port', message: 'port must be an integer from 1 to 65535' });
  if (typeof input.secure !== 'boolean')
    issues.push({ path: 'settings.secure', message: 'secure must be true or false' });
  const from = str('from', true, 320) ?? '';
  if (from !== '' && !ADDRESS.test(from))
    issues.push({ path: 'settings.from', message: 'from must be an email address' });
  const to = input.to;
  const recipients: string[] = [];
  if (!Array.isArray(to) || to.length === 0 || to.length > MAX_RECIPIENTS)
    issues.push({ path: 'settings.to', message: `to must list 1 to ${MAX_RECIPIENTS} email addresses` });
  else
    to.forEach((address: unknown, i) => {
      if (typeof address === 'string' && ADDRESS.test(address) && address.length <= 320) recipients.push(address);
      else issues.push({ path: `settings.to.${i}`, message: 'must be an email address' });
    });
  const s: EmailChannelSettings = {
    host,
    port: typeof port === 'number' ? port : 0,
    secure: input.secure === true,
    from,
    to: recipients,
  };
  const username = str('username', false, 320);
  const password = str('password', false, 500);
  if (username !== undefined) s.username = username;
  if (password !== undefined) s.password = password;
  return s;
}

function allowedFields(type: NotificationChannelType): readonly string[] {
  if (type === 'webhook') return ['url', 'secret'];
  if (type === 'email') return ['host', 'port', 'secure', 'username', 'password', 'from', 'to'];
  return ['webhookUrl'];
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Splits checked settings into the readable part and the secret fields (to seal); `secrets` null when none is set. */
export function splitSecrets(
  type: NotificationChannelType,
  settings: NotificationChannelSettings,
): { readable: Record<string, unknown>; secrets: Record<string, unknown> | null } {
  const readable: Record<string, unknown> = { ...settings };
  const secrets: Record<string, unknown> = {};
  for (const field of SECRET_FIELDS[type]) {
    if (readable[field] !== undefined) secrets[field] = readable[field];
    delete readable[field];
  }
  return { readable, secrets: Object.keys(secrets).length > 0 ? secrets : null };
}

/** The settings as the API shows them: every secret field that is set reads `"********"`. */
export function maskedSettings(
  type: NotificationChannelType,
  readable: Record<string, unknown>,
  secretFieldsSet: readonly string[],
): NotificationChannelSettings {
  const out: Record<string, unknown> = { ...readable };
  for (const field of SECRET_FIELDS[type]) if (secretFieldsSet.includes(field)) out[field] = MASK;
  return out as unknown as NotificationChannelSettings;
}
