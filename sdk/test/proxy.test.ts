import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { Agent, fetch as undiciFetch, getGlobalDispatcher } from 'undici';

import { readProxyEnvironment } from '../src/index.js';
import type { AgentFetch } from '../src/index.js';
import { createTestAgent, tempDir } from '../test-support/agent-factory.js';
import { FakeBackend } from '../test-support/fake-backend.js';
import { ForwardProxy } from '../test-support/forward-proxy.js';

describe('proxy selection', () => {
  let backend: FakeBackend;
  let proxy: ForwardProxy;
  let dir = '';
  let cleanup: () => Promise<void> = () => Promise.resolve();

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    backend = await FakeBackend.start();
    proxy = await ForwardProxy.start();
  });
  after(async () => {
    await proxy.close();
    await backend.close();
    await cleanup();
  });

  it('reads lower- and upper-case proxy variables, lower case first', () => {
    assert.deepEqual(
      readProxyEnvironment({
        HTTP_PROXY: 'http://upper:1',
        http_proxy: 'http://lower:1',
        HTTPS_PROXY: 'http://s:2',
        NO_PROXY: 'a,b',
      }),
      {
        httpProxy: 'http://lower:1',
        httpsProxy: 'http://s:2',
        noProxy: 'a,b',
      },
    );
    assert.deepEqual(readProxyEnvironment({}), { httpProxy: '', httpsProxy: '', noProxy: '' });
  });

  it('sends agent traffic through HTTP_PROXY without touching the global dispatcher', async () => {
    const globalBefore = getGlobalDispatcher();
    const envBefore = { ...process.env };
    const { agent } = createTestAgent(backend, join(dir, 'proxied.json'), {
      autoStartLoops: false,
      env: { HTTP_PROXY: proxy.url },
    });
    await agent.start();
    await agent.stop();
    const backendHost = new URL(backend.url).host;
    assert.ok(proxy.hits.length > 0, 'the proxy saw the traffic');
    assert.ok(
      proxy.hits.every((hit) => hit.includes(backendHost)),
      `proxy hits: ${proxy.hits.join(', ')}`,
    );
    assert.equal(backend.count('POST', /\/register$/), 1);
    assert.equal(getGlobalDispatcher(), globalBefore, 'global dispatcher unchanged');
    assert.deepEqual({ ...process.env }, envBefore, 'process.env unchanged');
  });

  it('uses an injected fetch and dispatcher, and leaves the injected dispatcher open', async () => {
    backend.registrationTokens.add('opstage_reg_valid');
    const dispatcher = new Agent();
    const seen: Array<{ url: string; method: string; sameDispatcher: boolean; auth: boolean }> = [];
    const fetch: AgentFetch = (url, init) => {
      seen.push({
        url,
        method: init.method,
        sameDispatcher: init.dispatcher === dispatcher,
        auth: 'authorization' in init.headers,
      });
      return undiciFetch(url, init);
    };
    const hitsBefore = proxy.hits.length;
    const { agent } = createTestAgent(backend, join(dir, 'injected.json'), {
      autoStartLoops: false,
      fetch,
      dispatcher,
      env: { HTTP_PROXY: proxy.url },
    });
    await agent.start();
    await agent.stop();
    assert.deepEqual(
      seen.map((s) => `${s.method} ${new URL(s.url).pathname}`),
      ['POST /api/agents/register', 'POST /api/agents/agt_test/services/report'],
    );
    assert.ok(
      seen.every((s) => s.sameDispatcher),
      'the injected dispatcher is passed to fetch',
    );
    assert.deepEqual(
      seen.map((s) => s.auth),
      [false, true],
      'only authenticated calls carry a bearer token',
    );
    assert.equal(proxy.hits.length, hitsBefore, 'an injected dispatcher replaces the proxy agent');
    const response = await undiciFetch(`${backend.url}/api/agents/register`, {
      method: 'POST',
      dispatcher,
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(response.status, 401, 'the injected dispatcher is still usable after stop()');
    await dispatcher.close();
  });

  it('bypasses the proxy for hosts listed in NO_PROXY', async () => {
    backend.registrationTokens.add('opstage_reg_valid');
    const hitsBefore = proxy.hits.length;
    const requestsBefore = backend.requests.length;
    const { agent } = createTestAgent(backend, join(dir, 'direct.json'), {
      autoStartLoops: false,
      env: { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' },
    });
    await agent.start();
    await agent.stop();
    assert.equal(proxy.hits.length, hitsBefore, 'the proxy saw nothing');
    assert.ok(backend.requests.length > requestsBefore, 'the backend was reached directly');
  });
});
