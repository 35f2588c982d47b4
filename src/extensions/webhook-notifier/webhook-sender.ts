import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { refusedResolvedUrl } from '../index';

export const SIGNATURE_HEADER = 'X-Opstage-Signature';

export interface SendOutcome {
  ok: boolean;
  /** Worth another attempt (network error, timeout, 408, 429, 5xx). */
  retryable: boolean;
  responseStatus: number | null;
  error: string | null;
}

/** `sha256=<hex HMAC-SHA256 of the raw body>`, what receivers recompute to verify a delivery. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** One HTTP attempt: POST the exact signed bytes, bounded by a timeout; never throws. */
@Injectable()
export class WebhookSender {
  async send(input: {
    url: string;
    body: string;
    secret: string | undefined;
    event: string;
    deliveryId: string;
    timeoutMs: number;
    signal: AbortSignal;
    allowPrivate?: boolean;
  }): Promise<SendOutcome> {
    // Checked on every delivery, after DNS: a public name may point at the metadata service.
    const refused = input.allowPrivate ? null : await refusedResolvedUrl(input.url);
    if (refused)
      return {
        ok: false,
        retryable: false,
        responseStatus: null,
        error: `refused: ${refused} (OPSTAGE_WEBHOOK_ALLOW_PRIVATE=true allows it)`,
      };
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': 'Opstage-Webhook/1',
      'X-Opstage-Event': input.event,
      'X-Opstage-Delivery': input.deliveryId,
    };
    if (input.secret) headers[SIGNATURE_HEADER] = signature(input.secret, input.body);
    try {
      const res = await fetch(input.url, {
        method: 'POST',
        headers,
        body: input.body,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(input.timeoutMs), input.signal]),
      });
      // The body is not needed; release the connection.
      await res.body?.cancel().catch(() => undefined);
      if (res.status >= 200 && res.status < 300)
        return { ok: true, retryable: false, responseStatus: res.status, error: null };
      const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
      const hint = res.status >= 300 && res.status < 400 ? ' (redirects are not followed)' : '';
      return { ok: false, retryable, responseStatus: res.status, error: `HTTP ${res.status}${hint}` };
    } catch (error) {
      const e = errorLike(error);
      return {
        ok: false,
        retryable: true,
        responseStatus: null,
        error: e.name === 'TimeoutError' ? `timed out after ${input.timeoutMs} ms` : describeNetworkError(e),
      };
    }
  }
}

interface ErrorLike {
  name: string;
  message: string;
  cause?: unknown;
}

/** fetch's errors may come from another realm (DOMException, undici's TypeError): read them structurally. */
function errorLike(value: unknown): ErrorLike {
  if (value !== null && typeof value === 'object' && 'message' in value) {
    const v = value as { name?: unknown; message?: unknown; cause?: unknown };
    return { name: typeof v.name === 'string' ? v.name : 'Error', message: String(v.message), cause: v.cause };
  }
  return { name: 'Error', message: String(value) };
}

/** fetch wraps the socket error in `cause`; that is the useful part (ECONNREFUSED, ENOTFOUND…). */
function describeNetworkError(error: ErrorLike): string {
  const cause = error.cause === undefined ? undefined : errorLike(error.cause);
  return cause ? `${error.message}: ${cause.message}` : error.message;
}
