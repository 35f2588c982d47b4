import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseArgs } from '../src/args.js';
import { main } from '../src/cli.js';
import { exitForHttp } from '../src/client.js';
import { configPath, resolveLogin, writeLogin } from '../src/config.js';
import { EXIT, exitForStatus } from '../src/exit-codes.js';
import { table, type Io } from '../src/output.js';

function capture(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

/** A fake admin API: answers from a table of `METHOD path` → [status, body]; records what it was asked. */
function fakeFetch(routes: Record<string, (() => [number, unknown])[]>, calls: string[] = []): typeof fetch {
  return ((input: string | URL, init?: RequestInit) => {
    const url = new URL(input);
    const key = `${init?.method ?? 'GET'} ${url.pathname}`;
    calls.push(`${key}${url.search}`);
    const queue = routes[key];
    const next = queue && (queue.length > 1 ? queue.shift() : queue[0]);
    const [status, body] = next ? next() : [404, { success: false, error: { code: 'NOT_FOUND', message: key } }];
    return Promise.resolve(
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
    );
  }) as typeof fetch;
}

const ENV = { OPSTAGE_URL: 'http://opstage.test', OPSTAGE_TOKEN: 'opstage_api_x' };
const cmd = (status: string) => ({
  success: true,
  data: {
    id: 'cmd_1',
    serviceId: 'svc_1',
    actionName: 'ping',
    status,
    errorCode: null,
    errorMessage: null,
    createdAt: '',
    completedAt: null,
    durationMs: null,
  },
});

describe('argument parsing', () => {
  const spec = { json: { type: 'boolean', description: '' }, payload: { type: 'string', description: '' } } as const;

  it('takes --flag value, --flag=value, booleans and positionals', () => {
    assert.deepEqual(parseArgs(['a', '--payload', '{}', 'b', '--json'], spec), {
      positionals: ['a', 'b'],
      flags: { payload: '{}', json: true },
    });
    assert.deepEqual(parseArgs(['--payload={"a":1}'], spec).flags, { payload: '{"a":1}' });
  });

  it('refuses unknown, repeated and valueless flags with exit 2', () => {
    for (const argv of [
      ['--nope'],
      ['--json', '--json'],
      ['--payload'],
      ['--json=1'],
      ['-x'],
      ['--payload', '--json'],
    ]) {
      assert.throws(
        () => parseArgs(argv, spec),
        (e: { exitCode?: number }) => e.exitCode === EXIT.USAGE,
        argv.join(' '),
      );
    }
  });
});

describe('exit codes', () => {
  it('follow the command status and the HTTP status', () => {
    assert.deepEqual(
      ['SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED', 'RUNNING'].map(exitForStatus),
      [0, 10, 11, 12, 13],
    );
    assert.deepEqual([401, 429, 403, 404, 409, 422, 500, 503].map(exitForHttp), [3, 3, 4, 5, 5, 5, 1, 1]);
  });
});

describe('table', () => {
  it('aligns columns and shows empty cells as -', () => {
    const out = table(
      [
        { a: 'x', b: null },
        { a: 'longer', b: 'y z' },
      ],
      [
        { header: 'A', value: (r) => r.a },
        { header: 'B', value: (r) => r.b },
      ],
    );
    assert.equal(out, 'A       B\nx       -\nlonger  y z\n');
  });
});

describe('config file', () => {
  it('is written 0600 under XDG_CONFIG_HOME and the environment overrides it field by field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opstage-cli-unit-'));
    try {
      const env = { XDG_CONFIG_HOME: dir };
      const path = await writeLogin(env, { url: 'http://a', token: 'opstage_api_a' });
      assert.equal(path, join(dir, 'opstage', 'config.json'));
      assert.equal(statSync(path).mode & 0o777, 0o600);
      assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), { url: 'http://a', token: 'opstage_api_a' });
      assert.deepEqual(await resolveLogin({ ...env, OPSTAGE_TOKEN: 'opstage_api_b' }), {
        url: 'http://a',
        token: 'opstage_api_b',
      });
      assert.equal(configPath({ HOME: '/home/u' }), '/home/u/.config/opstage/config.json');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('run --wait', () => {
  const base = {
    'GET /api/admin/capsule-services': [
      () => [200, { success: true, data: [{ id: 'svc_1', code: 'billing' }] }] as [number, unknown],
    ],
    'POST /api/admin/capsule-services/svc_1/actions/ping': [() => [200, cmd('PENDING')] as [number, unknown]],
  };

  for (const [final, code] of [
    ['SUCCEEDED', 0],
    ['FAILED', 10],
    ['CANCELLED', 11],
    ['EXPIRED', 12],
  ] as const) {
    it(`exits ${code} when the command ends ${final}, with progress on stderr only`, async () => {
      const io = capture();
      const calls: string[] = [];
      const fetchImpl = fakeFetch(
        { ...base, 'GET /api/admin/commands/cmd_1': [() => [200, cmd('RUNNING')], () => [200, cmd(final)]] },
        calls,
      );
      const exit = await main(['run', 'billing', 'ping', '--wait', '--json'], {
        io,
        env: ENV,
        fetchImpl,
        pollMs: 0,
        sleep: async () => {},
      });
      assert.equal(exit, code);
      assert.equal((JSON.parse(io.stdout) as { status: string }).status, final);
      assert.match(io.stderr, new RegExp(`cmd_1: RUNNING.*\\ncmd_1: ${final}`, 's'));
      assert.deepEqual(calls.slice(0, 2), [
        'GET /api/admin/capsule-services?q=billing&pageSize=100',
        'POST /api/admin/capsule-services/svc_1/actions/ping',
      ]);
    });
  }

  it('exits 13 when --timeout ends first', async () => {
    const io = capture();
    let clock = 0;
    const fetchImpl = fakeFetch({ ...base, 'GET /api/admin/commands/cmd_1': [() => [200, cmd('RUNNING')]] });
    const exit = await main(['run', 'svc_1', 'ping', '--wait', '--timeout', '2'], {
      io,
      env: ENV,
      fetchImpl,
      pollMs: 1000,
      sleep: (ms) => {
        clock += ms;
        return Promise.resolve();
      },
      now: () => clock,
    });
    assert.equal(clock, 2000);
    assert.equal(exit, 13);
  });

  it('maps an API refusal to its exit code and prints the code and paths', async () => {
    const io = capture();
    const fetchImpl = fakeFetch({
      'POST /api/admin/capsule-services/svc_1/actions/ping': [
        () => [
          422,
          {
            success: false,
            error: {
              code: 'VALIDATION_FAILED',
              message: 'bad',
              details: { issues: [{ path: 'payload.n', message: 'must be a number' }] },
            },
          },
        ],
      ],
    });
    const exit = await main(['run', 'svc_1', 'ping'], { io, env: ENV, fetchImpl });
    assert.equal(exit, EXIT.REJECTED);
    assert.match(io.stderr, /VALIDATION_FAILED: bad\n {2}payload\.n: must be a number/);
  });
});
