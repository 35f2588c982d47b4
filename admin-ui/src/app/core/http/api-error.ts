import { HttpErrorResponse } from '@angular/common/http';
import { isJsonObject } from '../../api/view-types';

/** A failed API call, normalised from the `{success:false,error:{…}}` envelope. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Builds an ApiError from an HTTP status and a (possibly non-envelope) body. */
export function apiErrorFromBody(status: number, body: unknown, fallbackMessage = ''): ApiError {
  if (status === 0) {
    return new ApiError(0, 'NETWORK_ERROR', fallbackMessage || 'Network error.');
  }
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body) as unknown;
    } catch {
      parsed = undefined;
    }
  }
  if (isJsonObject(parsed) && isJsonObject(parsed['error'])) {
    const error = parsed['error'];
    const code = typeof error['code'] === 'string' ? error['code'] : fallbackCode(status);
    const message = typeof error['message'] === 'string' ? error['message'] : fallbackMessage;
    const requestId = typeof error['requestId'] === 'string' ? error['requestId'] : undefined;
    return new ApiError(status, code, message, error['details'], requestId);
  }
  return new ApiError(status, fallbackCode(status), fallbackMessage || `HTTP ${status}`);
}

function fallbackCode(status: number): string {
  return status >= 500 ? 'INTERNAL_ERROR' : 'REQUEST_ERROR';
}

/** Reads an error body even when the request asked for a Blob (downloads). */
export async function readErrorBody(err: HttpErrorResponse): Promise<unknown> {
  const body: unknown = err.error;
  if (typeof Blob !== 'undefined' && body instanceof Blob) {
    try {
      return await body.text();
    } catch {
      return undefined;
    }
  }
  return body;
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) {
    return err;
  }
  if (err instanceof HttpErrorResponse) {
    return apiErrorFromBody(err.status, err.error, err.message);
  }
  if (err instanceof Error) {
    return new ApiError(0, 'CLIENT_ERROR', err.message);
  }
  return new ApiError(0, 'CLIENT_ERROR', String(err));
}

export function isApiError(err: unknown, status: number, code?: string): boolean {
  return (
    err instanceof ApiError && err.status === status && (code === undefined || err.code === code)
  );
}
