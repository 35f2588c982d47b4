import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import { AgentEntity } from '../../src/agents/agent.entity';
import { AgentTokenEntity } from '../../src/agents/agent-token.entity';
import { ActionDefinitionEntity } from '../../src/capsule-services/action-definition.entity';
import { CapsuleServiceEntity } from '../../src/capsule-services/capsule-service.entity';
import { TokenService } from '../../src/common/crypto/token-service';
import { IdGenerator } from '../../src/common/ids/id-generator';
import { DEFAULT_WORKSPACE_ID } from '../../src/workspaces/workspace.entity';
import request from 'supertest';
import { asAgent, loginAs, type AdminClient } from './http';
import type { AgentStatus, DangerLevel } from '../../src/contracts';

export interface SeedAction {
  name: string;
  label?: string;
  dangerLevel?: DangerLevel;
  requiresConfirmation?: boolean;
  inputSchema?: Record<string, unknown>;
  timeoutSeconds?: number | null;
  enabled?: boolean;
  /** Default null: the agent did not say, so prepare asks it (as with agents predating the field). */
  hasPrepare?: boolean | null;
}

export interface SeededAgent {
  agentId: string;
  token: string;
  serviceId: string;
  serviceCode: string;
}

export interface SeedOptions {
  code?: string;
  status?: AgentStatus;
  /** ISO time of the last heartbeat; `null` = never; default now. */
  lastHeartbeatAt?: string | null;
  actions?: SeedAction[];
}

/**
 * Seeds an agent with an ACTIVE token and one service with an action catalog, straight into
 * the app's database. Used where the registration flow is not the subject of the test.
 */
export async function seedAgentWithService(app: INestApplication, options: SeedOptions = {}): Promise<SeededAgent> {
  const ds = app.get(DataSource);
  const ids = app.get(IdGenerator);
  const tokens = app.get(TokenService);
  const now = new Date().toISOString();
  const agentId = ids.next('agt');
  const code = options.code ?? `agent-${agentId.slice(-6).toLowerCase()}`;
  await ds.getRepository(AgentEntity).insert({
    id: agentId,
    workspaceId: DEFAULT_WORKSPACE_ID,
    code,
    name: code,
    mode: 'embedded',
    runtime: 'node',
    version: null,
    hostname: null,
    sdkVersion: null,
    status: options.status ?? 'ONLINE',
    lastHeartbeatAt: options.lastHeartbeatAt === undefined ? now : options.lastHeartbeatAt,
    disabledAt: null,
    revokedAt: null,
    createdAt: now,
    updatedAt: now,
  });
  const token = tokens.generate('opstage_agent_');
  await ds.getRepository(AgentTokenEntity).insert({
    id: ids.next('tok'),
    agentId,
    tokenHash: tokens.hash(token),
    name: null,
    status: 'ACTIVE',
    lastUsedAt: null,
    revokedAt: null,
    createdAt: now,
    updatedAt: now,
  });
  const serviceId = ids.next('svc');
  const serviceCode = `svc-${code}`;
  await ds.getRepository(CapsuleServiceEntity).insert({
    id: serviceId,
    workspaceId: DEFAULT_WORKSPACE_ID,
    agentId,
    code: serviceCode,
    name: serviceCode,
    description: null,
    version: '1.0.0',
    runtime: 'node',
    status: 'HEALTHY',
    healthStatus: 'UP',
    healthMessage: null,
    manifestJson: '{}',
    capabilitiesJson: '[]',
    eventsJson: '[]',
    reportFingerprint: null,
    lastReportedAt: now,
    lastHealthAt: now,
    createdAt: now,
    updatedAt: now,
  });
  for (const a of options.actions ?? [{ name: 'ping' }]) {
    await ds.getRepository(ActionDefinitionEntity).insert({
      id: ids.next('act'),
      workspaceId: DEFAULT_WORKSPACE_ID,
      serviceId,
      name: a.name,
      label: a.label ?? a.name,
      description: null,
      dangerLevel: a.dangerLevel ?? 'LOW',
      requiresConfirmation: a.requiresConfirmation ?? false,
      inputSchemaJson: JSON.stringify(a.inputSchema ?? {}),
      resultSchemaJson: '{}',
      timeoutSeconds: a.timeoutSeconds ?? null,
      enabled: a.enabled ?? true,
      hasPrepare: a.hasPrepare ?? null,
      metadataJson: '{}',
      createdAt: now,
      updatedAt: now,
    });
  }
  return { agentId, token, serviceId, serviceCode };
}

/** Patches an agent row (gating tests). */
export async function updateAgent(app: INestApplication, agentId: string, patch: Partial<AgentEntity>): Promise<void> {
  await app.get(DataSource).getRepository(AgentEntity).update({ id: agentId }, patch);
}

/** Creates a user with the given role through the owner and logs in as them. */
export async function userWithRole(
  server: Server,
  owner: AdminClient,
  username: string,
  role: 'viewer' | 'operator' | 'owner',
): Promise<AdminClient> {
  const password = `${username}-password-123`;
  const res = await owner.post('/api/admin/users', { username, password, role });
  if (res.status !== 200) throw new Error(`create user failed: ${res.status} ${JSON.stringify(res.body)}`);
  return loginAs(server, username, password);
}

/**
 * The real registration flow over HTTP: an admin creates a registration token, the agent
 * registers, reports one service with the given catalog, and sends a heartbeat.
 */
export async function registerAgent(
  server: Server,
  owner: AdminClient,
  code: string,
  actions: object[],
): Promise<SeededAgent> {
  const tokenRes = await owner.post('/api/admin/registration-tokens', { name: `token for ${code}` });
  if (tokenRes.status !== 200)
    throw new Error(`token create failed: ${tokenRes.status} ${JSON.stringify(tokenRes.body)}`);
  const registrationToken = (tokenRes.body as { data: { token: string } }).data.token;
  const reg = await request(server)
    .post('/api/agents/register')
    .send({ registrationToken, agent: { code, name: code, runtime: 'node' } });
  if (reg.status !== 200) throw new Error(`register failed: ${reg.status} ${JSON.stringify(reg.body)}`);
  const { agentId, agentToken } = (reg.body as { data: { agentId: string; agentToken: string } }).data;
  const agent = asAgent(server, agentToken);
  const serviceCode = `svc-${code}`;
  const rep = await agent.post(`/api/agents/${agentId}/services/report`, {
    services: [
      {
        code: serviceCode,
        name: serviceCode,
        version: '1.0.0',
        manifest: { kind: 'test' },
        health: { status: 'UP' },
        actions,
      },
    ],
  });
  if (rep.status !== 200) throw new Error(`report failed: ${rep.status} ${JSON.stringify(rep.body)}`);
  const serviceId = (rep.body as { data: { services: { id: string }[] } }).data.services[0]!.id;
  const hb = await agent.post(`/api/agents/${agentId}/heartbeat`, {});
  if (hb.status !== 200) throw new Error(`heartbeat failed: ${hb.status} ${JSON.stringify(hb.body)}`);
  return { agentId, token: agentToken, serviceId, serviceCode };
}
