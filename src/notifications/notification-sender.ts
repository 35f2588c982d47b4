import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { refusedResolvedUrl } from '../common/net/outbound-target';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { emailContent, httpBody } from './notification-formats';
import type { NotificationMessage } from './notification-message';
import type { NotificationChannelType } from '../contracts';

export const SIGNATURE_HEADER = 'X-Opstage-Signature';

/** A channel ready to send to: its type and its full settings (secrets opened). */
export interface SendTarget {
  type: NotificationChannelType;
  settings: Record<string, unknown>;
}

export interface SendOutcome {
  ok: boolean;
  /** Worth another attempt: network errors, timeouts, 408, 429, 5xx; a 4xx or a refused address is not. */
  retryable: boolean;
  error: string | null;
}

/** `sha256=<hex HMAC-SHA256 of the raw body>`, the same signature the webhook notifier extension sends. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/**
 * One attempt to one channel, bounded by `timeoutMs`; never throws (docs/notifications.md, "Delivery
 * and retries"). HTTP channels POST JSON and do not follow redirects; email goes through SMTP.
 */
@Injectable()
export class NotificationSender {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async send(
    target: SendTarget,
    message: NotificationMessage,
    deliveryId: string,
    timeoutMs: number,
  ): Promise<SendOutcome> {
    try {
      if (target.type === 'email') return await this.sendEmail(target.settings, message, timeoutMs);
      return await this.sendHttp(target.type, target.settings, message, deliveryId, timeoutMs);
    } catch (error) {
      return { ok: false, retryable: true, error: describe(error) };
    }
  }

  private async sendHttp(
    type: Exclude<NotificationChannelType, 'email'>,
    settings: Record<string, unknown>,
    message: NotificationMessage,
    deliveryId: string,
    timeoutMs: number,
  ): Promise<SendOutcome> {
    const url = String(type === 'webhook' ? settings.url : settings.webhookUrl);
    // Checked on every attempt, after DNS: a public name may point at the metadata service.
    const refused = this.config.webhook.allowPrivate ? null : await refusedResolvedUrl(url);
    if (refused)
      return {
        ok: false,
        retryable: false,
        error: `refused: ${refused} (OPSTAGE_WEBHOOK_ALLOW_PRIVATE=true allows it)`,
      };
    const body = httpBody(type, message, deliveryId);
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': 'Opstage-Notify/1' };
    if (type === 'webhook') {
      headers['X-Opstage-Event'] = message.event;
      headers['X-Opstage-Delivery'] = deliveryId;
      if (typeof settings.secret === 'string' && settings.secret !== '')
        headers[SIGNATURE_HEADER] = signature(settings.secret, body);
    }
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.body?.cancel().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return { ok: true, retryable: false, error: null };
      const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
      const hint = res.status >= 300 && res.status < 400 ? ' (redirects are not followed)' : '';
      return { ok: false, retryable, error: `HTTP ${res.status}${hint}` };
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      return {
        ok: false,
        retryable: true,
        error: name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : describe(error),
      };
    }
  }

  private async sendEmail(
    settings: Record<string, unknown>,
    message: NotificationMessage,
    timeoutMs: number,
  ): Promise<SendOutcome> {
    const username = typeof settings.username === 'string' ? settings.username : undefined;
    const password = typeof settings.password === 'string' ? settings.password : undefined;
    const transport = createTransport({
      host: String(settings.host),
      port: Number(settings.port),
      secure: settings.secure === true,
      ...(username === undefined ? {} : { auth: { user: username, pass: password ?? '' } }),
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    const { subject, text } = emailContent(message);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const to = Array.isArray(settings.to) ? settings.to.map(String) : [];
      await Promise.race([transport.sendMail({ from: String(settings.from), to, subject, text }), timeout]);
      return { ok: true, retryable: false, error: null };
    } catch (error) {
      // SMTP 5xx answers are permanent (bad recipient, refused sender); everything else may pass later.
      const code = (error as { responseCode?: unknown }).responseCode;
      const permanent = typeof code === 'number' && code >= 500 && code < 600;
      return { ok: false, retryable: !permanent, error: describe(error) };
    } finally {
      clearTimeout(timer);
      transport.close();
    }
  }
}

/** fetch wraps the socket error in `cause` (ECONNREFUSED, ENOTFOUND…): that is the useful part. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const detail = cause instanceof Error ? `: ${cause.message}` : '';
  return `${error.message}${detail}`.slice(0, 500);
}
