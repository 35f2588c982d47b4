import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import type { AgentEntity } from '../agents/agent.entity';
import { AgentsService } from '../agents/agents.service';
import { RejectionAuditSampler } from '../audit/rejection-sampler';
import { BusIngestService } from '../bus/bus-ingest.service';
import { ServiceReportService } from '../capsule-services/service-report.service';
import { CommandResultsService } from '../commands/command-results.service';
import { AgentAuthenticator, ApiTokenAuthenticator, SessionAuthenticator } from '../common/auth/authenticators';
import { PolicyGuard } from '../common/auth/policy.guard';
import { StorageGuard } from '../database/storage-guard';
import { ReadBarrier } from '../common/consistency/read-barrier';
import { CryptoRandomSource } from '../common/crypto/random-source';
import { TokenService } from '../common/crypto/token-service';
import { AllExceptionsFilter } from '../common/errors/all-exceptions.filter';
import { unauthorized } from '../common/errors/domain-error';
import { validationExceptionFactory } from '../common/errors/validation-exception.factory';
import { EnvelopeExpressAdapter } from '../common/http/envelope';
import { Clock, FixedClock } from '../common/time/clock';
import { APP_CONFIG } from '../config/app-config';
import { TokenAgentAuthenticator } from './agent-authenticator';
import { AgentBusController } from './agent-bus.controller';
import { AgentCommandsController } from './agent-commands.controller';
import { ResponsePollClient } from '../commands/http-helpers';
import type { PollReceiver, PollResult } from '../commands/parked-poll';
import { AgentGatewayController } from './agent-gateway.controller';
import { AgentGatewayService } from './agent-gateway.service';
import { LivenessWriter } from './liveness-writer';

/**
 * Per-route specs of the agent API: a small Nest app with the gateway's controllers, the real
 * policy guard, agent authenticator, validation pipe, error filter and envelope, over faked
 * services. What each route promises at the HTTP edge: who may call it, what it refuses as
 * invalid, and the envelope it answers with. The behaviour behind the services is covered by the
 * e2e suites on a real database (test/agents.e2e-spec.ts, test/commands.e2e-spec.ts...).
 */
const AGENT_ID = 'agt_01JABCDEFGHJKMNPQRSTVWXYZ0';
const OTHER_ID = 'agt_01JZZZZZZZZZZZZZZZZZZZZZZ0';
const TOKEN = 'opstage_agent_good';
const agent: AgentEntity = {
  id: AGENT_ID,
  workspaceId: 'wks_default',
  code: 'edge-1',
  name: 'edge-1',
  mode: 'embedded',
  runtime: null,
  version: null,
  hostname: null,
  sdkVersion: null,
  status: 'ONLINE',
  lastHeartbeatAt: null,
  heartbeatAuditAt: null,
  disabledAt: null,
  revokedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const intervals = { heartbeatIntervalSeconds: 30, commandPollIntervalSeconds: 5 };

describe('agent gateway routes', () => {
  let app: INestApplication<App>;
  const tokens = new TokenService(new CryptoRandomSource());
  const gateway = {
    register: jest.fn(),
    heartbeat: jest.fn(),
    poll: jest.fn(),
  };
  const reports = { report: jest.fn() };
  const results = { report: jest.fn() };
  const ingest = { publish: jest.fn() };
  /** The bus feature flag, read by the real BusEnabledGuard. */
  const config = { busEnabled: true };
  const rejections = { record: jest.fn() };
  let agentStatus: AgentEntity['status'];

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [AgentGatewayController, AgentCommandsController, AgentBusController],
      providers: [
        { provide: AgentGatewayService, useValue: gateway },
        { provide: ServiceReportService, useValue: reports },
        { provide: CommandResultsService, useValue: results },
        { provide: BusIngestService, useValue: ingest },
        { provide: APP_CONFIG, useValue: config },
        {
          provide: AgentsService,
          useValue: {
            findActiveToken: (hash: string) =>
              Promise.resolve(
                hash === tokens.hash(TOKEN)
                  ? { tokenId: 'atk_1', tokenLastUsedAt: null, agent: { ...agent, status: agentStatus } }
                  : null,
              ),
          },
        },
        { provide: TokenService, useValue: tokens },
        { provide: RejectionAuditSampler, useValue: rejections },
        { provide: LivenessWriter, useValue: { tokenUsed: jest.fn() } },
        { provide: Clock, useValue: new FixedClock('2026-03-01T00:00:00.000Z') },
        { provide: AgentAuthenticator, useClass: TokenAgentAuthenticator },
        {
          provide: SessionAuthenticator,
          useValue: { authenticate: () => Promise.reject(unauthorized()), verifyCsrf: () => Promise.resolve() },
        },
        {
          provide: ApiTokenAuthenticator,
          useValue: { presents: () => false, authenticate: () => Promise.reject(unauthorized()) },
        },
        { provide: ReadBarrier, useValue: { settle: () => Promise.resolve() } },
        // The filter asks it whether a database error means a full disk; these routes never hit one.
        { provide: StorageGuard, useValue: { refusedWrite: jest.fn() } },
        { provide: APP_GUARD, useClass: PolicyGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            whitelist: true,
            forbidNonWhitelisted: true,
            transform: true,
            exceptionFactory: validationExceptionFactory,
          }),
        },
      ],
    }).compile();
    app = moduleRef.createNestApplication(new EnvelopeExpressAdapter(), { logger: false });
    await app.init();
  });

  afterAll(() => app.close());

  beforeEach(() => {
    jest.clearAllMocks();
    agentStatus = 'ONLINE';
    config.busEnabled = true;
  });

  const http = () => request(app.getHttpServer());
  const bearer = { Authorization: `Bearer ${TOKEN}` };

  /** Every authenticated agent route refuses a request without a token, with a bad one, and with another agent's id. */
  const authenticated: {
    name: string;
    send: (agentId: string, headers: Record<string, string>) => request.Test;
    service: jest.Mock;
  }[] = [
    {
      name: 'POST /heartbeat',
      send: (id, h) => http().post(`/api/agents/${id}/heartbeat`).set(h).send({}),
      service: gateway.heartbeat,
    },
    {
      name: 'POST /services/report',
      send: (id, h) => http().post(`/api/agents/${id}/services/report`).set(h).send({ services: [] }),
      service: reports.report,
    },
    { name: 'GET /commands', send: (id, h) => http().get(`/api/agents/${id}/commands`).set(h), service: gateway.poll },
    {
      name: 'POST /commands/:id/result',
      send: (id, h) => http().post(`/api/agents/${id}/commands/cmd_1/result`).set(h).send({ success: true }),
      service: results.report,
    },
    {
      name: 'POST /bus/events',
      send: (id, h) =>
        http().post(`/api/agents/${id}/bus/events`).set(h).send({ eventType: 'x', sourceServiceCode: 'y' }),
      service: ingest.publish,
    },
  ];

  describe.each(authenticated)('$name', ({ send, service }) => {
    it('requires a bearer token (401 UNAUTHORIZED, audited, the service is not called)', async () => {
      const res = await send(AGENT_ID, {}).expect(401);
      expect(res.body).toMatchObject({ success: false, error: { code: 'UNAUTHORIZED' } });
      expect(rejections.record).toHaveBeenCalledTimes(1);
      expect(service).not.toHaveBeenCalled();
    });

    it('refuses an unknown token and the token of another agent (401)', async () => {
      await send(AGENT_ID, { Authorization: 'Bearer opstage_agent_unknown' }).expect(401);
      await send(OTHER_ID, bearer).expect(401);
      expect(service).not.toHaveBeenCalled();
    });

    it('refuses a disabled agent with 403 AGENT_DISABLED', async () => {
      agentStatus = 'DISABLED';
      const res = await send(AGENT_ID, bearer);
      expect({ status: res.status, code: (res.body as { error?: { code?: string } }).error?.code }).toEqual({
        status: 403,
        code: 'AGENT_DISABLED',
      });
      expect(service).not.toHaveBeenCalled();
    });
  });

  describe('POST /api/agents/register', () => {
    const body = { registrationToken: 'opstage_reg_abc', agent: { code: 'edge-1' } };

    it('is public and answers in the envelope', async () => {
      gateway.register.mockResolvedValue({ agentId: AGENT_ID, agentToken: TOKEN, ...intervals });
      const res = await http().post('/api/agents/register').send(body).expect(200);
      expect(res.body).toEqual({ success: true, data: { agentId: AGENT_ID, agentToken: TOKEN, ...intervals } });
      expect(gateway.register).toHaveBeenCalledWith(expect.anything(), expect.objectContaining(body));
    });

    it.each([
      ['a token without the registration prefix', { ...body, registrationToken: 'abc' }, 'registrationToken'],
      ['a missing agent', { registrationToken: 'opstage_reg_abc' }, 'agent'],
      ['an agent code that is not a code', { ...body, agent: { code: 'Not A Code' } }, 'agent.code'],
      ['an unknown field', { ...body, extra: 1 }, 'extra'],
    ])('rejects %s with 422 VALIDATION_FAILED naming the path', async (_name, sent, path) => {
      const res = await http().post('/api/agents/register').send(sent).expect(422);
      expect(res.body).toMatchObject({ success: false, error: { code: 'VALIDATION_FAILED' } });
      expect(JSON.stringify(res.body)).toContain(`"path":"${path}"`);
      expect(gateway.register).not.toHaveBeenCalled();
    });
  });

  describe('POST /api/agents/:agentId/heartbeat', () => {
    it('passes the authenticated agent and answers with the heartbeat response in the envelope', async () => {
      gateway.heartbeat.mockResolvedValue({ cancelledCommandIds: [], ...intervals });
      const res = await http()
        .post(`/api/agents/${AGENT_ID}/heartbeat`)
        .set(bearer)
        .send({ serviceId: 'svc_1', health: { status: 'UP' } })
        .expect(200);
      expect(res.body).toEqual({ success: true, data: { cancelledCommandIds: [], ...intervals } });
      const [, passedAgent, dto] = gateway.heartbeat.mock.calls[0] as [unknown, AgentEntity, unknown];
      expect(passedAgent.id).toBe(AGENT_ID);
      expect(dto).toEqual({ serviceId: 'svc_1', health: { status: 'UP' } });
    });

    it('rejects a health status outside UP/DEGRADED/DOWN/UNKNOWN (422)', async () => {
      await http()
        .post(`/api/agents/${AGENT_ID}/heartbeat`)
        .set(bearer)
        .send({ health: { status: 'GREEN' } })
        .expect(422);
      expect(gateway.heartbeat).not.toHaveBeenCalled();
    });
  });

  describe('POST /api/agents/:agentId/services/report', () => {
    it('rejects an empty service list (422)', async () => {
      await http().post(`/api/agents/${AGENT_ID}/services/report`).set(bearer).send({ services: [] }).expect(422);
      expect(reports.report).not.toHaveBeenCalled();
    });

    it('hands the services to the report service and answers with what it stored', async () => {
      reports.report.mockResolvedValue({ services: [{ id: 'svc_1' }] });
      const service = { code: 'orders', name: 'Orders', manifest: {} };
      const res = await http()
        .post(`/api/agents/${AGENT_ID}/services/report`)
        .set(bearer)
        .send({ services: [service] })
        .expect(200);
      expect(res.body).toEqual({ success: true, data: { services: [{ id: 'svc_1' }] } });
      expect(reports.report).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ id: AGENT_ID }), [
        service,
      ]);
    });
  });

  describe('GET /api/agents/:agentId/commands', () => {
    /** The gateway answers a poll through its receiver (the sixth argument). */
    const answerPolls = (result: { commands: unknown[]; cancelledCommandIds: string[] }): void =>
      void gateway.poll.mockImplementation((...args: unknown[]) =>
        (args[5] as PollReceiver).polled(result as PollResult),
      );

    it('defaults to limit 10 and no wait, and puts cancelledCommandIds beside data', async () => {
      answerPolls({ commands: [{ id: 'cmd_1' }], cancelledCommandIds: ['cmd_0'] });
      const res = await http().get(`/api/agents/${AGENT_ID}/commands`).set(bearer).expect(200);
      expect(res.body).toEqual({ success: true, data: [{ id: 'cmd_1' }], cancelledCommandIds: ['cmd_0'] });
      expect(gateway.poll).toHaveBeenCalledWith(
        expect.anything(),
        expect.objectContaining({ id: AGENT_ID }),
        10,
        0,
        expect.any(ResponsePollClient),
        expect.anything(),
      );
    });

    it('clamps a limit above 10 and takes waitSeconds', async () => {
      answerPolls({ commands: [], cancelledCommandIds: [] });
      await http().get(`/api/agents/${AGENT_ID}/commands?limit=20&waitSeconds=5`).set(bearer).expect(200);
      expect(gateway.poll).toHaveBeenCalledWith(
        expect.anything(),
        expect.anything(),
        10,
        5,
        expect.any(ResponsePollClient),
        expect.anything(),
      );
    });

    it('renders a failed poll as the exception filter does', async () => {
      gateway.poll.mockImplementation((...args: unknown[]) => (args[5] as PollReceiver).failed(new Error('db down')));
      const res = await http().get(`/api/agents/${AGENT_ID}/commands`).set(bearer).expect(500);
      expect(res.body).toMatchObject({ success: false, error: { code: 'INTERNAL_ERROR' } });
    });

    it.each(['limit=0', 'limit=1.5', 'waitSeconds=31', 'waitSeconds=abc'])('rejects %s (422)', async (query) => {
      await http().get(`/api/agents/${AGENT_ID}/commands?${query}`).set(bearer).expect(422);
      expect(gateway.poll).not.toHaveBeenCalled();
    });
  });

  describe('POST /api/agents/:agentId/commands/:commandId/result', () => {
    it('requires success as a boolean (422)', async () => {
      await http()
        .post(`/api/agents/${AGENT_ID}/commands/cmd_1/result`)
        .set(bearer)
        .send({ success: 'yes' })
        .expect(422);
      expect(results.report).not.toHaveBeenCalled();
    });

    it('reports for the path agent and command and answers in the envelope', async () => {
      results.report.mockResolvedValue({ commandId: 'cmd_1', status: 'SUCCEEDED' });
      const res = await http()
        .post(`/api/agents/${AGENT_ID}/commands/cmd_1/result`)
        .set(bearer)
        .send({ success: true, data: { ok: 1 } })
        .expect(200);
      expect(res.body).toEqual({ success: true, data: { commandId: 'cmd_1', status: 'SUCCEEDED' } });
      expect(results.report).toHaveBeenCalledWith(expect.anything(), AGENT_ID, 'cmd_1', {
        success: true,
        data: { ok: 1 },
      });
    });
  });

  describe('POST /api/agents/:agentId/bus/events', () => {
    it('is 404 CAPSULE_BUS_DISABLED while the feature flag is off (after authentication; the service is not called)', async () => {
      config.busEnabled = false;
      const res = await http()
        .post(`/api/agents/${AGENT_ID}/bus/events`)
        .set(bearer)
        .send({ eventType: 'x', sourceServiceCode: 'y' })
        .expect(404);
      expect(res.body).toMatchObject({ success: false, error: { code: 'CAPSULE_BUS_DISABLED' } });
      await http()
        .post(`/api/agents/${AGENT_ID}/bus/events`)
        .send({ eventType: 'x', sourceServiceCode: 'y' })
        .expect(401);
      expect(ingest.publish).not.toHaveBeenCalled();
    });

    it('publishes for the authenticated agent', async () => {
      ingest.publish.mockResolvedValue({ eventId: 'bev_1', routed: [] });
      const res = await http()
        .post(`/api/agents/${AGENT_ID}/bus/events`)
        .set(bearer)
        .send({ eventType: 'order.created', sourceServiceCode: 'orders' })
        .expect(200);
      expect(res.body).toEqual({ success: true, data: { eventId: 'bev_1', routed: [] } });
      expect(ingest.publish).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ id: AGENT_ID }), {
        eventType: 'order.created',
        sourceServiceCode: 'orders',
      });
    });
  });
});
