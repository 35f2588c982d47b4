import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AgentEntity } from '../agents/agent.entity';
import { AgentsService } from '../agents/agents.service';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/context/request-context';
import { DomainError, notFound } from '../common/errors/domain-error';
import { Page } from '../common/http/envelope';
import { pageRequest, pagination, type PaginationQueryDto } from '../common/http/pagination.dto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { BatchOutcome } from '../database/batches';
import { TransactionRunner } from '../database/transaction-runner';
import { RuntimeSettingsService } from '../settings/runtime-settings.service';
import type { ActionDefinitionEntity } from './action-definition.entity';
import { toActionDefinition } from './action.mapper';
import type { CapsuleServiceEntity } from './capsule-service.entity';
import { extrasOf, manifestOf, toConfigResponse, toHealthResponse, toServiceResponse } from './capsule-service.mapper';
import { CapsuleServicesRepository } from './capsule-services.repository';
import { CatalogRepository } from './catalog.repository';
import { parseLabelFilter, type ListServicesQueryDto } from './dto/list-services-query.dto';
import { serviceEffectiveStatus, statusSince, type StatusThresholds } from './service-status';
import type {
  ActionDefinitionResponse,
  AgentEffectiveStatus,
  AgentResponse,
  CapsuleServiceDetailResponse,
  CapsuleServiceResponse,
  ConfigItemResponse,
  HealthReportResponse,
  ServiceEffectiveStatus,
} from '../contracts';

/** Read side of Capsule Services plus the owner-only reassign (docs/design/decisions.md, "No service takeover"). */
@Injectable()
export class CapsuleServicesService {
  constructor(
    private readonly services: CapsuleServicesRepository,
    private readonly catalog: CatalogRepository,
    private readonly agents: AgentsService,
    private readonly settings: RuntimeSettingsService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  findById(id: string, em?: EntityManager): Promise<CapsuleServiceEntity | null> {
    return this.services.findById(id, em);
  }

  /** Services are unique by code per workspace (the bus addresses them by code). */
  findByCode(code: string, em?: EntityManager): Promise<CapsuleServiceEntity | null> {
    return this.services.findByCode(code, em);
  }

  findAction(serviceId: string, name: string, em?: EntityManager): Promise<ActionDefinitionEntity | null> {
    return this.catalog.findAction(serviceId, name, em);
  }

  /** id → code and name, for lists that show services by name (ids on hover). */
  async identities(ids: Iterable<string>): Promise<Map<string, { code: string; name: string }>> {
    const rows = await this.services.identities([...new Set(ids)]);
    return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
  }

  toActionDefinition(entity: ActionDefinitionEntity): ActionDefinitionResponse {
    return toActionDefinition(entity);
  }

  thresholds(): StatusThresholds {
    return {
      agentOfflineThresholdSeconds: this.settings.get().agentOfflineThresholdSeconds,
      serviceStaleThresholdSeconds: this.config.serviceStaleThresholdSeconds,
    };
  }

  /**
   * API-token scope (docs/api-tokens-and-cli.md, "Scope"): whether the service's manifest labels carry every pair;
   * null when there is no such service.
   */
  async labelsMatch(id: string, labels: readonly { key: string; value: string }[]): Promise<boolean | null> {
    const row = await this.services.findById(id);
    if (!row) return null;
    const own = manifestOf(row).labels;
    const map = typeof own === 'object' && own !== null && !Array.isArray(own) ? (own as Record<string, unknown>) : {};
    return labels.every((l) => map[l.key] === l.value);
  }

  /** Ids of the services whose manifest labels carry every pair (a scoped token's command list). */
  idsWithLabels(labels: readonly { key: string; value: string }[]): Promise<string[]> {
    return this.services.idsWithLabels(labels);
  }

  /**
   * Every service with its effective status and manifest labels, and every agent with its effective
   * status: what the notification evaluator judges (docs/notifications.md, "Rules").
   */
  async fleetForAlerts(nowMs: number): Promise<{
    services: {
      id: string;
      code: string;
      name: string;
      agentId: string;
      status: ServiceEffectiveStatus;
      labels: Record<string, unknown>;
    }[];
    agents: { id: string; code: string; name: string | null; status: AgentEffectiveStatus }[];
  }> {
    const [pairs, agents] = [await this.services.allWithAgents(), await this.agents.all()];
    return {
      services: pairs.map(({ service, agent }) => {
        const labels = manifestOf(service).labels;
        return {
          id: service.id,
          code: service.code,
          name: service.name,
          agentId: service.agentId,
          status: this.effectiveStatus(service, agent, nowMs),
          labels:
            typeof labels === 'object' && labels !== null && !Array.isArray(labels)
              ? (labels as Record<string, unknown>)
              : {},
        };
      }),
      agents: agents.map((a) => ({
        id: a.id,
        code: a.code,
        name: a.name,
        status: this.agents.effectiveStatus(a, nowMs),
      })),
    };
  }

  /** The pure rule with the current thresholds; `agent` null = owner missing. */
  effectiveStatus(service: CapsuleServiceEntity, agent: AgentEntity | null, nowMs: number): ServiceEffectiveStatus {
    return serviceEffectiveStatus(service, agent, nowMs, this.thresholds());
  }

  /** Since when the service has its current effective status (docs/console.md, dashboard). */
  async statusSince(id: string, nowMs: number): Promise<string | null> {
    const found = await this.services.findWithAgent(id);
    if (!found) return null;
    const status = this.effectiveStatus(found.service, found.agent, nowMs);
    const healthSince =
      status === 'OFFLINE' || status === 'STALE'
        ? null
        : await this.catalog.healthStreakStart(id, found.service.healthStatus);
    return statusSince(status, found.service, found.agent, healthSince);
  }

  toResponse(service: CapsuleServiceEntity, agent: AgentEntity | null, nowMs: number): CapsuleServiceResponse {
    return toServiceResponse(
      service,
      this.effectiveStatus(service, agent, nowMs),
      agent,
      agent ? this.agents.effectiveStatus(agent, nowMs) : null,
    );
  }

  /** Counts per effective status (same SQL rule as the list filter), for dashboards and metrics. */
  countByEffectiveStatus(nowMs: number): Promise<Record<string, number>> {
    const cutoffs = this.cutoffs(nowMs);
    return this.services.countByEffectiveStatus(cutoffs.heartbeatCutoffIso, cutoffs.reportCutoffIso);
  }

  async list(ctx: RequestContext, query: ListServicesQueryDto): Promise<Page<CapsuleServiceResponse>> {
    const req = pageRequest(query);
    const nowMs = ctx.now.getTime();
    const { rows, total } = await this.services.list({
      status: query.status,
      healthStatus: query.healthStatus,
      agentId: query.agentId,
      q: query.q,
      labels: [...parseLabelFilter(query.label), ...tokenScopeOf(ctx)],
      ...this.cutoffs(nowMs),
      offset: req.offset,
      limit: req.pageSize,
    });
    return new Page(
      rows.map((r) => this.toResponse(r.service, r.agent, nowMs)),
      pagination(req, total),
    );
  }

  async detail(ctx: RequestContext, id: string): Promise<CapsuleServiceDetailResponse> {
    const { service, agent } = await this.loadOrThrow(id);
    const [health, configs, actions] = await Promise.all([
      this.catalog.latestHealth(id),
      this.catalog.configs(id),
      this.catalog.actions(id),
    ]);
    return {
      ...this.toResponse(service, agent, ctx.now.getTime()),
      manifest: manifestOf(service),
      ...extrasOf(service),
      health: health ? toHealthResponse(health) : null,
      configs: configs.map(toConfigResponse),
      actions: actions.map(toActionDefinition),
    };
  }

  async manifest(_ctx: RequestContext, id: string): Promise<Record<string, unknown>> {
    const { service } = await this.loadOrThrow(id);
    return manifestOf(service);
  }

  /** The latest health report, or null when the service never sent one. */
  async health(_ctx: RequestContext, id: string): Promise<HealthReportResponse | null> {
    await this.loadOrThrow(id);
    const latest = await this.catalog.latestHealth(id);
    return latest ? toHealthResponse(latest) : null;
  }

  /** The kept health reports (runtime setting `healthReportsKeep`), newest first, paginated. */
  async healthHistory(
    _ctx: RequestContext,
    id: string,
    query: PaginationQueryDto,
  ): Promise<Page<HealthReportResponse>> {
    await this.loadOrThrow(id);
    const req = pageRequest(query);
    const [rows, total] = await this.catalog.healthPage(id, req.offset, req.pageSize);
    return new Page(rows.map(toHealthResponse), pagination(req, total));
  }

  async configs(_ctx: RequestContext, id: string): Promise<ConfigItemResponse[]> {
    await this.loadOrThrow(id);
    return (await this.catalog.configs(id)).map(toConfigResponse);
  }

  async actions(_ctx: RequestContext, id: string): Promise<ActionDefinitionResponse[]> {
    await this.loadOrThrow(id);
    return (await this.catalog.actions(id)).map(toActionDefinition);
  }

  /** Agent detail with its services (lives here because services sit above agents in the DAG). */
  async agentDetail(
    ctx: RequestContext,
    agentId: string,
  ): Promise<AgentResponse & { services: CapsuleServiceResponse[] }> {
    const agent = await this.agents.getOrThrow(agentId);
    const services = await this.services.findByAgent(agentId);
    const nowMs = ctx.now.getTime();
    return {
      ...this.agents.toResponse(agent, nowMs, services.length),
      services: services.map((s) => this.toResponse(s, agent, nowMs)),
    };
  }

  /** Owner moves a service to another agent (docs/design/decisions.md, "No service takeover"), e.g. after a host move. Audited. */
  async reassign(ctx: RequestContext, id: string, agentId: string): Promise<CapsuleServiceResponse> {
    const result = await this.tx.run(async (em) => {
      const service = await this.services.findById(id, em);
      if (!service) throw notFound('CAPSULE_SERVICE_NOT_FOUND', 'Capsule Service not found.');
      const target = await this.agents.findById(agentId, em);
      if (!target) throw notFound('AGENT_NOT_FOUND', 'Agent not found.');
      if (target.status === 'REVOKED') throw new DomainError('AGENT_REVOKED', 'Agent is revoked.');
      const fromAgentId = service.agentId;
      if (fromAgentId !== agentId) {
        await this.services.update(id, { agentId, updatedAt: ctx.nowIso }, em);
        await this.audit.record(
          ctx,
          {
            action: 'service.reassigned',
            targetType: 'CapsuleService',
            targetId: id,
            metadata: { code: service.code, fromAgentId, toAgentId: agentId },
          },
          em,
        );
      }
      return {
        service: { ...service, agentId, updatedAt: fromAgentId !== agentId ? ctx.nowIso : service.updatedAt },
        agent: target,
      };
    });
    return this.toResponse(result.service, result.agent, ctx.now.getTime());
  }

  /** Sweep step, one batch in its own transaction: services of OFFLINE agents go OFFLINE too. */
  followOfflineAgents(nowIso: string, limit: number): Promise<BatchOutcome> {
    return this.tx.run((em) => this.services.followOfflineAgents(nowIso, limit, em));
  }

  /** Sweep: the services over the health-history limit (each then pruned with `pruneHealthReports`). */
  servicesOverHealthLimit(keep: number): Promise<string[]> {
    return this.tx.run((em) => this.catalog.servicesOverHealthLimit(keep, em));
  }

  /** Sweep step, one batch in its own transaction: the service keeps its newest `keep` health reports. */
  pruneHealthReports(serviceId: string, keep: number, limit: number): Promise<BatchOutcome> {
    return this.tx.run((em) => this.catalog.pruneHealthBatch(serviceId, keep, limit, em));
  }

  private async loadOrThrow(id: string): Promise<{ service: CapsuleServiceEntity; agent: AgentEntity | null }> {
    const found = await this.services.findWithAgent(id);
    if (!found) throw notFound('CAPSULE_SERVICE_NOT_FOUND', 'Capsule Service not found.');
    return found;
  }

  private cutoffs(nowMs: number): { heartbeatCutoffIso: string; reportCutoffIso: string | null } {
    const t = this.thresholds();
    return {
      heartbeatCutoffIso: new Date(nowMs - t.agentOfflineThresholdSeconds * 1000).toISOString(),
      reportCutoffIso:
        t.serviceStaleThresholdSeconds > 0
          ? new Date(nowMs - t.serviceStaleThresholdSeconds * 1000).toISOString()
          : null,
    };
  }
}

/** A scoped API token sees only services with its labels: they join the list's own label filter. */
function tokenScopeOf(ctx: RequestContext): readonly { key: string; value: string }[] {
  return ctx.principal.kind === 'api-token' ? (ctx.principal.scope ?? []) : [];
}
