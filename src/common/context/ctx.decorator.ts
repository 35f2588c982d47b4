import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { RequestContext } from './request-context';

export const CONTEXT_KEY = Symbol('opstage.ctx');

type WithContext = Request & { [CONTEXT_KEY]?: RequestContext };

export function attachContext(req: Request, ctx: RequestContext): void {
  (req as WithContext)[CONTEXT_KEY] = ctx;
}

export function contextOf(req: Request): RequestContext | undefined {
  return (req as WithContext)[CONTEXT_KEY];
}

/** The RequestContext the global guard built for this request. */
export const Ctx = createParamDecorator((_data: unknown, host: ExecutionContext): RequestContext => {
  const ctx = contextOf(host.switchToHttp().getRequest<Request>());
  if (!ctx) throw new Error('RequestContext missing: the policy guard did not run');
  return ctx;
});
