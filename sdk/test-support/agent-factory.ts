/**
 * Builds agents with fast timings and a private token file for tests.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CapsuleAgent } from '../src/index.js';
import type { CapsuleAgentOptions, LogRecord } from '../src/index.js';
import type { FakeBackend } from './fake-backend.js';

export interface TestAgent {
  agent: CapsuleAgent;
  logs: LogRecord[];
  tokenFile: string;
}

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'opstage-sdk-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Options that make every delay short; `env` is empty so the host environment never leaks in. */
export function fastOptions(backend: FakeBackend, tokenFile: string, logs: LogRecord[]): CapsuleAgentOptions {
  return {
    backendUrl: backend.url,
    registrationToken: 'opstage_reg_valid',
    service: { code: 'demo', name: 'Demo', version: '1.0.0' },
    tokenStore: { file: tokenFile },
    intervals: { heartbeatMs: 60_000, commandPollMs: 50, serviceReportMs: 60_000 },
    longPollSeconds: 1,
    retry: { initialDelayMs: 5, maxDelayMs: 40, disabledDelayMs: 40, startupAttempts: 3 },
    requestTimeoutMs: 2_000,
    stopTimeoutMs: 1_000,
    logLevel: 'debug',
    onLog: (record) => logs.push(record),
    env: {},
  };
}

export function createTestAgent(
  backend: FakeBackend,
  tokenFile: string,
  overrides: Partial<CapsuleAgentOptions> = {},
): TestAgent {
  const logs: LogRecord[] = [];
  const agent = new CapsuleAgent({ ...fastOptions(backend, tokenFile, logs), ...overrides });
  return { agent, logs, tokenFile };
}
