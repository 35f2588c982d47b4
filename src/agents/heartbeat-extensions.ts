import { Injectable, Logger } from '@nestjs/common';

/** Adds fields to every heartbeat response, e.g. `cancelledCommandIds` from the commands module. */
export type HeartbeatContributor = (agentId: string, nowIso: string) => Promise<Record<string, unknown>>;

/**
 * Lets modules above agents in the DAG (commands) enrich the heartbeat response without the
 * agents module importing them.
 */
@Injectable()
export class HeartbeatExtensions {
  private readonly logger = new Logger('HeartbeatExtensions');
  private readonly contributors: HeartbeatContributor[] = [];

  register(fn: HeartbeatContributor): void {
    this.contributors.push(fn);
  }

  /** Merged fields of every contributor; `cancelledCommandIds: []` when nobody supplies it. */
  async collect(agentId: string, nowIso: string): Promise<Record<string, unknown>> {
    const merged: Record<string, unknown> = { cancelledCommandIds: [] };
    for (const fn of this.contributors) {
      try {
        Object.assign(merged, await fn(agentId, nowIso));
      } catch (error) {
        // A broken contributor must not take the heartbeat (the agent's liveness) down with it.
        this.logger.warn({ msg: 'heartbeat contributor failed', agentId, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return merged;
  }
}
