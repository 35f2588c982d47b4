import request from 'supertest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from './support/create-test-app';

describe('console serving (SPA fallback)', () => {
  let t: TestApp;
  let staticDir: string;

  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'opstage-console-'));
    writeFileSync(join(staticDir, 'index.html'), '<html><body>Opstage console</body></html>');
    writeFileSync(join(staticDir, 'main-ABCD1234.js'), 'console.log(1)');
    mkdirSync(join(staticDir, 'media'));
    writeFileSync(join(staticDir, 'media', 'logo.svg'), '<svg/>');
    writeFileSync(join(tmpdir(), 'opstage-outside-secret.txt'), 'TOP-SECRET');
    t = await createTestApp({ env: { OPSTAGE_STATIC_DIR: staticDir } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it('serves index.html at / with no-cache', async () => {
    const res = await request(t.server).get('/').expect(200);
    expect(res.text).toContain('Opstage console');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('falls back to index.html for deep links', async () => {
    for (const path of ['/commands', '/services/svc_123/actions', '/login?returnUrl=%2Fagents']) {
      const res = await request(t.server).get(path).expect(200);
      expect(res.text).toContain('Opstage console');
    }
  });

  it('serves hashed assets with a long immutable cache', async () => {
    const res = await request(t.server).get('/main-ABCD1234.js').expect(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toContain('immutable');
    const svg = await request(t.server).get('/media/logo.svg').expect(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml');
  });

  it('answers a missing asset with 404 instead of the shell', async () => {
    const res = await request(t.server).get('/missing-ZZZZ9999.js').expect(404);
    expect(res.body.error.code).toBe('STATIC_NOT_FOUND');
  });

  it('never swallows /api routes', async () => {
    const res = await request(t.server).get('/api/unknown').expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('refuses path traversal', async () => {
    for (const path of [
      '/../opstage-outside-secret.txt',
      '/%2e%2e/opstage-outside-secret.txt',
      '/media/..%2f..%2fopstage-outside-secret.txt',
    ]) {
      const res = await request(t.server).get(path);
      expect(res.text).not.toContain('TOP-SECRET');
      expect([200, 400, 404]).toContain(res.status);
    }
    const bad = await request(t.server).get('/%E0%A4%A').expect(400);
    expect(bad.body.error.code).toBe('REQUEST_ERROR');
  });

  it('reports STATIC_NOT_FOUND when there is no build', async () => {
    const bare = await createTestApp();
    try {
      const res = await request(bare.server).get('/agents').expect(404);
      expect(res.body.error.code).toBe('STATIC_NOT_FOUND');
    } finally {
      await bare.close();
    }
  });
});
