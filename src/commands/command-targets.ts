import { Injectable } from '@nestjs/common';
import type { AgentEntity } from '../agents/agent.entity';
import { AgentLivenessService } from '../agents/agent-liveness.service';
import { AgentsService } from '../agents/agents.service';
import type { RequestContext } from '../common/context/request-context';
import type { ActionDefinitionEntity } from '../capsule-services/action-definition.entity';
import { toActionDefinition, type ActionDefinitionResponse } from '../capsule-services/action.mapper';
import type { CapsuleServiceEntity } from '../capsule-services/capsule-service.entity';
import { CapsuleServicesService } from '../capsule-services/capsule-services.service';
import type { CommandNames } from './command.mapper';

/** The catalog view of an action (backend.md §4.9 PublicAction). */
export type PublicAction = ActionDefinitionResponse;

/**
 * What the commands module needs from agents and capsule services, in one place so the
 * use-case services do not depend on how those modules expose it.
 */
@Injectable()
export class CommandTargets {
  constructor(
    private readonly agents: AgentsService,
    private readonly liveness: AgentLivenessService,
    private readonly services: CapsuleServicesService,
  ) {}

  findService(id: string): Promise<CapsuleServiceEntity | null> {
    return this.services.findById(id);
  }

  findAction(serviceId: string, name: string): Promise<ActionDefinitionEntity | null> {
    return this.services.findAction(serviceId, name);
  }

  findAgent(id: string): Promise<AgentEntity | null> {
    return this.agents.findById(id);
  }

  /** Service and agent names of these commands, two queries whatever the count. */
  async names(commands: readonly { serviceId: string; agentId: string }[]): Promise<CommandNames> {
    const [services, agents] = await Promise.all([
      this.services.identities(commands.map((c) => c.serviceId)),
      this.agents.identities(commands.map((c) => c.agentId)),
    ]);
    return { services, agents };
  }

  toPublicAction(row: ActionDefinitionEntity): PublicAction {
    return toActionDefinition(row);
  }

  /** A poll is a lightweight heartbeat (no heartbeat audit; writes throttled by the agents module). */
  async touchAgent(ctx: RequestContext, agent: AgentEntity): Promise<void> {
    await this.liveness.touch(ctx, agent);
  }
}
