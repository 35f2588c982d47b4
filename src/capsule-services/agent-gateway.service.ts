import { Inject, Injectable } from '@nestjs/common';
import type { AgentEntity } from '../agents/agent.entity';
import { AgentLivenessService } from '../agents/agent-liveness.service';
import { AgentCodeTakenError, AgentsService } from '../agents/agents.service';
import { HeartbeatExtensions } from '../agents/heartbeat-extensions';
import { AuditService } from '../audit/audit.service';
import { RejectionAuditSampler } from '../audit/rejection-sampler';
import { RequestContext } from '../common/context/request-context';
import { DomainEvents } from '../common/events/domain-events';
import { DomainError } from '../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { RegistrationTokensService, type TokenRejection } from '../registration-tokens/registration-tokens.service';
import type { CapsuleServiceResponse } from './capsule-service.mapper';
import { CapsuleServicesService } from './capsule-services.service';
import type { HeartbeatDto, RegisterAgentDto, ServiceReportDto } from './dto/reported-service.dto';
import { ServiceReportService } from './service-report.service';

export interface Intervals {
  heartbeatIntervalSeconds: number;
  commandPollIntervalSeconds: number;
}

export interface RegisterResponse extends Intervals {
  agentId: string;
  agentToken: string;
}

const REGISTER_ROUTE = '/api/agents/register';

export type HeartbeatResponse = Intervals & Record<string, unknown>;

/** Thrown inside the registration transaction so nothing it wrote survives; audited after rollback. */
class RegistrationRejected extends Error {
  constructor(
    readonly reason: TokenRejection,
    readonly tokenId: string | null,
  ) {
    super(reason);
  }
}

/**
 * The agent-facing API (backend.md §4.13, §6): register, heartbeat, services report. It lives in
 * this module because registration spans tokens, agents and services in one transaction.
 */
@Injectable()
export class AgentGatewayService {
  constructor(
    private readonly registrationTokens: RegistrationTokensService,
    private readonly agents: AgentsService,
    private readonly liveness: AgentLivenessService,
    private readonly extensions: HeartbeatExtensions,
    private readonly reports: ServiceReportService,
    private readonly services: CapsuleServicesService,
    private readonly audit: AuditService,
    private readonly rejections: RejectionAuditSampler,
    private readonly tx: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: DomainEvents,
  ) {}

  intervals(): Intervals {
    return { heartbeatIntervalSeconds: this.config.heartbeatIntervalSeconds, commandPollIntervalSeconds: this.config.commandPollIntervalSeconds };
  }

  /**
   * Consumes the token exactly once (conditional UPDATE inside the serialised transaction),
   * creates the agent or recovers it (only with a token bound to its code: no takeover, see
   * docs/agents.md), and stores the optional initial service.
   */
  async register(ctx: RequestContext, dto: RegisterAgentDto): Promise<RegisterResponse> {
    try {
      const registered = await this.tx.run(async (em) => {
        const check = await this.registrationTokens.check(dto.registrationToken, dto.agent.code, ctx.nowIso, em);
        if (!check.ok) throw new RegistrationRejected(check.reason, check.tokenId);
        const bound = check.token.agentCode === dto.agent.code;
        const result = await this.agents.registerOrRecover(ctx, dto.agent, bound, em).catch((error: unknown) => {
          // Rolled back with the transaction: the token stays usable for a new code.
          throw error instanceof AgentCodeTakenError ? new RegistrationRejected('agent_code_taken', check.token.id) : error;
        });
        if (!(await this.registrationTokens.consume(check.token.id, result.agent.id, ctx.nowIso, em))) {
          throw new RegistrationRejected('used', check.token.id);
        }
        const agentCtx = asAgent(ctx, result.agent);
        if (dto.service) await this.reports.upsert(agentCtx, result.agent, dto.service, em);
        await this.audit.record(agentCtx, { action: 'registration_token.consumed', targetType: 'RegistrationToken', targetId: check.token.id }, em);
        const { agent, created } = result;
        await this.audit.record(
          agentCtx,
          created
            ? { action: 'agent.registered', targetType: 'Agent', targetId: agent.id, metadata: { code: agent.code, mode: agent.mode, created, status: agent.status } }
            : {
                action: 'agent.recovered',
                targetType: 'Agent',
                targetId: agent.id,
                metadata: { code: agent.code, mode: agent.mode, previousStatus: result.previousStatus, status: agent.status, revokedTokens: result.revokedTokens },
              },
          em,
        );
        return result;
      });
      const { agent } = registered;
      this.events.emit('agent.registered', { agentId: agent.id, code: agent.code, name: agent.name, created: registered.created, occurredAt: ctx.nowIso, requestId: ctx.requestId });
      return { agentId: agent.id, agentToken: registered.rawToken, ...this.intervals() };
    } catch (error) {
      if (!(error instanceof RegistrationRejected)) throw error;
      await this.rejections.record(ctx, REGISTER_ROUTE, {
        action: 'agent.registration.rejected',
        actor: { type: 'AGENT', id: null },
        targetType: 'RegistrationToken',
        targetId: error.tokenId,
        result: 'FAILURE',
        message: error.reason,
        metadata: { reason: error.reason, agentCode: dto.agent.code },
      }, error.reason);
      if (error.reason === 'agent_code_taken') {
        throw new DomainError('AGENT_CODE_TAKEN', 'An agent with this code already exists. Re-registering it needs a recovery token bound to its code.', {
          agentCode: dto.agent.code,
        });
      }
      throw new DomainError('REGISTRATION_TOKEN_INVALID', 'Invalid registration token.');
    }
  }

  /** The fast path: liveness (≤ 1 write/s), optional health, contributor fields. */
  async heartbeat(ctx: RequestContext, agent: AgentEntity, dto: HeartbeatDto): Promise<HeartbeatResponse> {
    await this.liveness.heartbeat(ctx, agent);
    if (dto.serviceId && dto.health) await this.reports.heartbeatHealth(ctx, agent, dto.serviceId, dto.health);
    const extra = await this.extensions.collect(agent.id, ctx.nowIso);
    return { ...extra, ...this.intervals() };
  }

  /** Each service in its own short transaction; a refused one (409/413) stops the report. */
  async report(ctx: RequestContext, agent: AgentEntity, dto: ServiceReportDto): Promise<{ services: CapsuleServiceResponse[] }> {
    const codes = new Set<string>();
    for (const s of dto.services) {
      if (codes.has(s.code)) throw new DomainError('VALIDATION_FAILED', 'Duplicate service code in report.', { issues: [{ path: 'services', message: `duplicate code ${s.code}` }] });
      codes.add(s.code);
    }
    const out: CapsuleServiceResponse[] = [];
    const nowMs = ctx.now.getTime();
    for (const s of dto.services) {
      const service = await this.tx.run((em) => this.reports.upsert(ctx, agent, s, em));
      out.push(this.services.toResponse(service, agent, nowMs));
    }
    return { services: out };
  }
}

/** Audit rows of a registration name the agent as actor (REF: actor = the new agent id). */
function asAgent(ctx: RequestContext, agent: AgentEntity): RequestContext {
  return new RequestContext(ctx.requestId, { kind: 'agent', id: agent.id, code: agent.code, tokenId: '' }, ctx.ip, ctx.userAgent, ctx.now);
}
