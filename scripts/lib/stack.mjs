// Starts a real Opstage backend (built) and the SDK's demo Capsule Service, for `npm run demo`
// and the browser end-to-end suite. Everything runs on 127.0.0.1 with a throwaway data dir.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const demoEntry = join(root, 'sdk', 'dist-examples', 'demo-service', 'main.js');

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function waitFor(check, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch {
      // not ready yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function childEnv(extra) {
  const env = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('OPSTAGE_') && k !== 'NODE_ENV' && k !== 'DATABASE_URL') env[k] = v;
  return { ...env, ...extra };
}

/** A minimal admin client over fetch: session cookie + CSRF header. */
export class AdminClient {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.cookie = '';
    this.csrf = '';
  }
  async login(username, password) {
    const res = await fetch(`${this.baseUrl}/api/admin/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = await res.json();
    if (!res.ok) throw new Error(`login failed: ${res.status} ${JSON.stringify(body)}`);
    this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    this.csrf = body.data.csrfToken;
    return body.data;
  }
  async call(method, path, body) {
    const headers = { cookie: this.cookie, 'x-csrf-token': this.csrf };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${JSON.stringify(json)}`);
    return json.data;
  }
}

/**
 * Starts the backend and the demo service. Returns URLs, credentials and a `stop()`.
 * `env` adds backend variables (e.g. cookie settings).
 */
export async function startStack({
  owner = { username: 'admin', password: 'demo-admin-password' },
  env = {},
  log = () => {},
} = {}) {
  const serverEntry = join(root, 'dist', 'src', 'main.js');
  if (!existsSync(serverEntry)) throw new Error('dist/src/main.js is missing: run `npm run build` first');
  if (!existsSync(demoEntry)) throw new Error(`${demoEntry} is missing: run \`npm run build\` first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'opstage-stack-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const children = [];
  const spawnLogged = (name, args, extraEnv) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: childEnv(extraEnv),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (c) => log(name, c.toString()));
    child.stderr.on('data', (c) => log(name, c.toString()));
    children.push(child);
    return child;
  };
  spawnLogged('server', [serverEntry], {
    NODE_ENV: 'development',
    OPSTAGE_HOST: '127.0.0.1',
    OPSTAGE_PORT: String(port),
    OPSTAGE_DATA_DIR: dataDir,
    OPSTAGE_SESSION_SECRET: `stack-secret-${Date.now()}-0123456789abcdef0123456789`,
    OPSTAGE_ADMIN_USERNAME: owner.username,
    OPSTAGE_ADMIN_PASSWORD: owner.password,
    OPSTAGE_LOG_LEVEL: 'warn',
    ...env,
  });
  const stop = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => {
          const t = setTimeout(() => (child.kill('SIGKILL'), r()), 10_000);
          child.once('exit', () => (clearTimeout(t), r()));
        });
      }
    }
  };
  try {
    await waitFor(async () => (await fetch(`${baseUrl}/api/system/health`)).ok, 'the backend');
    const admin = new AdminClient(baseUrl);
    await admin.login(owner.username, owner.password);
    const token = await admin.call('POST', '/api/admin/registration-tokens', {
      name: 'demo-service',
      expiresInSeconds: 3600,
    });
    const demo = spawnLogged('demo', [demoEntry], {
      OPSTAGE_BACKEND_URL: baseUrl,
      OPSTAGE_REGISTRATION_TOKEN: token.token,
      OPSTAGE_AGENT_TOKEN_FILE: join(dataDir, 'demo-agent-token.json'),
    });
    await waitFor(async () => {
      const services = await admin.call('GET', '/api/admin/capsule-services');
      return services.some((s) => s.code === 'demo-service') && services;
    }, 'the demo service to report');
    return { baseUrl, dataDir, owner, admin, stop, demoPid: demo.pid };
  } catch (error) {
    await stop();
    throw error;
  }
}
