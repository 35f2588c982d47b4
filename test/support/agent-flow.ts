import type { Server } from 'node:http';
import request from 'supertest';
import type { RegisterAgentRequest, ReportedService } from '../../sdk/src/protocol';
import type { AdminClient } from './http';

/** Typed with the SDK's wire interfaces, so protocol drift breaks these helpers at compile time. */
export function reportedService(code: string, extra: Partial<ReportedService> = {}): ReportedService {
  return {
    code,
    name: `Service ${code}`,
    version: '1.0.0',
    runtime: 'nodejs',
    manifest: {
      kind: 'CapsuleService',
      schemaVersion: '1.0',
      code,
      name: `Service ${code}`,
      version: '1.0.0',
      runtime: 'nodejs',
      agentMode: 'embedded',
    },
    health: { status: 'UP', message: 'ok' },
    configs: [],
    actions: [{ name: 'echo', label: 'Echo', dangerLevel: 'LOW', requiresConfirmation: false }],
    ...extra,
  };
}

export async function createToken(
  admin: AdminClient,
  body: object = { name: 'test token' },
): Promise<{ id: string; token: string }> {
  const res = await admin.post('/api/admin/registration-tokens', body);
  if (res.status !== 200) throw new Error(`token create failed ${res.status} ${JSON.stringify(res.body)}`);
  const data = (res.body as { data: { id: string; token: string } }).data;
  return { id: data.id, token: data.token };
}

export function registerRaw(server: Server, body: RegisterAgentRequest | Record<string, unknown>): request.Test {
  return request(server).post('/api/agents/register').send(body);
}

export async function registerAgent(
  server: Server,
  admin: AdminClient,
  code: string,
  extra: Partial<RegisterAgentRequest> = {},
): Promise<{ agentId: string; agentToken: string; body: Record<string, unknown> }> {
  const { token } = await createToken(admin);
  const body: RegisterAgentRequest = {
    registrationToken: token,
    agent: { code, name: `Agent ${code}`, mode: 'embedded', runtime: 'nodejs' },
    ...extra,
  };
  const res = await registerRaw(server, body);
  if (res.status !== 200) throw new Error(`register failed ${res.status} ${JSON.stringify(res.body)}`);
  const data = (res.body as { data: { agentId: string; agentToken: string } }).data;
  return { agentId: data.agentId, agentToken: data.agentToken, body: res.body as Record<string, unknown> };
}
