import { HttpParams } from '@angular/common/http';
import { OperatorFunction, map } from 'rxjs';
import type { Paged, SuccessEnvelope } from '@opstage/contracts';
import { Query } from './view-types';

export const ADMIN = '/api/admin';

/** Drops empty values so the server never sees `q=` (empty counts as absent anyway). */
export function toParams(query: Query = {}): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params = params.set(key, String(value));
    }
  }
  return params;
}

export function unwrap<T>(): OperatorFunction<SuccessEnvelope<T>, T> {
  return map((envelope) => envelope.data);
}

/** Items plus pagination of a list envelope (the server always sends `pagination` on lists). */
export function toPage<T>(envelope: SuccessEnvelope<T[]>): Paged<T> {
  const items = Array.isArray(envelope.data) ? envelope.data : [];
  return {
    items,
    pagination: envelope.pagination ?? { page: 1, pageSize: items.length, total: items.length },
  };
}

export function unwrapPage<T>(): OperatorFunction<SuccessEnvelope<T[]>, Paged<T>> {
  return map((envelope) => toPage(envelope));
}

export function enc(segment: string): string {
  return encodeURIComponent(segment);
}
