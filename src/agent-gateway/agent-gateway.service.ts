import { Inject, Injectable, Logger } from '@nestjs/common';
import type {
  HeartbeatRequest,
  HeartbeatResponse,
  RegisterAgentRequest,
  RegisterAgentResponse,
  ServerIntervals,
} from '@opstage/agent-node/protocol';
import type { AgentEntity } from '../agents/agent.entity';
import { AgentCodeTakenError, AgentsService } from '../agents/agents.service';
import { AuditService } from '../audit/audit.service';
import { RejectionAuditSampler } from '../audit/rejection-sampler';
import { ServiceReportService } from '../capsule-services/service-report.service';
import { CommandDispatchService } from '../commands/command-dispatch.service';
import type { PollClient, PollReceiver } from '../commands/parked-poll';
import { RequestContext } from '../common/context/request-context';
import { DomainEvents } from '../common/events/domain-events';
import { DomainError } from '../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { RegistrationTokensService, type TokenRejection } from '../registration-tokens/registration-tokens.service';
import { AgentLivenessService } from './agent-liveness.service';

const REGISTER_ROUTE = '/api/agents/register';

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
 * The agent protocol's use cases that span modules (docs/agents.md): registration (tokens, agents
 * and the first service in one transaction), the heartbeat (liveness, carried health, cancel
 * notices) and the command poll (liveness, then the long-poll). Each answer is built here from the
 * domain services it calls; the other agent routes call their domain service directly.
 */
@Injectable()
export class AgentGatewayService {
  private readonly logger = new Logger('agent-gateway');

  constructor(
    private readonly registrationTokens: RegistrationTokensService,
    private readonly agents: AgentsService,
    private readonly liveness: AgentLivenessService,
    private readonly reports: ServiceReportService,
    private readonly dispatch: CommandDispatchService,
    private readonly audit: AuditService,
    private readonly rejections: RejectionAuditSampler,
    private readonly tx: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: DomainEvents,
  ) {}

  intervals(): ServerIntervals {
    return {
      heartbeatIntervalSeconds: this.config.heartbeatIntervalSeconds,
      commandPollIntervalSeconds: this.config.commandPollIntervalSeconds,
    };
  }

  /**
   * Consumes the token exactly once (conditional UPDATE inside the serialised transaction),
   * creates the agent or recovers it (only with a token bound to its code: no takeover, see
   * docs/agents.md), and stores the optional initial service.
   */
  async register(ctx: RequestContext, dto: RegisterAgentRequest): Promise<RegisterAgentResponse> {
    try {
      const registered = await this.tx.run(async (em) => {
        const check = await this.registrationTokens.check(dto.registrationToken, dto.agent.code, ctx.nowIso, em);
        if (!check.ok) throw new RegistrationRejected(check.reason, check.tokenId);
        const bound = check.token.agentCode === dto.agent.code;
        const result = await this.agents.registerOrRecover(ctx, dto.agent, bound, em).catch((error: unknown) => {
          // Rolled back with the transaction: the token stays usable for a new code.
          throw error instanceof AgentCodeTakenError
            ? new RegistrationRejected('agent_code_taken', check.token.id)
            : error;
        });
        if (!(await this.registrationTokens.consume(check.token.id, result.agent.id, ctx.nowIso, em))) {
          throw new RegistrationRejected('used', check.token.id);
        }
        const agentCtx = asAgent(ctx, result.agent);
        if (dto.service) await this.reports.upsert(agentCtx, result.agent, dto.service, em);
        await this.audit.record(
          agentCtx,
          { action: 'registration_token.consumed', targetType: 'RegistrationToken', targetId: check.token.id },
          em,
        );
        const { agent, created } = result;
        await this.audit.record(
          agentCtx,
          created
            ? {
                action: 'agent.registered',
                targetType: 'Agent',
                targetId: agent.id,
                metadata: { code: agent.code, mode: agent.mode, created, status: agent.status },
              }
            : {
                action: 'agent.recovered',
                targetType: 'Agent',
                targetId: agent.id,
                metadata: {
                  code: agent.code,
                  mode: agent.mode,
                  previousStatus: result.previousStatus,
                  status: agent.status,
                  revokedTokens: result.revokedTokens,
                },
              },
          em,
        );
        return result;
      });
      const { agent } = registered;
      this.events.emit('agent.registered', {
        agentId: agent.id,
        code: agent.code,
        name: agent.name,
        created: registered.created,
        occurredAt: ctx.nowIso,
        requestId: ctx.requestId,
      });
      return { agentId: agent.id, agentToken: registered.rawToken, ...this.intervals() };
    } catch (error) {
      if (!(error instanceof RegistrationRejected)) throw error;
      await this.rejections.record(
        ctx,
        REGISTER_ROUTE,
        {
          action: 'agent.registration.rejected',
          actor: { type: 'AGENT', id: null },
          targetType: 'RegistrationToken',
          targetId: error.tokenId,
          result: 'FAILURE',
          message: error.reason,
          metadata: { reason: error.reason, agentCode: dto.agent.code },
        },
        error.reason,
      );
      if (error.reason === 'agent_code_taken') {
        throw new DomainError(
          'AGENT_CODE_TAKEN',
          'An agent with this code already exists. Re-registering it needs a recovery token bound to its code.',
          {
            agentCode: dto.agent.code,
          },
        );
      }
      throw new DomainError('REGISTRATION_TOKEN_INVALID', 'Invalid registration token.');
    }
  }

  /**
   * The fast path: liveness (at most one batched write per second), the health it may carry, and
   * the cancel notices owed to the agent (`cancelledCommandIds`, docs/actions-and-commands.md,
   * "Cancel and retry"). Agents with no notice cost no query for the last part.
   */
  async heartbeat(ctx: RequestContext, agent: AgentEntity, dto: HeartbeatRequest): Promise<HeartbeatResponse> {
    await this.liveness.heartbeat(ctx, agent);
    if (dto.serviceId && dto.health) await this.reports.heartbeatHealth(ctx, agent, dto.serviceId, dto.health);
    return { cancelledCommandIds: await this.cancelNotices(agent.id, ctx.nowIso), ...this.intervals() };
  }

  /**
   * A poll is a lightweight heartbeat (no heartbeat audit), then the claim or the long-poll; the answer
   * goes to `receiver` (no promise is held while the poll waits, see `ParkedPoll`).
   */
  poll(
    ctx: RequestContext,
    agent: AgentEntity,
    limit: number,
    waitSeconds: number,
    client: PollClient | undefined,
    receiver: PollReceiver,
  ): void {
    this.liveness.touch(ctx, agent).then(
      () => this.dispatch.poll(ctx, agent.id, limit, waitSeconds, client, receiver),
      (error: unknown) => receiver.failed(error),
    );
  }

  /**
   * A failure here must not take the heartbeat (the agent's liveness) down with it: the notices
   * stay owed and go out with the next heartbeat or poll.
   */
  private async cancelNotices(agentId: string, nowIso: string): Promise<string[]> {
    try {
      return await this.dispatch.cancelledIds(agentId, nowIso);
    } catch (error) {
      this.logger.warn({
        msg: 'cancel notices failed',
        agentId,
        error: error instanceof Error ? error.message : String(error),
      });
      return [];
    }
  }
}

/** Audit rows of a registration name the agent as actor (as the reference: actor = the new agent id). */
function asAgent(ctx: RequestContext, agent: AgentEntity): RequestContext {
  return new RequestContext(
    ctx.requestId,
    { kind: 'agent', id: agent.id, code: agent.code, tokenId: '' },
    ctx.ip,
    ctx.userAgent,
    ctx.now,
  );
}
