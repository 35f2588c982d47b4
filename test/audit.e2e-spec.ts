import { get as httpGet } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditEventEntity } from '../src/audit/audit-event.entity';
import { AuditService } from '../src/audit/audit.service';
import { RequestContext } from '../src/common/context/request-context';
import { Clock } from '../src/common/time/clock';
import { createTestApp, TEST_ADMIN, type TestApp } from './support/create-test-app';
import { loginAs, type AdminClient } from './support/http';

function row(overrides: Partial<AuditEventEntity> & { id: string; createdAt: string }): AuditEventEntity {
  return {
    workspaceId: 'wks_default',
    actorType: 'SYSTEM',
    actorId: null,
    action: 'test.seeded',
    targetType: null,
    targetId: null,
    result: 'SUCCESS',
    message: null,
    ipAddress: null,
    userAgent: null,
    metadataJson: '{}',
    ...overrides,
  };
}

/** Minimal RFC 4180 parser for the assertions (quoted cells, doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let cell = '';
  let cells: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n') {
      cells.push(cell);
      rows.push(cells);
      cells = [];
      cell = '';
    } else cell += c;
  }
  return rows;
}

async function userClient(t: TestApp, owner: AdminClient, username: string, role: string): Promise<AdminClient> {
  const password = `${username}-password-123`;
  const res = await owner.post('/api/admin/users', { username, password, role });
  if (res.status !== 200) throw new Error(`create ${username}: ${res.status}`);
  return loginAs(t.server, username, password);
}

describe('audit events API', () => {
  let t: TestApp;
  let owner: AdminClient;
  let operator: AdminClient;
  let viewer: AdminClient;
  const seeded = [
    row({
      id: 'aud_T1',
      createdAt: '2020-01-01T00:00:00.000Z',
      action: 'seed.a',
      actorType: 'AGENT',
      actorId: 'agt_1',
      targetType: 'Agent',
      targetId: 'agt_1',
    }),
    row({
      id: 'aud_T2',
      createdAt: '2020-01-02T00:00:00.000Z',
      action: 'seed.b',
      result: 'FAILURE',
      message: '=HYPERLINK("http://evil")',
    }),
    row({
      id: 'aud_T3',
      createdAt: '2020-01-03T00:00:00.000Z',
      action: 'seed.c',
      actorType: 'USER',
      actorId: '@SUM(A1)',
      targetType: '+cmd',
      targetId: '-2+3',
      message: '\tq"uote',
    }),
  ];

  beforeAll(async () => {
    t = await createTestApp();
    owner = await loginAs(t.server);
    operator = await userClient(t, owner, 'ops', 'operator');
    viewer = await userClient(t, owner, 'vic', 'viewer');
    await t.app.get(DataSource).createQueryBuilder().insert().into(AuditEventEntity).values(seeded).execute();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists newest first with pagination, for any role; anonymous is 401', async () => {
    const res = await viewer.get('/api/admin/audit-events?pageSize=5');
    expect(res.status).toBe(200);
    expect(res.body.pagination).toMatchObject({ page: 1, pageSize: 5 });
    expect(res.body.pagination.total).toBeGreaterThan(5);
    const times = (res.body.data as { createdAt: string }[]).map((e) => e.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(Object.keys(res.body.data[0]).sort()).toEqual(
      [
        'action',
        'actorId',
        'actorType',
        'createdAt',
        'id',
        'ipAddress',
        'message',
        'metadata',
        'result',
        'targetId',
        'targetType',
        'userAgent',
      ].sort(),
    );
    expect((await request(t.server).get('/api/admin/audit-events')).status).toBe(401);
  });

  it('filters by actorType, result, action, targetType, targetId and an inclusive from/to', async () => {
    const ids = async (qs: string): Promise<string[]> => {
      const res = await viewer.get(`/api/admin/audit-events?${qs}`);
      expect(res.status).toBe(200);
      return (res.body.data as { id: string }[]).map((e) => e.id);
    };
    expect(await ids('actorType=AGENT')).toEqual(['aud_T1']);
    expect(await ids('result=FAILURE&action=seed.b')).toEqual(['aud_T2']);
    expect(await ids('targetType=Agent&targetId=agt_1')).toEqual(['aud_T1']);
    expect(await ids('from=2020-01-01T00:00:00.000Z&to=2020-01-02T00:00:00.000Z')).toEqual(['aud_T2', 'aud_T1']);
    expect(await ids('from=2020-01-02&to=2020-01-03')).toEqual(['aud_T3', 'aud_T2']);
    expect(await ids('action=seed.c&format=csv')).toEqual(['aud_T3']);
  });

  it('answers 422 for bad filters, with path `from` when from > to', async () => {
    const inverted = await viewer.get('/api/admin/audit-events?from=2020-02-01&to=2020-01-01');
    expect(inverted.status).toBe(422);
    expect(inverted.body.error.code).toBe('VALIDATION_FAILED');
    expect(inverted.body.error.details.issues).toEqual([
      { path: 'from', message: 'from must be before or equal to to' },
    ]);
    for (const bad of [
      'actorType=ROBOT',
      'result=MAYBE',
      'from=yesterday',
      'to=2020-13-45',
      'pageSize=x',
      'format=xml',
      'foo=bar',
    ]) {
      const res = await viewer.get(`/api/admin/audit-events?${bad}`);
      expect(res.status).toBe(422);
    }
  });

  it('gets one event by id; unknown ids are 404 AUDIT_EVENT_NOT_FOUND', async () => {
    const one = await viewer.get('/api/admin/audit-events/aud_T1');
    expect(one.status).toBe(200);
    expect(one.body.data).toMatchObject({ id: 'aud_T1', actorType: 'AGENT', action: 'seed.a', metadata: {} });
    const missing = await viewer.get('/api/admin/audit-events/aud_nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('AUDIT_EVENT_NOT_FOUND');
  });

  it('export is operator+: viewer 403, anonymous 401', async () => {
    const res = await viewer.get('/api/admin/audit-events/export?format=csv');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect((await request(t.server).get('/api/admin/audit-events/export')).status).toBe(401);
  });

  it('exports CSV with a header row, quoted cells and formula cells escaped; the export is audited', async () => {
    const res = await operator.get('/api/admin/audit-events/export?format=csv&from=2020-01-01&to=2020-01-31');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=opstage-audit-\d+\.csv$/);
    const text = res.text;
    expect(text.endsWith('\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([
      'id',
      'createdAt',
      'actorType',
      'actorId',
      'action',
      'targetType',
      'targetId',
      'result',
      'message',
      'metadata',
    ]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['aud_T3', 'aud_T2', 'aud_T1']);
    const t3 = rows[1] ?? [];
    expect(t3[3]).toBe("'@SUM(A1)");
    expect(t3[5]).toBe("'+cmd");
    expect(t3[6]).toBe("'-2+3");
    expect(t3[8]).toBe('\'\tq"uote');
    expect(rows[2]?.[8]).toBe(`'=HYPERLINK("http://evil")`);
    expect(rows[3]?.[8]).toBe('');
    expect(rows[3]?.[9]).toBe('{}');
    expect(text).toContain('"\'=HYPERLINK(""http://evil"")"');
    const audit = await owner.get('/api/admin/audit-events?action=audit.exported');
    const last = audit.body.data[0];
    expect(last).toMatchObject({
      actorType: 'USER',
      result: 'SUCCESS',
      metadata: { format: 'csv', filter: { from: '2020-01-01T00:00:00.000Z', to: '2020-01-31T00:00:00.000Z' } },
    });
  });

  it('exports JSON as the list envelope, streamed, with all matching rows', async () => {
    const res = await operator.get('/api/admin/audit-events/export?action=seed.a');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/filename=opstage-audit-\d+\.json$/);
    const body = JSON.parse(res.text);
    expect(body.success).toBe(true);
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({ id: 'aud_T1', metadata: {} });
    const none = await operator.get('/api/admin/audit-events/export?action=does.not.exist');
    expect(JSON.parse(none.text)).toEqual({ success: true, data: [] });
    const bad = await operator.get('/api/admin/audit-events/export?from=2021-01-01&to=2020-01-01');
    expect(bad.status).toBe(422);
  });

  it('redacts metadata by key and by value; secrets never reach a row or an export', async () => {
    const agentToken = 'opstage_agent_AbCdEfGh_IjKlMnOpQrStUvWxYz0123456789abcdefg';
    const ctx = RequestContext.system(t.app.get(Clock));
    await t.app.get(AuditService).recordNow(ctx, {
      action: 'test.redaction',
      metadata: {
        password: 'hunter2-hunter2',
        apiKey: 'k-123',
        privateKey: 'pk',
        credential: 'c',
        note: `issued ${agentToken}`,
        tokenCount: 3,
        revokedTokens: 1,
        count: 1,
      },
    });
    const res = await viewer.get('/api/admin/audit-events?action=test.redaction');
    const metadata = res.body.data[0].metadata;
    expect(metadata).toMatchObject({
      password: '[REDACTED]',
      apiKey: '[REDACTED]',
      privateKey: '[REDACTED]',
      credential: '[REDACTED]',
      tokenCount: 3,
      revokedTokens: 1,
      count: 1,
    });
    expect(metadata.note).toBe('issued opstage_agent_[REDACTED]');
    const csv = (await operator.get('/api/admin/audit-events/export?format=csv')).text;
    const json = (await operator.get('/api/admin/audit-events/export')).text;
    const table = JSON.stringify(await t.app.get(DataSource).query('SELECT * FROM audit_events'));
    const secrets = [
      agentToken,
      'AbCdEfGh',
      'hunter2-hunter2',
      'k-123',
      TEST_ADMIN.password,
      'ops-password-123',
      'vic-password-123',
      owner.csrfToken,
      viewer.csrfToken,
    ];
    for (const text of [csv, json, table]) for (const s of secrets) expect(text).not.toContain(s);
  });
});

/** A full GC on demand, so the samples measure what is retained rather than garbage not yet collected. */
function collector(): () => void {
  setFlagsFromString('--expose_gc');
  const gc: unknown = runInNewContext('gc');
  return typeof gc === 'function' ? () => (gc as () => void)() : () => undefined;
}

describe('audit export at scale', () => {
  const ROWS = 100_000;
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    const ds = t.app.get(DataSource);
    const base = Date.parse('2021-01-01T00:00:00.000Z');
    const padding = 'x'.repeat(120);
    await ds.transaction(async (em) => {
      for (let start = 0; start < ROWS; start += 1000) {
        const batch: AuditEventEntity[] = [];
        for (let i = start; i < start + 1000; i += 1) {
          batch.push(
            row({
              id: `aud_BULK${String(i).padStart(8, '0')}`,
              createdAt: new Date(base + Math.floor(i / 3) * 1000).toISOString(),
              action: 'bulk.row',
              message: i % 10 === 0 ? '=1+1' : `row ${i}`,
              metadataJson: JSON.stringify({ i, padding }),
            }),
          );
        }
        await em.createQueryBuilder().insert().into(AuditEventEntity).values(batch).updateEntity(false).execute();
      }
    });
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it.each(['csv', 'json'])(
    'streams %s exports of 100k rows without buffering them (bounded memory)',
    async (format) => {
      const owner = await loginAs(t.server);
      const cookie = (
        owner.agent as unknown as { jar: { getCookie(name: string, opts: unknown): { value: string } | undefined } }
      ).jar.getCookie('opstage_session', {
        domain: '127.0.0.1',
        path: '/',
        secure: false,
        script: false,
      });
      const port = (t.server.address() as AddressInfo).port;
      const gc = collector();
      gc();
      const baseline = process.memoryUsage();
      let peakHeap = baseline.heapUsed;
      let peakRss = baseline.rss;
      let bytes = 0;
      let lines = 0;
      let chunks = 0;
      let tail = '';
      const result = await new Promise<{ status: number; encoding: string | undefined }>((resolve, reject) => {
        const req = httpGet(
          {
            host: '127.0.0.1',
            port,
            path: `/api/admin/audit-events/export?format=${format}&action=bulk.row`,
            headers: { Cookie: `opstage_session=${cookie?.value ?? ''}` },
          },
          (res) => {
            res.on('data', (chunk: Buffer) => {
              bytes += chunk.length;
              chunks += 1;
              for (const b of chunk) if (b === 10) lines += 1;
              tail = (tail + chunk.toString('utf8')).slice(-64);
              if (chunks % 100 === 0) {
                gc();
                const m = process.memoryUsage();
                peakHeap = Math.max(peakHeap, m.heapUsed);
                peakRss = Math.max(peakRss, m.rss);
              }
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, encoding: res.headers['transfer-encoding'] }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
      });
      expect(result.status).toBe(200);
      expect(result.encoding).toBe('chunked');
      if (format === 'csv') {
        expect(lines).toBe(ROWS + 1);
      } else {
        expect(tail.endsWith('}]}')).toBe(true);
      }
      const heapGrowth = peakHeap - baseline.heapUsed;
      const rssGrowth = peakRss - baseline.rss;
      // The body is 25-35 MB; holding it, or the 100k entities behind it, would retain far more than this.
      expect(bytes).toBeGreaterThan(20 * 1024 * 1024);
      expect(heapGrowth).toBeLessThan(8 * 1024 * 1024);
      expect(rssGrowth).toBeLessThan(bytes);
    },
    60_000,
  );
});
