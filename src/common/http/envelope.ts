import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';

export interface Pagination {
  page: number;
  pageSize: number;
  total: number;
}

/** A list result; the envelope interceptor renders it as `{success, data: items, pagination}`. */
export class Page<T> {
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

/** Wraps every JSON success in the contract's envelope (decisions §1). */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map((value: unknown) => (value instanceof RawResponse ? undefined : envelope(value))));
  }
}
