import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { PrometheusService } from './prometheus.service';

/** Requests that matched no route share one label, so scanners cannot blow up the series count. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Counts every request and its latency, labelled with the matched route pattern
 * (`/api/admin/agents/:agentId`), never the raw URL, and the final status. It runs before the
 * guard, so 401/403 answers are counted too.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly prometheus: PrometheusService) {}

  /** Mounted by MaintenanceModule only when `OPSTAGE_METRICS_ENABLED=true`. */
  use(req: Request, res: Response, next: NextFunction): void {
    this.observe(req, res);
    next();
  }

  /**
   * Counts `req` once its answer is written. `routePattern` is for requests answered outside Express's router
   * (the agent fast path), which leaves no `req.route`.
   */
  observe(req: Request, res: Response, routePattern?: string): void {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route: unknown = routePattern ?? (req.route as { path?: unknown } | undefined)?.path;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.prometheus.observeHttp(
        req.method,
        typeof route === 'string' ? route : UNMATCHED_ROUTE,
        res.statusCode,
        seconds,
      );
    });
  }
}
