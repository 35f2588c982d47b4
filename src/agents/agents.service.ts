import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/context/request-context';
import { AGENT_TOKEN_PREFIX, TokenService } from '../common/crypto/token-service';
import { DomainEvents } from '../common/events/domain-events';
import { DomainError, notFound } from '../common/errors/domain-error';
import { Page } from '../common/http/envelope';
import { pageRequest, pagination } from '../common/http/pagination.dto';
import { IdGenerator } from '../common/ids/id-generator';
import type { BatchOutcome } from '../database/batches';
import { TransactionRunner } from '../database/transaction-runner';
import { RuntimeSettingsService } from '../settings/runtime-settings.service';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import type { AgentEntity } from './agent.entity';
import { toAgentResponse } from './agent.mapper';
import { AgentTokensRepository, type AuthTokenRow } from './agent-tokens.repository';
import { AgentsRepository } from './agents.repository';
import type { ListAgentsQueryDto } from './dto/list-agents-query.dto';
import { agentEffectiveStatus, heartbeatCutoffIso, statusImpliedByHeartbeat } from './effective-status';
import type { Tx } from '../database/transaction';
import type { AgentEffectiveStatus, AgentMode, AgentResponse, AgentStatus } from '../contracts';

/** Identity an agent sends at registration (hostname/sdkVersion/version only when it sends them). */
export interface AgentIdentity {
  code: string;
  name?: string;
  mode?: AgentMode;
  runtime?: string;
  version?: string;
  hostname?: string;
  sdkVersion?: string;
}

export interface RegisteredAgent {
  agent: AgentEntity;
  rawToken: string;
  revokedTokens: number;
  created: boolean;
  /** The status before a recovery (`created` false); null for a new agent. */
  previousStatus: AgentStatus | null;
}

/** An unbound registration token named the code of an existing agent (docs/agents.md). */
export class AgentCodeTakenError extends Error {
  constructor(readonly agentId: string) {
    super('agent code taken');
  }
}

@Injectable()
export class AgentsService {
  constructor(
    private readonly agents: AgentsRepository,
    private readonly tokens: AgentTokensRepository,
    private readonly settings: RuntimeSettingsService,
    private readonly tx: TransactionRunner,
    private readonly ids: IdGenerator,
    private readonly tokenService: TokenService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  /**
   * The agent as stored. Liveness stamps the agent gateway holds back for a moment are not applied:
   * callers that judge liveness settle the ReadBarrier first (docs/agents.md, "Heartbeat").
   */
  findById(id: string, em?: EntityManager): Promise<AgentEntity | null> {
    return this.agents.findById(id, em);
  }

  /** The ACTIVE token with this hash and its agent, in one indexed read (agent authentication). */
  findActiveToken(tokenHash: string): Promise<AuthTokenRow | null> {
    return this.tokens.findActiveForAuth(tokenHash);
  }

  /** Effective status with the current runtime threshold (docs/design/decisions.md, "One threshold source"). */
  effectiveStatus(agent: Pick<AgentEntity, 'status' | 'lastHeartbeatAt'>, nowMs: number): AgentEffectiveStatus {
    return agentEffectiveStatus(agent, nowMs, this.settings.get().agentOfflineThresholdSeconds);
  }

  /** now − threshold, for SQL filters that must agree with `effectiveStatus`. */
  heartbeatCutoffIso(nowMs: number): string {
    return heartbeatCutoffIso(nowMs, this.settings.get().agentOfflineThresholdSeconds);
  }

  toResponse(agent: AgentEntity, nowMs: number, serviceCount?: number): AgentResponse {
    return toAgentResponse(agent, this.effectiveStatus(agent, nowMs), serviceCount);
  }

  /** id → code and name, for lists that show agents by name (ids on hover). */
  async identities(ids: Iterable<string>): Promise<Map<string, { code: string; name: string | null }>> {
    const rows = await this.agents.identities([...new Set(ids)]);
    return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
  }

  /** Every agent, for the notification evaluator (docs/notifications.md, "Rules"). */
  all(): Promise<AgentEntity[]> {
    return this.agents.all();
  }

  async getOrThrow(id: string, em?: EntityManager): Promise<AgentEntity> {
    const agent = await this.findById(id, em);
    if (!agent) throw notFound('AGENT_NOT_FOUND', 'Agent not found.');
    return agent;
  }

  async list(ctx: RequestContext, query: ListAgentsQueryDto): Promise<Page<AgentResponse>> {
    const req = pageRequest(query);
    const nowMs = ctx.now.getTime();
    const { rows, total } = await this.agents.list({
      status: query.status,
      q: query.q,
      heartbeatCutoffIso: this.heartbeatCutoffIso(nowMs),
      offset: req.offset,
      limit: req.pageSize,
    });
    return new Page(
      rows.map((r) => this.toResponse(r.agent, nowMs, r.serviceCount)),
      pagination(req, total),
    );
  }

  /**
   * Registration step inside the caller's transaction: creates the agent, or recovers a known
   * code. Recovery needs a registration token bound to that code (`boundToCode`); any other token
   * naming a taken code throws AgentCodeTakenError and changes nothing. A recovery rotates the
   * tokens and keeps id and history; REVOKED comes back ONLINE, DISABLED stays DISABLED
   * (docs/agents.md).
   */
  async registerOrRecover(
    ctx: RequestContext,
    identity: AgentIdentity,
    boundToCode: boolean,
    em: Tx,
  ): Promise<RegisteredAgent> {
    const now = ctx.nowIso;
    const existing = await this.agents.findByCode(identity.code, em);
    if (existing && !boundToCode) throw new AgentCodeTakenError(existing.id);
    let agent: AgentEntity;
    let revokedTokens = 0;
    if (existing) {
      const patch: Partial<AgentEntity> = {
        name: identity.name ?? existing.name,
        mode: identity.mode ?? existing.mode,
        runtime: identity.runtime ?? existing.runtime,
        version: identity.version ?? existing.version,
        hostname: identity.hostname ?? existing.hostname,
        sdkVersion: identity.sdkVersion ?? existing.sdkVersion,
        updatedAt: now,
      };
      if (existing.status !== 'DISABLED') {
        patch.status = 'ONLINE';
        patch.lastHeartbeatAt = now;
        patch.revokedAt = null;
      }
      await this.agents.update(existing.id, patch, em);
      agent = { ...existing, ...patch };
      revokedTokens = await this.tokens.revokeAllForAgent(existing.id, now, em);
    } else {
      agent = {
        id: this.ids.next('agt'),
        workspaceId: DEFAULT_WORKSPACE_ID,
        code: identity.code,
        name: identity.name ?? null,
        mode: identity.mode ?? 'embedded',
        runtime: identity.runtime ?? null,
        version: identity.version ?? null,
        hostname: identity.hostname ?? null,
        sdkVersion: identity.sdkVersion ?? null,
        // Registration is proof of life, as in the reference: the agent starts ONLINE with a heartbeat.
        status: 'ONLINE',
        lastHeartbeatAt: now,
        heartbeatAuditAt: null,
        disabledAt: null,
        revokedAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await this.agents.insert(agent, em);
    }
    const rawToken = this.tokenService.generate(AGENT_TOKEN_PREFIX);
    await this.tokens.insert(
      {
        id: this.ids.next('tok'),
        agentId: agent.id,
        tokenHash: this.tokenService.hash(rawToken),
        name: null,
        status: 'ACTIVE',
        lastUsedAt: null,
        revokedAt: null,
        createdAt: now,
        updatedAt: now,
      },
      em,
    );
    return { agent, rawToken, revokedTokens, created: !existing, previousStatus: existing?.status ?? null };
  }

  /**
   * PENDING/OFFLINE → ONLINE, once: the conditional UPDATE's affected-row count tells whether this
   * call made the transition. Audited in the same transaction; `agent.online` after commit.
   */
  async markOnline(ctx: RequestContext, agent: Pick<AgentEntity, 'id' | 'status'>): Promise<boolean> {
    const changed = await this.tx.run(async (em) => {
      if (!(await this.agents.markOnline(agent.id, ctx.nowIso, em))) return false;
      await this.auditOnline(ctx, agent.id, agent.status, em);
      return true;
    });
    if (changed) this.emitOnline(ctx, agent.id, agent.status);
    return changed;
  }

  /**
   * Stored ONLINE but silent past the threshold (the sweep has not marked it yet), and heard from
   * again: the comeback is announced like a transition, without a status write.
   */
  async announceComeback(ctx: RequestContext, agentId: string, previousStatus: AgentEffectiveStatus): Promise<void> {
    await this.tx.run((em) => this.auditOnline(ctx, agentId, previousStatus, em));
    this.emitOnline(ctx, agentId, previousStatus);
  }

  /** Liveness write-behind (the agent gateway's LivenessWriter): a stamp that never moves backwards. */
  touchHeartbeat(agentId: string, atIso: string, em: Tx): Promise<void> {
    return this.agents.touchHeartbeat(agentId, atIso, em);
  }

  /** Liveness write-behind: true when this caller won the agent's sampled heartbeat audit for the window. */
  claimHeartbeatAudit(agentId: string, atIso: string, cutoffIso: string, em: Tx): Promise<boolean> {
    return this.agents.claimHeartbeatAudit(agentId, atIso, cutoffIso, em);
  }

  /** Liveness write-behind: the token's last use, never moving backwards. */
  touchTokenUse(tokenId: string, atIso: string, em: Tx): Promise<void> {
    return this.tokens.touchLastUsed(tokenId, atIso, em);
  }

  /**
   * Sweep step, one batch in its own transaction: agents silent past the threshold become OFFLINE,
   * each audited in that transaction; `agent.offline` goes out once it has committed. The caller
   * settles the liveness write-behind first, so only stored stamps are judged.
   */
  async markStaleOffline(ctx: RequestContext, thresholdSeconds: number, limit: number): Promise<BatchOutcome> {
    const cutoff = new Date(ctx.now.getTime() - thresholdSeconds * 1000).toISOString();
    const ids = await this.tx.run(async (em) => {
      const stale = await this.agents.staleIds(cutoff, limit, em);
      if (stale.length === 0) return stale;
      await this.agents.markOffline(stale, ctx.nowIso, em);
      for (const agentId of stale) {
        await this.audit.record(
          ctx,
          { action: 'system.agent.offline', targetType: 'Agent', targetId: agentId, metadata: { thresholdSeconds } },
          em,
        );
      }
      return stale;
    });
    for (const agentId of ids)
      this.events.emit('agent.offline', {
        agentId,
        thresholdSeconds,
        occurredAt: ctx.nowIso,
        requestId: ctx.requestId,
      });
    return { selected: ids.length, affected: ids.length };
  }

  /** Sweep step, one batch in its own transaction: tokens revoked before the cutoff are deleted. */
  pruneRevokedTokens(cutoffIso: string, limit: number): Promise<BatchOutcome> {
    return this.tx.run((em) => this.tokens.pruneRevoked(cutoffIso, limit, em));
  }

  async disable(ctx: RequestContext, agentId: string): Promise<AgentResponse> {
    const agent = await this.tx.run(async (em) => {
      const current = await this.getOrThrow(agentId, em);
      if (current.status === 'REVOKED') throw new DomainError('AGENT_REVOKED', 'Agent is revoked.');
      const patch: Partial<AgentEntity> = {
        status: 'DISABLED',
        disabledAt: current.disabledAt ?? ctx.nowIso,
        updatedAt: ctx.nowIso,
      };
      await this.agents.update(agentId, patch, em);
      if (current.status !== 'DISABLED') {
        await this.audit.record(
          ctx,
          {
            action: 'agent.disabled',
            targetType: 'Agent',
            targetId: agentId,
            metadata: { previousStatus: current.status },
          },
          em,
        );
      }
      return { ...current, ...patch };
    });
    return this.toResponse(agent, ctx.now.getTime());
  }

  /** Back to what the heartbeat age implies (PENDING/ONLINE/OFFLINE), never a forced ONLINE. */
  async enable(ctx: RequestContext, agentId: string): Promise<AgentResponse> {
    const nowMs = ctx.now.getTime();
    const agent = await this.tx.run(async (em) => {
      const current = await this.getOrThrow(agentId, em);
      if (current.status === 'REVOKED') throw new DomainError('AGENT_REVOKED', 'Agent is revoked.');
      if (current.status !== 'DISABLED') return current;
      const status = statusImpliedByHeartbeat(
        current.lastHeartbeatAt,
        nowMs,
        this.settings.get().agentOfflineThresholdSeconds,
      );
      const patch: Partial<AgentEntity> = { status, disabledAt: null, updatedAt: ctx.nowIso };
      await this.agents.update(agentId, patch, em);
      await this.audit.record(
        ctx,
        { action: 'agent.enabled', targetType: 'Agent', targetId: agentId, metadata: { status } },
        em,
      );
      return { ...current, ...patch };
    });
    return this.toResponse(agent, nowMs);
  }

  async revoke(ctx: RequestContext, agentId: string): Promise<AgentResponse> {
    const agent = await this.tx.run(async (em) => {
      const current = await this.getOrThrow(agentId, em);
      const revokedTokens = await this.tokens.revokeAllForAgent(agentId, ctx.nowIso, em);
      if (current.status === 'REVOKED' && revokedTokens === 0) return current;
      const patch: Partial<AgentEntity> = {
        status: 'REVOKED',
        revokedAt: current.revokedAt ?? ctx.nowIso,
        updatedAt: ctx.nowIso,
      };
      await this.agents.update(agentId, patch, em);
      await this.audit.record(
        ctx,
        {
          action: 'agent.revoked',
          targetType: 'Agent',
          targetId: agentId,
          metadata: { revokedTokens, previousStatus: current.status },
        },
        em,
      );
      return { ...current, ...patch };
    });
    return this.toResponse(agent, ctx.now.getTime());
  }

  /**
   * Only REVOKED agents, or agents whose heartbeat age makes them OFFLINE, can be deleted. Its
   * tokens, services, health reports, configs, actions and their commands go by FK cascade.
   */
  async delete(ctx: RequestContext, agentId: string): Promise<AgentResponse> {
    const nowMs = ctx.now.getTime();
    return this.tx.run(async (em) => {
      const current = await this.getOrThrow(agentId, em);
      const effective = this.effectiveStatus(current, nowMs);
      if (current.status !== 'REVOKED' && effective !== 'OFFLINE') {
        throw new DomainError('AGENT_NOT_DELETABLE', 'Only REVOKED or OFFLINE agents can be deleted.', {
          status: current.status,
          effectiveStatus: effective,
        });
      }
      const response = this.toResponse(current, nowMs);
      await this.agents.delete(agentId, em);
      await this.audit.record(
        ctx,
        {
          action: 'agent.deleted',
          targetType: 'Agent',
          targetId: agentId,
          metadata: { code: current.code, status: current.status, effectiveStatus: effective },
        },
        em,
      );
      return response;
    });
  }

  private async auditOnline(ctx: RequestContext, agentId: string, previousStatus: string, em: Tx): Promise<void> {
    await this.audit.record(
      ctx,
      { action: 'agent.online', targetType: 'Agent', targetId: agentId, metadata: { previousStatus } },
      em,
    );
  }

  private emitOnline(ctx: RequestContext, agentId: string, previousStatus: string): void {
    this.events.emit('agent.online', { agentId, previousStatus, occurredAt: ctx.nowIso, requestId: ctx.requestId });
  }
}
