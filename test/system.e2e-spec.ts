import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp, TEST_SECRET, type TestApp } from './support/create-test-app';
import { FixtureModule } from './support/fixture.module';

describe('system endpoints and HTTP conventions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      extraModules: [FixtureModule],
      env: {
        OPSTAGE_COMMAND_RESULT_MAX_BYTES: '2000',
        OPSTAGE_COMMIT: 'abc123',
        OPSTAGE_REPLICA_ID: 'replica-under-test',
      },
    });
  });
  afterAll(() => t.close());

  it('GET /api/system/health reports UP with version and no secrets', async () => {
    const res = await request(t.server).get('/api/system/health').expect(200);
    expect(res.body).toMatchObject({
      success: true,
      data: {
        status: 'UP',
        edition: 'ce',
        version: '0.0.0-test',
        replicaId: 'replica-under-test',
        database: { status: 'UP', kind: t.config.databaseKind },
        checks: { database: { status: 'UP' } },
      },
    });
    expect(typeof res.body.data.uptimeSeconds).toBe('number');
    expect(JSON.stringify(res.body)).not.toContain(TEST_SECRET);
    expect(res.headers['x-request-id']).toMatch(/^req_/);
  });

  it('GET /health is liveness only, and version carries commit when set', async () => {
    await request(t.server)
      .get('/health')
      .expect(200, { success: true, data: { status: 'UP' } });
    const res = await request(t.server).get('/api/system/version').expect(200);
    expect(res.body.data).toEqual({
      version: '0.0.0-test',
      edition: 'ce',
      commit: 'abc123',
      database: t.config.databaseKind,
      features: { capsuleBus: false },
    });
    expect(JSON.stringify(res.body)).not.toContain(TEST_SECRET);
  });

  it('echoes a sane X-Request-Id and replaces a malicious one', async () => {
    const ok = await request(t.server).get('/health').set('X-Request-Id', 'trace-42');
    expect(ok.headers['x-request-id']).toBe('trace-42');
    const bad = await request(t.server).get('/health').set('X-Request-Id', 'x'.repeat(300));
    expect(bad.headers['x-request-id']).toMatch(/^req_/);
  });

  it('sends security headers and no X-Powered-By', async () => {
    const res = await request(t.server).get('/health');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers success POSTs with 200 in the envelope', async () => {
    const res = await request(t.server).post('/api/test-fixture/echo').send({ name: 'ab', count: 2 }).expect(200);
    expect(res.body).toEqual({ success: true, data: { name: 'ab', count: 2 } });
  });

  it('422 VALIDATION_FAILED with paths for bad bodies and unknown fields', async () => {
    const res = await request(t.server)
      .post('/api/test-fixture/echo')
      .send({ name: 'a', count: 0, extra: 1 })
      .expect(422);
    expect(res.body.success).toBe(false);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(['count', 'extra', 'name']);
    expect(res.body.error.requestId).toMatch(/^req_/);
  });

  it('422 for non-integer pagination, clamping for out-of-range numbers', async () => {
    const bad = await request(t.server).get('/api/test-fixture/page?page=abc&pageSize=2.5').expect(422);
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['page', 'pageSize']);
    const clamped = await request(t.server).get('/api/test-fixture/page?page=0&pageSize=1000&page=7').expect(200);
    expect(clamped.body.data).toEqual({ page: 1, pageSize: 100, offset: 0 });
  });

  it('400 INVALID_JSON for malformed JSON', async () => {
    const res = await request(t.server)
      .post('/api/test-fixture/echo')
      .set('Content-Type', 'application/json')
      .send('{"name": ')
      .expect(400);
    expect(res.body.error).toMatchObject({ code: 'INVALID_JSON', message: 'Request body is not valid JSON.' });
  });

  it('415 for non-JSON bodies', async () => {
    const res = await request(t.server)
      .post('/api/test-fixture/echo')
      .set('Content-Type', 'text/plain')
      .send('hello')
      .expect(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('413 for bodies over the limit just above OPSTAGE_COMMAND_RESULT_MAX_BYTES', async () => {
    const res = await request(t.server)
      .post('/api/test-fixture/echo')
      .send({ name: 'x'.repeat(200_000), count: 1 })
      .expect(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('404 NOT_FOUND envelope for unknown /api routes, any method', async () => {
    for (const method of ['get', 'post', 'delete'] as const) {
      const res = await request(t.server)[method]('/api/definitely/not/here').expect(404);
      expect(res.body).toEqual({
        success: false,
        error: { code: 'NOT_FOUND', message: 'Route not found.', requestId: expect.any(String) },
      });
    }
  });

  it('500 INTERNAL_ERROR hides the cause', async () => {
    const res = await request(t.server).get('/api/test-fixture/boom').expect(500);
    expect(res.body.error).toEqual({
      code: 'INTERNAL_ERROR',
      message: 'Internal server error.',
      requestId: expect.any(String),
    });
    expect(JSON.stringify(res.body)).not.toContain('SQLITE');
  });

  it('serves the OpenAPI document and UI', async () => {
    const doc = await request(t.server).get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/system/health', '/api/system/version']));
    await request(t.server).get('/api/docs').expect(200).expect('content-type', /html/);
  });

  it('health answers 503 DOWN when the database is unusable', async () => {
    const broken = await createTestApp();
    try {
      await broken.app.get(DataSource).destroy();
      const res = await request(broken.server).get('/api/system/health').expect(503);
      expect(res.body.data).toMatchObject({
        status: 'DOWN',
        replicaId: broken.config.replicaId,
        database: { status: 'DOWN', kind: broken.config.databaseKind },
        checks: { database: { status: 'DOWN', message: 'The database did not answer.' } },
      });
      // Never the driver's text (it may name the host or user on PostgreSQL).
      expect(JSON.stringify(res.body)).not.toMatch(/DataSource|[Cc]onnection|SQLITE_|TypeORM|driver|pool/);
    } finally {
      await broken.close().catch(() => undefined);
    }
  });
});
