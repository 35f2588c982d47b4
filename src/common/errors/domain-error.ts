import { ERROR_STATUS, type ErrorCode } from './error-codes';

export interface ErrorIssue {
  path: string;
  message: string;
}

/**
 * The only error type services throw (docs/design/architecture.md, "House rules"). The filter maps it to the envelope;
 * `status` defaults from the code table, `headers` lets e.g. 429 carry `Retry-After`.
 */
export class DomainError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode | (string & {}),
    message: string,
    readonly details?: Record<string, unknown>,
    status?: number,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'DomainError';
    this.status = status ?? (ERROR_STATUS as Record<string, number>)[code] ?? 500;
  }
}

export const notFound = (code: ErrorCode, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError(code, message, details);

export const conflict = (code: ErrorCode, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError(code, message, details);

export const validationFailed = (issues: ErrorIssue[], message = 'Request validation failed.'): DomainError =>
  new DomainError('VALIDATION_FAILED', message, { issues });

export const unauthorized = (message = 'Authentication required.'): DomainError =>
  new DomainError('UNAUTHORIZED', message);

export const forbidden = (message = 'Insufficient permissions.'): DomainError => new DomainError('FORBIDDEN', message);
