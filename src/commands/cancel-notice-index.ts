import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandRepository } from './command.repository';

/**
 * Which agents have a cancelled-while-RUNNING command they have not been told about yet
 * (docs/design/decisions.md, "Cancel reaches the agent"). Heartbeats and polls consult it so that the common case, nothing cancelled,
 * costs no transaction and no query. The database stays the source of truth: the set is loaded
 * from it at boot (a restart loses nothing), an agent is added after a cancel commits, and it is
 * removed only inside the serialised transaction that takes its notices, so a cancel that
 * commits later is always added back afterwards. A stale member only costs one empty lookup.
 */
@Injectable()
export class CancelNoticeIndex implements OnApplicationBootstrap {
  private readonly agents = new Set<string>();

  constructor(private readonly commands: CommandRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const agentId of await this.commands.agentsWithUnnotifiedCancels()) this.agents.add(agentId);
  }

  has(agentId: string): boolean {
    return this.agents.has(agentId);
  }

  /** Call after the cancel's transaction committed, before waking the agent's poll. */
  add(agentId: string): void {
    this.agents.add(agentId);
  }

  /** Call inside the transaction that took this agent's last pending notices. */
  remove(agentId: string): void {
    this.agents.delete(agentId);
  }
}
