import type { NextFunction, Request, Response } from 'express';
import { requestIdOf } from './request-id';

/** Deepest nesting of arrays and objects a JSON body may have (docs/api.md). */
export const MAX_JSON_DEPTH = 64;
/**
 * Keys refused anywhere in a JSON body: they address the prototype chain, and the DTO layer
 * (class-transformer) crashes on a nested object that owns `constructor`.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function reply(
  req: Request,
  res: Response,
  status: number,
  code: string,
  message: string,
  details?: Record<string, unknown>,
): void {
  res
    .status(status)
    .json({ success: false, error: { code, message, ...(details ? { details } : {}), requestId: requestIdOf(req) } });
}

/**
 * Bodies are never compressed on this API: every `Content-Encoding` but `identity` is 415 before
 * anything else runs (a gzip header on a plain body used to be a 500 on every route).
 */
export function rejectContentEncoding(req: Request, res: Response, next: NextFunction): void {
  const encoding = req.headers['content-encoding'];
  if (encoding === undefined || encoding.trim().toLowerCase() === 'identity' || encoding.trim() === '') return next();
  reply(req, res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Encoding is not supported; send the body uncompressed.');
}

/** The first structural problem of a parsed JSON value, walked without recursion. */
export function jsonBodyIssue(body: unknown): { path: string; message: string } | null {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: body, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return { path, message: `JSON is nested deeper than ${MAX_JSON_DEPTH} levels` };
    for (const key of Object.keys(value)) {
      const child = path === '' ? key : `${path}.${key}`;
      if (FORBIDDEN_KEYS.has(key)) return { path: child, message: `the key "${key}" is not allowed` };
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, path: child });
    }
  }
  return null;
}

/** After the JSON parser: too deep or prototype-addressing bodies are 422 before any handler sees them. */
export function rejectUnsafeJson(req: Request, res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  if (body === undefined || body === null || typeof body !== 'object') return next();
  const issue = jsonBodyIssue(body);
  if (!issue) return next();
  reply(req, res, 422, 'VALIDATION_FAILED', 'Request validation failed.', { issues: [issue] });
}

/**
 * Every request body is a JSON object. An array, string, number, `null` or boolean is a malformed
 * body like any other: 422 VALIDATION_FAILED with an issue, on every route (docs/api.md).
 */
export function requireObjectBodies(req: Request, res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  // undefined: nothing was parsed (no body, or not JSON).
  if (body === undefined || (typeof body === 'object' && body !== null && !Array.isArray(body))) return next();
  const kind = body === null ? 'null' : Array.isArray(body) ? 'an array' : `a ${typeof body}`;
  reply(req, res, 422, 'VALIDATION_FAILED', 'Request validation failed.', {
    issues: [{ path: '', message: `Request body must be a JSON object, not ${kind}.` }],
  });
}

/** A body that is not JSON at all, as the body parser reports it (`bodyErrors` answers 400 INVALID_JSON). */
export const INVALID_JSON_ERROR = Object.freeze({ type: 'entity.parse.failed' });

/** body-parser failures become stable envelope errors instead of framework messages. */
export function bodyErrors(error: unknown, req: Request, res: Response, next: NextFunction): void {
  const type = error && typeof error === 'object' && 'type' in error ? error.type : undefined;
  const rendered =
    type === 'entity.parse.failed'
      ? { status: 400, code: 'INVALID_JSON', message: 'Request body is not valid JSON.' }
      : type === 'entity.too.large'
        ? { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large.' }
        : type === 'encoding.unsupported' || type === 'charset.unsupported'
          ? { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported request encoding.' }
          : undefined;
  if (!rendered) return next(error);
  reply(req, res, rendered.status, rendered.code, rendered.message);
}
