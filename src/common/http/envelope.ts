import { StreamableFile } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Paged, Pagination } from '../../contracts';

/** A list result; the envelope adapter renders it as `{success, data: items, pagination}`. */
export class Page<T> implements Paged<T> {
  constructor(
    readonly items: T[],
    readonly pagination: Pagination,
  ) {}
}

/** Extra top-level envelope fields (the bus adds `experimental`). */
export class WithEnvelopeExtras<T> {
  constructor(
    readonly data: T,
    readonly extras: Record<string, unknown>,
  ) {}
}

/** Marks a handler whose response is written directly (files, streams); the interceptor leaves it alone. */
export class RawResponse {}

export type SuccessEnvelope = { success: true; data?: unknown; pagination?: Pagination } & Record<string, unknown>;

export function envelope(value: unknown): SuccessEnvelope {
  if (value instanceof Page) return { success: true, data: value.items, pagination: value.pagination };
  if (value instanceof WithEnvelopeExtras) {
    return { ...value.extras, ...envelope(value.data) };
  }
  if (value === undefined) return { success: true };
  return { success: true, data: value };
}

/**
 * Wraps every handler result in the contract's envelope (docs/design/decisions.md, "One envelope, 200 for every
 * success") where Nest hands it to
 * Express. A global interceptor would do the same, but costs an rxjs pipeline and two
 * `AsyncResource.bind` calls on every request, about a tenth of a heartbeat's CPU (bench/).
 * Handlers that write the response themselves (`@Res()`) never reach `reply`; errors are
 * rendered by `AllExceptionsFilter`, which writes its own `{success: false}` body.
 */
export class EnvelopeExpressAdapter extends ExpressAdapter {
  override reply(response: unknown, body: unknown, statusCode?: number): unknown {
    if (body instanceof StreamableFile) return super.reply(response, body, statusCode);
    return super.reply(response, body instanceof RawResponse ? undefined : envelope(body), statusCode);
  }
}
