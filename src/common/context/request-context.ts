import type { Request } from 'express';
import type { Principal } from '../auth/principal';
import type { Clock } from '../time/clock';
import { requestIdOf } from '../http/request-id';

/** Who is acting, from where, and when: the first argument of every caller-facing service method. */
export class RequestContext {
  constructor(
    readonly requestId: string,
    readonly principal: Principal,
    readonly ip: string | null,
    readonly userAgent: string | null,
    readonly now: Date,
  ) {}

  get nowIso(): string {
    return this.now.toISOString();
  }

  static fromRequest(req: Request, principal: Principal, clock: Clock): RequestContext {
    return new RequestContext(
      requestIdOf(req),
      principal,
      clientIp(req),
      req.header('user-agent') ?? null,
      clock.now(),
    );
  }

  /** The scheduler and bootstrap act as `system`, so audit rows get an honest actor. */
  static system(clock: Clock): RequestContext {
    return new RequestContext(`sys_${clock.nowMs()}`, { kind: 'system', id: null }, null, null, clock.now());
  }
}

export function clientIp(req: Request): string | null {
  return req.ip ?? req.socket.remoteAddress ?? null;
}
