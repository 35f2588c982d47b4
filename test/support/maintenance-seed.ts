import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { AgentEntity } from '../../src/agents/agent.entity';
import { AgentTokenEntity } from '../../src/agents/agent-token.entity';
import { AuditEventEntity } from '../../src/audit/audit-event.entity';
import { SessionEntity } from '../../src/auth/session.entity';
import { BusEventEntity } from '../../src/bus/bus-event.entity';
import { CapsuleServiceEntity } from '../../src/capsule-services/capsule-service.entity';
import { HealthReportEntity } from '../../src/capsule-services/health-report.entity';
import { CommandEntity } from '../../src/commands/command.entity';
import { CommandResultEntity } from '../../src/commands/command-result.entity';
import { RegistrationTokenEntity } from '../../src/registration-tokens/registration-token.entity';
import { UserEntity } from '../../src/users/user.entity';
import { DEFAULT_WORKSPACE_ID } from '../../src/workspaces/workspace.entity';
import { TEST_ADMIN } from './create-test-app';
import { loginAs, type AdminClient } from './http';
import type {
  AgentStatus,
  CommandStatus,
  CommandType,
  RegistrationTokenStatus,
  ServiceStoredStatus,
} from '../../src/contracts';

/**
 * Direct row seeding for the maintenance, metrics and backup specs: they test aggregate and
 * retention behaviour over shapes (old rows, odd statuses) that the HTTP API cannot produce
 * quickly, so rows go straight in through the app's own connection.
 */
export class Seeder {
  private n = 0;
  readonly now: number;

  constructor(
    private readonly app: INestApplication,
    nowIso: string,
  ) {
    this.now = Date.parse(nowIso);
  }

  /** ISO instant `ms` before the seeder's "now" (negative = in the future). */
  ago(ms: number): string {
    return new Date(this.now - ms).toISOString();
  }

  private get em(): TransactionRunner['manager'] {
    return this.app.get(TransactionRunner).manager;
  }

  private id(prefix: string): string {
    this.n += 1;
    return `${prefix}_seed${String(this.n).padStart(6, '0')}`;
  }

  async registrationToken(status: RegistrationTokenStatus, expiresAt: string | null): Promise<string> {
    const id = this.id('tok');
    await this.em.insert(RegistrationTokenEntity, {
      id,
      workspaceId: DEFAULT_WORKSPACE_ID,
      name: id,
      tokenHash: `hash-${id}`,
      status,
      agentCode: null,
      agentId: null,
      createdByUserId: null,
      expiresAt,
      usedAt: null,
      revokedAt: null,
      createdAt: this.ago(0),
      updatedAt: this.ago(0),
    });
    return id;
  }

  async agent(status: AgentStatus, lastHeartbeatAt: string | null): Promise<string> {
    const id = this.id('agt');
    await this.em.insert(AgentEntity, {
      id,
      workspaceId: DEFAULT_WORKSPACE_ID,
      code: id,
      name: null,
      mode: 'embedded',
      runtime: null,
      version: null,
      hostname: null,
      sdkVersion: null,
      status,
      lastHeartbeatAt,
      disabledAt: null,
      revokedAt: null,
      createdAt: this.ago(0),
      updatedAt: this.ago(0),
    });
    return id;
  }

  async service(agentId: string, status: ServiceStoredStatus = 'HEALTHY'): Promise<string> {
    const id = this.id('svc');
    await this.em.insert(CapsuleServiceEntity, {
      id,
      workspaceId: DEFAULT_WORKSPACE_ID,
      agentId,
      code: id,
      name: id,
      description: null,
      version: null,
      runtime: null,
      status,
      healthStatus: status === 'HEALTHY' ? 'UP' : 'UNKNOWN',
      healthMessage: null,
      manifestJson: '{}',
      capabilitiesJson: '[]',
      eventsJson: '[]',
      reportFingerprint: null,
      lastReportedAt: this.ago(0),
      lastHealthAt: this.ago(0),
      createdAt: this.ago(0),
      updatedAt: this.ago(0),
    });
    return id;
  }

  async command(input: {
    agentId: string;
    serviceId: string;
    status: CommandStatus;
    type?: CommandType;
    createdAt?: string;
    startedAt?: string | null;
    completedAt?: string | null;
    expiresAt?: string | null;
    errorCode?: string | null;
    errorMessage?: string | null;
    sealedPayload?: string | null;
    payloadJson?: string;
  }): Promise<string> {
    const id = this.id('cmd');
    const createdAt = input.createdAt ?? this.ago(0);
    await this.em.insert(CommandEntity, {
      id,
      workspaceId: DEFAULT_WORKSPACE_ID,
      agentId: input.agentId,
      serviceId: input.serviceId,
      type: input.type ?? 'ACTION_EXECUTE',
      actionName: 'restart',
      status: input.status,
      payloadJson: input.payloadJson ?? '{}',
      sealedPayload: input.sealedPayload ?? null,
      createdByUserId: null,
      createdByType: 'USER',
      createdById: null,
      retryOfCommandId: null,
      errorCode: input.errorCode ?? null,
      errorMessage: input.errorMessage ?? null,
      createdAt,
      updatedAt: input.completedAt ?? createdAt,
      startedAt: input.startedAt ?? null,
      completedAt: input.completedAt ?? null,
      expiresAt: input.expiresAt ?? null,
      cancelNotifiedAt: null,
    });
    return id;
  }

  async result(commandId: string, agentId: string, sealed?: { data: string; expiresAt: string }): Promise<string> {
    const id = this.id('crs');
    await this.em.insert(CommandResultEntity, {
      id,
      commandId,
      agentId,
      success: true,
      message: null,
      dataJson: '{}',
      errorJson: '{}',
      sealedData: sealed?.data ?? null,
      sealedExpiresAt: sealed?.expiresAt ?? null,
      revealedAt: null,
      revealedByUserId: null,
      durationMs: null,
      startedAt: null,
      finishedAt: null,
      reportedAt: this.ago(0),
      createdAt: this.ago(0),
    });
    return id;
  }

  async audit(action: string, createdAt: string): Promise<string> {
    const id = this.id('aud');
    await this.em.insert(AuditEventEntity, {
      id,
      workspaceId: DEFAULT_WORKSPACE_ID,
      actorType: 'SYSTEM',
      actorId: null,
      action,
      targetType: null,
      targetId: null,
      result: 'SUCCESS',
      message: null,
      ipAddress: null,
      userAgent: null,
      metadataJson: '{}',
      createdAt,
    });
    return id;
  }

  async healthReports(serviceId: string, agentId: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = this.id('hlr');
      // Oldest first: report i is (count - i) minutes old.
      await this.em.insert(HealthReportEntity, {
        id,
        workspaceId: DEFAULT_WORKSPACE_ID,
        serviceId,
        agentId,
        status: 'UP',
        message: null,
        detailsJson: '{}',
        reportedAt: this.ago((count - i) * 60_000),
        createdAt: this.ago((count - i) * 60_000),
      });
      ids.push(id);
    }
    return ids;
  }

  async session(expiresAt: string): Promise<string> {
    const owner = await this.em.findOneOrFail(UserEntity, { where: { username: TEST_ADMIN.username } });
    const id = this.id('ses');
    await this.em.insert(SessionEntity, {
      id,
      userId: owner.id,
      idHash: `hash-${id}`,
      expiresAt,
      ipAddress: null,
      userAgent: null,
      createdAt: this.ago(0),
    });
    return id;
  }

  async agentToken(agentId: string, status: 'ACTIVE' | 'REVOKED', revokedAt: string | null): Promise<string> {
    const id = this.id('tok');
    await this.em.insert(AgentTokenEntity, {
      id,
      agentId,
      tokenHash: `hash-${id}`,
      name: null,
      status,
      lastUsedAt: null,
      revokedAt,
      createdAt: this.ago(0),
      updatedAt: this.ago(0),
    });
    return id;
  }

  async busEvent(agentId: string, acceptedAt: string): Promise<string> {
    const id = this.id('bev');
    await this.em.insert(BusEventEntity, {
      id,
      workspaceId: DEFAULT_WORKSPACE_ID,
      agentId,
      serviceId: null,
      serviceCode: 'svc',
      eventType: 'x.happened',
      payloadJson: '{}',
      metadataJson: '{}',
      correlationId: null,
      causationId: null,
      depth: 0,
      occurredAt: acceptedAt,
      acceptedAt,
      routeCount: 0,
    });
    return id;
  }

  /** Reads one table's rows (assertions only). */
  rows<T extends object>(entity: new () => T): Promise<T[]> {
    return this.em.find(entity);
  }

  findOne<T extends object>(entity: new () => T, id: string): Promise<T | null> {
    return this.em.findOne(entity, { where: { id } as never });
  }
}

/** Creates a user with the role through the owner's API and logs in as them. */
export async function loginWithRole(
  server: Server,
  owner: AdminClient,
  role: 'viewer' | 'operator' | 'owner',
  username = `${role}-user`,
): Promise<AdminClient> {
  const password = `${role}-password-123456`;
  const res = await owner.post('/api/admin/users', { username, password, role });
  if (res.status !== 200) throw new Error(`create user failed: ${res.status} ${JSON.stringify(res.body)}`);
  return loginAs(server, username, password);
}
