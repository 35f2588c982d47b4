import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { AgentConfigError, CapsuleAgent, FileTokenStore, MemoryTokenStore, SDK_VERSION } from '../src/index.js';
import type { CapsuleAgentOptions } from '../src/index.js';
import { buildManifest, toCatalogEntry } from '../src/catalog.js';
import { resolveOptions } from '../src/options.js';

const service = { code: 'billing', name: 'Billing' };
const noop = (): void => undefined;

function resolve(
  options: Partial<CapsuleAgentOptions>,
  env: Record<string, string> = {},
): ReturnType<typeof resolveOptions> {
  return resolveOptions({ service, env, ...options }, noop);
}

function assertInvalid(fn: () => unknown, option: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof AgentConfigError, `expected AgentConfigError, got ${String(error)}`);
    assert.equal(error.code, 'INVALID_OPTION');
    assert.equal(error.option, option);
    return true;
  });
}

describe('options and environment', () => {
  it('applies defaults when neither option nor env is set', () => {
    const opts = resolve({});
    assert.equal(opts.backendUrl, 'http://localhost:8080');
    assert.equal(opts.registrationToken, undefined);
    assert.ok(opts.tokenStore instanceof FileTokenStore);
    assert.equal(opts.tokenStore.file, './data/agent-token.json');
    assert.deepEqual(opts.intervals, { heartbeatMs: 30_000, commandPollMs: 5_000, serviceReportMs: 60_000 });
    assert.deepEqual(opts.explicitIntervals, { heartbeatMs: false, commandPollMs: false });
    assert.equal(opts.agent.code, 'billing');
    assert.equal(opts.agent.mode, 'embedded');
    assert.equal(opts.agent.runtime, 'nodejs');
    assert.equal(opts.agent.version, SDK_VERSION);
    assert.equal(opts.longPollSeconds, 25);
    assert.equal(opts.autoStartLoops, true);
    assert.equal(opts.logLevel, 'info');
  });

  it('reads environment fallbacks', () => {
    const opts = resolve(
      {},
      {
        OPSTAGE_BACKEND_URL: 'https://ops.example.com/base/',
        OPSTAGE_REGISTRATION_TOKEN: 'opstage_reg_fromenv',
        OPSTAGE_AGENT_TOKEN_FILE: '/tmp/x/agent.json',
        OPSTAGE_AGENT_CODE: 'billing-host1',
        OPSTAGE_AGENT_NAME: 'Billing on host1',
        OPSTAGE_AGENT_AUTOSTART_LOOPS: 'false',
        OPSTAGE_HEARTBEAT_INTERVAL_SECONDS: '10',
        OPSTAGE_COMMAND_POLL_INTERVAL_SECONDS: '2',
        OPSTAGE_COMMAND_WAIT_SECONDS: '0',
        OPSTAGE_LOG_LEVEL: 'WARN',
      },
    );
    assert.equal(opts.backendUrl, 'https://ops.example.com/base');
    assert.equal(opts.registrationToken, 'opstage_reg_fromenv');
    assert.ok(opts.tokenStore instanceof FileTokenStore);
    assert.equal(opts.tokenStore.file, '/tmp/x/agent.json');
    assert.equal(opts.agent.code, 'billing-host1');
    assert.equal(opts.agent.name, 'Billing on host1');
    assert.equal(opts.autoStartLoops, false);
    assert.equal(opts.intervals.heartbeatMs, 10_000);
    assert.equal(opts.intervals.commandPollMs, 2_000);
    assert.deepEqual(opts.explicitIntervals, { heartbeatMs: true, commandPollMs: true });
    assert.equal(opts.longPollSeconds, 0);
    assert.equal(opts.logLevel, 'warn');
  });

  it('explicit options win over the environment', () => {
    const store = new MemoryTokenStore();
    const opts = resolve(
      {
        backendUrl: 'http://127.0.0.1:9000',
        registrationToken: 'opstage_reg_explicit',
        tokenStore: store,
        agent: { code: 'explicit-code' },
        autoStartLoops: true,
        intervals: { heartbeatMs: 1234 },
        heartbeatIntervalSeconds: 99,
      },
      {
        OPSTAGE_BACKEND_URL: 'http://env:1',
        OPSTAGE_REGISTRATION_TOKEN: 'opstage_reg_env',
        OPSTAGE_AGENT_CODE: 'env-code',
        OPSTAGE_AGENT_AUTOSTART_LOOPS: 'false',
        OPSTAGE_HEARTBEAT_INTERVAL_SECONDS: '5',
      },
    );
    assert.equal(opts.backendUrl, 'http://127.0.0.1:9000');
    assert.equal(opts.registrationToken, 'opstage_reg_explicit');
    assert.equal(opts.tokenStore, store);
    assert.equal(opts.agent.code, 'explicit-code');
    assert.equal(opts.autoStartLoops, true);
    assert.equal(opts.intervals.heartbeatMs, 1234);
  });

  it('rejects invalid options with INVALID_OPTION naming the option', () => {
    assertInvalid(() => resolve({ backendUrl: 'ftp://x' }), 'backendUrl');
    assertInvalid(() => resolve({ backendUrl: 'not a url' }), 'backendUrl');
    assertInvalid(() => resolve({ backendUrl: 'http://user:pw@host' }), 'backendUrl');
    assertInvalid(() => resolve({ registrationToken: 'opstage_agent_nope' }), 'registrationToken');
    assertInvalid(() => resolveOptions({ service: { code: 'Bad Code', name: 'x' }, env: {} }, noop), 'service.code');
    assertInvalid(() => resolveOptions({ service: { code: 'ok', name: '' }, env: {} }, noop), 'service.name');
    assertInvalid(() => resolveOptions({ env: {} } as unknown as CapsuleAgentOptions, noop), 'service');
    assertInvalid(() => resolve({ intervals: { heartbeatMs: -1 } }), 'intervals.heartbeatMs');
    assertInvalid(() => resolve({ longPollSeconds: 31 }), 'longPollSeconds');
    assertInvalid(() => resolve({ tokenStore: { file: '' } }), 'tokenStore');
    assertInvalid(() => resolve({ agent: { code: 'Billing.Host1' } }), 'agent.code');
    assertInvalid(
      () => resolve({}, { OPSTAGE_HEARTBEAT_INTERVAL_SECONDS: 'soon' }),
      'OPSTAGE_HEARTBEAT_INTERVAL_SECONDS',
    );
    assertInvalid(() => resolve({}, { OPSTAGE_AGENT_AUTOSTART_LOOPS: 'maybe' }), 'OPSTAGE_AGENT_AUTOSTART_LOOPS');
    assertInvalid(() => resolve({}, { OPSTAGE_LOG_LEVEL: 'loud' }), 'OPSTAGE_LOG_LEVEL');
    assert.throws(() => new CapsuleAgent({ service: { code: '-x', name: 'x' }, env: {} }), AgentConfigError);
  });

  it('SDK_VERSION matches package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    assert.equal(SDK_VERSION, pkg.version);
  });
});

describe('actions and manifest', () => {
  const agent = (): CapsuleAgent => new CapsuleAgent({ service, env: {}, tokenStore: new MemoryTokenStore() });

  it('health/configs/action return this for chaining', () => {
    const a = agent();
    const chained = a
      .health(() => ({ status: 'UP' }))
      .configs(() => [])
      .action({ name: 'echo', label: 'Echo', handler: () => undefined });
    assert.equal(chained, a);
  });

  it('rejects duplicate, shell-like and malformed actions', () => {
    const a = agent().action({ name: 'echo', label: 'Echo', handler: () => undefined });
    assert.throws(() => a.action({ name: 'echo', label: 'Again', handler: () => undefined }), {
      code: 'DUPLICATE_ACTION',
    });
    assert.throws(() => a.action({ name: 'runShell', label: 'Shell', handler: () => undefined }), {
      code: 'INVALID_OPTION',
    });
    assert.throws(() => a.action({ name: 'bad name', label: 'x', handler: () => undefined }), {
      code: 'INVALID_OPTION',
    });
    assert.throws(() => a.action({ name: 'x', label: 'x', timeoutSeconds: 1.5, handler: () => undefined }), {
      code: 'INVALID_OPTION',
    });
    assert.throws(
      () => a.action({ name: 'y', label: 'y', dangerLevel: 'SEVERE' as 'HIGH', handler: () => undefined }),
      { code: 'INVALID_OPTION' },
    );
    assert.throws(() => a.action({ name: 'z', label: 'z' } as unknown as Parameters<CapsuleAgent['action']>[0]), {
      code: 'INVALID_OPTION',
    });
    assert.throws(() => a.health('nope' as unknown as () => { status: 'UP' }), AgentConfigError);
  });

  it('builds the manifest from service identity with pass-through extras', () => {
    const opts = resolve({
      manifest: { labels: { team: 'payments' }, code: 'ignored' },
      service: { ...service, description: 'Bills', capabilities: ['billing.charge'] },
    });
    const manifest = buildManifest(opts);
    assert.equal(manifest.kind, 'CapsuleService');
    assert.equal(manifest.schemaVersion, '1.0');
    assert.equal(manifest.code, 'billing');
    assert.equal(manifest.version, '0.0.0');
    assert.equal(manifest.runtime, 'nodejs');
    assert.equal(manifest.agentMode, 'embedded');
    assert.equal(manifest.description, 'Bills');
    assert.deepEqual(manifest['labels'], { team: 'payments' });
    assert.deepEqual(manifest['capabilities'], ['billing.charge']);
  });

  it('HIGH and CRITICAL actions require confirmation by default; catalog omits handlers', () => {
    const entry = toCatalogEntry({
      name: 'rotate',
      label: 'Rotate',
      dangerLevel: 'HIGH',
      timeoutSeconds: 30,
      handler: () => undefined,
    });
    assert.deepEqual(entry, {
      name: 'rotate',
      label: 'Rotate',
      dangerLevel: 'HIGH',
      requiresConfirmation: true,
      hasPrepare: false,
      timeoutSeconds: 30,
    });
    const critical = toCatalogEntry({ name: 'wipe', label: 'Wipe', dangerLevel: 'CRITICAL', handler: () => undefined });
    assert.equal(critical.dangerLevel, 'CRITICAL');
    assert.equal(critical.requiresConfirmation, true);
    const low = toCatalogEntry({ name: 'echo', label: 'Echo', handler: () => undefined });
    assert.deepEqual(low, {
      name: 'echo',
      label: 'Echo',
      dangerLevel: 'LOW',
      requiresConfirmation: false,
      hasPrepare: false,
    });
  });

  it('reports whether an action has a prepare step', () => {
    const entry = toCatalogEntry({
      name: 'edit',
      label: 'Edit',
      handler: () => undefined,
      prepare: () => ({ initialPayload: {} }),
    });
    assert.equal(entry.hasPrepare, true);
  });
});
