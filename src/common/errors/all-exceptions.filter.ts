import { ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { isInvalidText } from '../../database/driver-errors';
import { isStorageFull, StorageGuard, storageFullError } from '../../database/storage-guard';
import { databaseUnavailableError, unavailableCode } from '../../database/database-unavailable';
import { Clock } from '../time/clock';
import type { Request, Response } from 'express';
import { redact } from '../redaction/redact';
import { DomainError } from './domain-error';
import { requestIdOf } from '../http/request-id';

interface Rendered {
  status: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * Typed domain errors that are answers about another party, not server faults: they keep their
 * code and details (an agent that did not answer in time → 504 ACTION_PREPARE_TIMEOUT).
 */
const GATEWAY_STATUSES = new Set([502, 504]);

/** While the database is away, one log line per this interval (with the count), not one per request. */
const OUTAGE_LOG_INTERVAL_MS = 60_000;

const HTTP_CODES: Record<number, string> = {
  400: 'REQUEST_ERROR',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  408: 'REQUEST_ERROR',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/** Renders every failure as `{success:false, error:{code,message,details?,requestId}}` (docs/design/architecture.md, "House rules"). */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');
  private lastOutageLog = Number.NEGATIVE_INFINITY;
  private refusedSinceLog = 0;

  constructor(
    private readonly storage: StorageGuard,
    private readonly clock: Clock,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    this.respond(exception, ctx.getRequest<Request>(), ctx.getResponse<Response>());
  }

  /** The rendering itself, also used by the agent fast path (src/agent-gateway/agent-fast-path.ts), outside Nest. */
  respond(exception: unknown, req: Request, res: Response): void {
    const full = isStorageFull(exception) || (exception instanceof DomainError && exception.code === 'STORAGE_FULL');
    // A full disk is an operating condition, not a bug: the guard logs it once (and flips health).
    if (full) this.storage.refusedWrite(`${req.method} ${req.path}`, exception);
    const lostCode = full
      ? undefined
      : exception instanceof DomainError && exception.code === 'DATABASE_UNAVAILABLE'
        ? exception.code
        : unavailableCode(exception);
    // A database that went away is an operating condition too: 503 with a stable code, never the driver's message.
    if (lostCode) this.databaseUnavailable(lostCode);
    const rendered = full ? storageFull() : lostCode ? databaseUnavailable() : this.render(exception);
    const fault = rendered.status >= 500 && !full && !lostCode && !GATEWAY_STATUSES.has(rendered.status);
    if (fault) {
      this.logger.error({
        msg: 'request failed',
        method: req.method,
        path: req.path,
        requestId: requestIdOf(req),
        error: describe(exception),
      });
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    for (const [k, v] of Object.entries(rendered.headers ?? {})) res.setHeader(k, v);
    const error: Record<string, unknown> = { code: rendered.code, message: rendered.message };
    if (rendered.details && !fault) error.details = redact(rendered.details);
    error.requestId = requestIdOf(req);
    res.status(rendered.status).json({ success: false, error });
  }

  /** Logs the code only (a driver message may name the host or user), once a minute with the count refused. */
  private databaseUnavailable(code: string): void {
    this.refusedSinceLog++;
    const now = this.clock.nowMs();
    if (now - this.lastOutageLog < OUTAGE_LOG_INTERVAL_MS) return;
    this.logger.warn({
      msg: 'database unavailable: requests answer 503 DATABASE_UNAVAILABLE',
      code,
      refused: this.refusedSinceLog,
    });
    this.lastOutageLog = now;
    this.refusedSinceLog = 0;
  }

  private render(exception: unknown): Rendered {
    if (exception instanceof DomainError) {
      if (exception.status >= 500 && !GATEWAY_STATUSES.has(exception.status)) return internal();
      return {
        status: exception.status,
        code: exception.code,
        message: exception.message,
        details: exception.details,
        headers: exception.headers,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status >= 500) return internal();
      if (status === 404) return { status, code: 'NOT_FOUND', message: 'Route not found.' };
      return { status, code: HTTP_CODES[status] ?? 'REQUEST_ERROR', message: messageOf(exception) };
    }
    if (isInvalidText(exception)) {
      return { status: 400, code: 'REQUEST_ERROR', message: 'The request contains text the database cannot store.' };
    }
    return internal();
  }
}

function storageFull(): Rendered {
  const error = storageFullError();
  return { status: error.status, code: error.code, message: error.message, headers: error.headers };
}

function databaseUnavailable(): Rendered {
  const error = databaseUnavailableError();
  return { status: error.status, code: error.code, message: error.message, headers: error.headers };
}

function internal(): Rendered {
  return { status: 500, code: 'INTERNAL_ERROR', message: 'Internal server error.' };
}

function messageOf(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  if (body && typeof body === 'object' && 'message' in body) {
    const m = body.message;
    if (typeof m === 'string') return m;
  }
  return exception.message;
}

function describe(exception: unknown): Record<string, unknown> {
  if (exception instanceof Error) return { name: exception.name, message: exception.message, stack: exception.stack };
  return { value: String(exception) };
}
