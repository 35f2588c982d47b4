import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ClusterBus } from '../cluster/cluster-bus';
import { CommandRepository } from './command.repository';

/**
 * Which agents have a cancelled-while-RUNNING command they have not been told about yet
 * (docs/design/decisions.md, "Cancel reaches the agent"). Heartbeats and polls consult it so that the common case, nothing cancelled,
 * costs no transaction and no query. The database stays the source of truth: the set is loaded
 * from it at boot (a restart loses nothing), an agent is added on every replica after a cancel
 * commits (through the cluster bus), and it is removed only by a lookup that found nothing left and
 * began after the agent's last addition, so a cancel committing meanwhile, on any replica, keeps it.
 * A stale member only costs one empty lookup. After the bus reconnected the set is reloaded.
 */
@Injectable()
export class CancelNoticeIndex implements OnApplicationBootstrap {
  /** Agent → the mark of its latest addition. */
  private readonly agents = new Map<string, number>();
  private counter = 0;

  constructor(
    private readonly commands: CommandRepository,
    private readonly bus: ClusterBus,
  ) {
    bus.subscribe('cancel.notice', ({ agentId }) => this.agents.set(agentId, ++this.counter));
    bus.onReconnect('refresh', () => this.load());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.load();
  }

  has(agentId: string): boolean {
    return this.agents.has(agentId);
  }

  /** Call after the cancel's transaction committed, before waking the agent's poll. */
  add(agentId: string): void {
    this.bus.publish('cancel.notice', { agentId });
  }

  /** Take before looking the agent's notices up; pass to `remove`. */
  mark(): number {
    return this.counter;
  }

  /** Forgets the agent unless it was added again after `mark` was taken. */
  remove(agentId: string, mark: number): void {
    const added = this.agents.get(agentId);
    if (added !== undefined && added <= mark) this.agents.delete(agentId);
  }

  private async load(): Promise<void> {
    const mark = ++this.counter;
    for (const agentId of await this.commands.agentsWithUnnotifiedCancels()) {
      if (!this.agents.has(agentId)) this.agents.set(agentId, mark);
    }
  }
}
