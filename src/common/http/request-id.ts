import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

const REQUEST_ID = Symbol('opstage.requestId');
const VALID = /^[A-Za-z0-9._:-]{1,128}$/;

type WithId = Request & { [REQUEST_ID]?: string };

/** Adopts a sane incoming `X-Request-Id` (proxies set one) or makes one, and echoes it back. */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  // Already given one ahead of Express (the agent fast path, app.setup.ts).
  if ((req as WithId)[REQUEST_ID] !== undefined) return next();
  const incoming = req.header('x-request-id');
  const id = incoming && VALID.test(incoming) ? incoming : `req_${randomUUID()}`;
  (req as WithId)[REQUEST_ID] = id;
  res.setHeader('X-Request-Id', id);
  next();
}

export function requestIdOf(req: Request): string {
  return (req as WithId)[REQUEST_ID] ?? 'unknown';
}
