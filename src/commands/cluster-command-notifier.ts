import type { OnModuleDestroy } from '@nestjs/common';
import type { ClusterBus } from '../cluster/cluster-bus';
import { CommandNotifier, InMemoryCommandNotifier, type NotifierSubscription } from './command-notifier';

/**
 * The notifier of every replica (docs/design/decisions.md, "Long-poll"): signals go through the
 * cluster bus, so a command created on one replica wakes the agent's poll parked on another, and
 * an agent's result on one replica answers the prepare waiting on another. Each replica keeps its
 * own waiters in an in-memory notifier. When the bus had to reconnect, every waiter re-checks the
 * database once: a lost signal costs one check, never a lost command.
 */
export class ClusterCommandNotifier extends CommandNotifier implements OnModuleDestroy {
  constructor(
    private readonly bus: ClusterBus,
    private readonly local: InMemoryCommandNotifier = new InMemoryCommandNotifier(),
  ) {
    super();
    bus.subscribe('agent.wake', ({ agentId }) => local.notifyAgent(agentId));
    bus.subscribe('command.settled', ({ commandId }) => local.notifyCommand(commandId));
    bus.onReconnect('wake', () => local.wakeAll());
  }

  notifyAgent(agentId: string): void {
    this.bus.publish('agent.wake', { agentId });
  }

  notifyCommand(commandId: string): void {
    this.bus.publish('command.settled', { commandId });
  }

  subscribeAgent(agentId: string): NotifierSubscription {
    return this.local.subscribeAgent(agentId);
  }

  subscribeCommand(commandId: string): NotifierSubscription {
    return this.local.subscribeCommand(commandId);
  }

  size(): number {
    return this.local.size();
  }

  releaseAll(): void {
    this.local.releaseAll();
  }

  onModuleDestroy(): void {
    this.local.releaseAll();
  }
}
