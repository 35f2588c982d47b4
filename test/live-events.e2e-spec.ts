import { EventEmitter2 } from '@nestjs/event-emitter';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { LiveEventHub } from '../src/live-events/live-event-hub';
import { LiveStreams } from '../src/live-events/live-streams';
import { createTestApp, TEST_ADMIN, type TestApp } from './support/create-test-app';
import { asAgent, loginAs, type AdminClient } from './support/http';
import { seedAgentWithService, userWithRole, type SeededAgent } from './support/seed';
import { waitFor } from './support/wait';

interface WireEvent {
  id: string;
  type: string;
  topics: string[];
  ids: string[];
  at: string;
  data?: Record<string, unknown>;
}

interface Stream {
  status: number;
  headers: http.IncomingHttpHeaders;
  raw: () => string;
  events: () => WireEvent[];
  named: (name: string) => boolean;
  closed: () => boolean;
  close: () => void;
}

/** Opens the SSE stream with a session cookie over a real socket and parses what arrives. */
function openStream(t: TestApp, cookie: string, lastEventId?: string): Promise<Stream> {
  const { port } = t.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { cookie, accept: 'text/event-stream' };
    if (lastEventId) headers['last-event-id'] = lastEventId;
    const req = http.get({ host: '127.0.0.1', port, path: '/api/admin/events/stream', headers }, (res) => {
      let raw = '';
      let ended = false;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (raw += chunk));
      res.on('end', () => (ended = true));
      res.on('close', () => (ended = true));
      const blocks = (): string[] => raw.split('\n\n').filter((b) => b.trim() !== '');
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        raw: () => raw,
        events: () =>
          blocks()
            .filter((b) => !b.includes('event:'))
            .map((b) => b.split('\n').find((l) => l.startsWith('data: ')))
            .filter((l): l is string => l !== undefined)
            .map((l) => JSON.parse(l.slice('data: '.length)) as WireEvent),
        named: (name) => blocks().some((b) => b.split('\n').includes(`event: ${name}`)),
        closed: () => ended,
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

async function cookieOf(t: TestApp, username: string, password: string): Promise<string> {
  const res = await request(t.server).post('/api/admin/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login ${res.status}`);
  const setCookie = res.headers['set-cookie'] as unknown as string[];
  return setCookie.map((c) => c.split(';')[0]).join('; ');
}

describe('live events: GET /api/admin/events/stream', () => {
  let t: TestApp;
  let owner: AdminClient;
  let ownerCookie: string;
  let viewerCookie: string;
  let a: SeededAgent;
  const open: Stream[] = [];
  const stream = async (cookie: string, lastEventId?: string): Promise<Stream> => {
    const s = await openStream(t, cookie, lastEventId);
    open.push(s);
    return s;
  };

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    owner = await loginAs(t.server);
    ownerCookie = await cookieOf(t, TEST_ADMIN.username, TEST_ADMIN.password);
    await userWithRole(t.server, owner, 'live-viewer', 'viewer');
    viewerCookie = await cookieOf(t, 'live-viewer', 'live-viewer-password-123');
    a = await seedAgentWithService(t.app, { code: 'live-agent' });
  });
  afterEach(async () => {
    for (const s of open.splice(0)) s.close();
    await waitFor(() => t.app.get(LiveEventHub).size === 0, 2000, 'streams closed');
  });
  afterAll(() => t.close());

  it('needs a session (401 in the JSON envelope), then streams with SSE headers outside the envelope', async () => {
    const anonymous = await request(t.server).get('/api/admin/events/stream');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ success: false, error: { code: 'UNAUTHORIZED' } });

    const s = await stream(ownerCookie);
    expect(s.status).toBe(200);
    expect(s.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(s.headers['cache-control']).toContain('no-cache');
    expect(s.headers['x-accel-buffering']).toBe('no');
    await waitFor(() => s.raw().startsWith('retry: '), 2000, 'retry line');
    expect(s.raw()).not.toContain('"success"');
  });

  it('sends a change within moments of the commit: agent disabled, service health changed', async () => {
    const s = await stream(ownerCookie);
    await waitFor(() => s.raw().startsWith('retry: '), 2000, 'connected');
    await owner.post(`/api/admin/agents/${a.agentId}/disable`).expect(200);
    const disabled = await waitFor(
      () => s.events().find((e) => e.type === 'audit' && e.data?.action === 'agent.disabled'),
      2000,
      'agent.disabled',
    );
    expect(disabled.topics).toEqual(expect.arrayContaining(['agents', 'services', 'audit']));
    expect(disabled.ids).toEqual([a.agentId]);
    expect(disabled.id).toMatch(/^[0-9a-f]+-\d+$/);
    await owner.post(`/api/admin/agents/${a.agentId}/enable`).expect(200);

    await asAgent(t.server, a.token)
      .post(`/api/agents/${a.agentId}/heartbeat`, {
        serviceId: a.serviceId,
        health: { status: 'DOWN', message: 'disk full' },
      })
      .expect(200);
    const health = await waitFor(
      () => s.events().find((e) => e.type === 'service.health.changed'),
      2000,
      'health change',
    );
    expect(health).toMatchObject({
      topics: expect.arrayContaining(['services']),
      data: { serviceId: a.serviceId, from: 'UP', to: 'DOWN', message: 'disk full' },
    });
  });

  it('filters by role: user administration reaches owners, not viewers', async () => {
    const asOwner = await stream(ownerCookie);
    const asViewer = await stream(viewerCookie);
    await waitFor(() => asOwner.raw().startsWith('retry: ') && asViewer.raw().startsWith('retry: '), 2000, 'connected');
    await owner
      .post('/api/admin/users', { username: 'live-new-user', password: 'live-new-user-password', role: 'viewer' })
      .expect(200);
    await owner.post('/api/admin/registration-tokens', { name: 'live-token' }).expect(200);
    await waitFor(
      () => asViewer.events().some((e) => e.data?.action === 'registration_token.created'),
      2000,
      'viewer sees the token change',
    );
    await waitFor(
      () => asOwner.events().some((e) => e.data?.action === 'registration_token.created'),
      2000,
      'owner sees the token change',
    );
    expect(asOwner.events().some((e) => e.data?.action === 'user.created')).toBe(true);
    expect(asViewer.events().some((e) => e.data?.action === 'user.created')).toBe(false);
  });

  it('resumes after Last-Event-ID from the ring; an unknown id gets `event: reset`', async () => {
    const keeper = await stream(ownerCookie);
    const first = await stream(ownerCookie);
    await waitFor(() => keeper.raw().startsWith('retry: ') && first.raw().startsWith('retry: '), 2000, 'connected');
    await owner.post('/api/admin/registration-tokens', { name: 'resume-1' }).expect(200);
    const seen = await waitFor(
      () => first.events().find((e) => e.data?.action === 'registration_token.created'),
      2000,
      'first event',
    );
    first.close();
    await owner.post('/api/admin/registration-tokens', { name: 'resume-2' }).expect(200);
    await owner.post(`/api/admin/agents/${a.agentId}/disable`).expect(200);
    await waitFor(() => keeper.events().some((e) => e.data?.action === 'agent.disabled'), 2000, 'keeper got both');
    const again = await stream(ownerCookie, seen.id);
    const missed = await waitFor(() => (again.events().length >= 2 ? again.events() : false), 2000, 'replayed');
    expect(missed.map((e) => e.data?.action)).toEqual(['registration_token.created', 'agent.disabled']);
    expect(missed.some((e) => e.id === seen.id)).toBe(false);
    await owner.post(`/api/admin/agents/${a.agentId}/enable`).expect(200);

    const stale = await stream(ownerCookie, 'deadbeef-1');
    await waitFor(() => stale.named('reset'), 2000, 'reset');
  });

  it('costs nothing while nobody watches: no hub subscription and no domain-event listener', async () => {
    const emitter = t.app.get(EventEmitter2);
    expect(t.app.get(LiveEventHub).size).toBe(0);
    expect(emitter.listenerCount('audit.recorded')).toBe(0);
    const s = await stream(ownerCookie);
    await waitFor(() => s.raw().startsWith('retry: '), 2000, 'connected');
    expect(emitter.listenerCount('audit.recorded')).toBe(1);
    s.close();
    await waitFor(() => emitter.listenerCount('audit.recorded') === 0, 2000, 'listener removed');
  });

  it('sends keepalive comments and ends the stream when the session ends', async () => {
    const streams = t.app.get(LiveStreams);
    streams.keepaliveMs = 100;
    try {
      const cookie = await cookieOf(t, TEST_ADMIN.username, TEST_ADMIN.password);
      const s = await stream(cookie);
      await waitFor(() => s.raw().includes(': keepalive'), 2000, 'keepalive');
      const csrf = (await request(t.server).get('/api/admin/auth/me').set('cookie', cookie)).body.data
        .csrfToken as string;
      await request(t.server)
        .post('/api/admin/auth/logout')
        .set('cookie', cookie)
        .set('X-CSRF-Token', csrf)
        .send({})
        .expect(200);
      await waitFor(() => s.named('session-ended') && s.closed(), 2000, 'session ended');
    } finally {
      streams.keepaliveMs = 15_000;
    }
  });
});
