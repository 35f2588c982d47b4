import { Injectable } from '@nestjs/common';
import { LivenessWriter } from '../../agent-gateway/liveness-writer';
import { AgentsService } from '../../agents/agents.service';
import type { ListAgentsQueryDto } from '../../agents/dto/list-agents-query.dto';
import { CapsuleServicesService } from '../../capsule-services/capsule-services.service';
import type { ListServicesQueryDto } from '../../capsule-services/dto/list-services-query.dto';
import type { RequestContext } from '../../common/context/request-context';
import type { Page } from '../../common/http/envelope';
import type { AgentResponse, CapsuleServiceResponse } from '../../contracts';

/** An agent as the admin API shows it (no token material). */
export type AgentView = AgentResponse;
/** A Capsule Service as the admin API lists it. */
export type ServiceView = CapsuleServiceResponse;
/** Filters of `listAgents`: page (1-based), pageSize (1..100, default 20), effective status, substring of code/name. */
export type AgentListQuery = Pick<ListAgentsQueryDto, 'page' | 'pageSize' | 'status' | 'q'>;
/** Filters of `listServices`. */
export type ServiceListQuery = Pick<
  ListServicesQueryDto,
  'page' | 'pageSize' | 'status' | 'healthStatus' | 'agentId' | 'q'
>;

/**
 * Read-only access to agents and Capsule Services for extensions (thin facade over the core
 * services). Reads see every heartbeat an agent was already answered for: single reads apply the
 * stamp still waiting in the liveness write-behind, lists let it land first (so never list inside
 * a transaction of your own).
 */
@Injectable()
export class AgentsReader {
  constructor(
    private readonly agents: AgentsService,
    private readonly services: CapsuleServicesService,
    private readonly liveness: LivenessWriter,
  ) {}

  /** The agent with its effective status at `ctx.now`, or null when it does not exist. */
  async getAgent(ctx: RequestContext, agentId: string): Promise<AgentView | null> {
    const agent = await this.agents.findById(agentId);
    return agent ? this.agents.toResponse(this.liveness.withPending(agent), ctx.now.getTime()) : null;
  }

  /** One page of agents, newest first, with `pagination.total`. */
  async listAgents(ctx: RequestContext, query: AgentListQuery = {}): Promise<Page<AgentView>> {
    await this.liveness.settle();
    return this.agents.list(ctx, query);
  }

  /** The service with its effective status at `ctx.now`, or null when it does not exist. */
  async getService(ctx: RequestContext, serviceId: string): Promise<ServiceView | null> {
    const service = await this.services.findById(serviceId);
    if (!service) return null;
    const agent = await this.agents.findById(service.agentId);
    return this.services.toResponse(service, agent && this.liveness.withPending(agent), ctx.now.getTime());
  }

  /** One page of services with `pagination.total`. */
  async listServices(ctx: RequestContext, query: ServiceListQuery = {}): Promise<Page<ServiceView>> {
    await this.liveness.settle();
    return this.services.list(ctx, query);
  }
}
