import { Injectable } from '@nestjs/common';
import type { AgentEntity } from '../agents/agent.entity';
import { AgentsService } from '../agents/agents.service';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/context/request-context';
import { CountersService } from '../system/counters.service';
import { LivenessWriter } from './liveness-writer';

/** One `agent.heartbeat.received` audit per agent per window (docs/agents.md, "Heartbeat"). */
export const HEARTBEAT_AUDIT_INTERVAL_MS = 5 * 60 * 1000;
/** Bounds the in-memory maps against a flood of distinct ids; clearing only re-audits once. */
const MAX_TRACKED = 100_000;

export interface LivenessOutcome {
  /** The heartbeat moved the agent from PENDING/OFFLINE (stored or by age) to ONLINE. */
  cameOnline: boolean;
  previousStatus: string;
}

/**
 * The heartbeat fast path: no transaction, the agent row comes from the authentication read,
 * and the `lastHeartbeatAt` stamp goes to the LivenessWriter (at most one batched write per
 * second per agent, docs/design/decisions.md, "Quiet heartbeats"). The commands poll reuses `touch`.
 */
@Injectable()
export class AgentLivenessService {
  private readonly lastAudit = new Map<string, number>();

  constructor(
    private readonly agents: AgentsService,
    private readonly audit: AuditService,
    private readonly counters: CountersService,
    private readonly writer: LivenessWriter,
  ) {}

  /** Liveness without the heartbeat audit (used by heartbeats and command polls alike). */
  async touch(ctx: RequestContext, agent: AgentEntity): Promise<LivenessOutcome> {
    const nowMs = ctx.now.getTime();
    // A stamp still waiting to be written counts: a heartbeat and a poll within the same second
    // after an outage must not both announce the comeback.
    const before = this.agents.effectiveStatus(this.writer.withPending(agent), nowMs);
    if (agent.status === 'DISABLED' || agent.status === 'REVOKED')
      return { cameOnline: false, previousStatus: agent.status };
    if (agent.status === 'PENDING' || agent.status === 'OFFLINE') {
      const changed = await this.agents.markOnline(ctx, agent);
      return { cameOnline: changed, previousStatus: agent.status };
    }
    this.writer.heartbeat(agent.id, ctx.nowIso);
    // Stored ONLINE but silent past the threshold (the sweep has not run yet): still a comeback.
    const cameOnline = before === 'OFFLINE';
    if (cameOnline) await this.agents.announceComeback(ctx, agent.id, before);
    return { cameOnline, previousStatus: before };
  }

  /**
   * `touch` plus the sampled `agent.heartbeat.received` audit: at most one per agent per window
   * across every replica and restart. The hot path adds no query: the last claim comes with the
   * authentication read (`heartbeatAuditAt`) and from the local map. Only when both say the window
   * has passed does a row go to the LivenessWriter, whose flush stores it only if the conditional
   * claim on `agents.heartbeatAuditAt` wins (another replica may have audited this agent meanwhile).
   */
  async heartbeat(ctx: RequestContext, agent: AgentEntity): Promise<LivenessOutcome> {
    const outcome = await this.touch(ctx, agent);
    this.counters.increment('agent.heartbeats');
    const nowMs = ctx.now.getTime();
    const local = this.lastAudit.get(agent.id);
    const stored = agent.heartbeatAuditAt === null ? undefined : Date.parse(agent.heartbeatAuditAt);
    const last = local === undefined || (stored !== undefined && stored > local) ? stored : local;
    if (last === undefined || nowMs - last >= HEARTBEAT_AUDIT_INTERVAL_MS) {
      remember(this.lastAudit, agent.id, nowMs);
      // Sampled liveness, not a change: stored with the next liveness flush (LivenessWriter).
      this.writer.auditLater(
        this.audit.toRow(ctx, { action: 'agent.heartbeat.received', targetType: 'Agent', targetId: agent.id }),
        agent.id,
        new Date(nowMs - HEARTBEAT_AUDIT_INTERVAL_MS).toISOString(),
      );
    }
    return outcome;
  }
}

function remember(map: Map<string, number>, key: string, value: number): void {
  if (map.size >= MAX_TRACKED && !map.has(key)) map.clear();
  map.set(key, value);
}
