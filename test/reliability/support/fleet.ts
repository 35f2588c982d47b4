import { join } from 'node:path';
import { CapsuleAgent, type CapsuleAgentOptions, type LogRecord } from '@opstage/agent-node';
import { recordingFetch, type RequestRecord } from '../../support/sdk-harness';
import type { Operator } from './server-process';

/**
 * A fleet of real SDK agents in this process, each with its own token file and one service with
 * a `work` action. The handler counts its invocations per command id (a command run twice is a
 * defect), checks the sealed secret it received, and waits `ms` while honouring its AbortSignal
 * (operator cancels).
 */

export const WORK_ACTION = 'work';

export interface FleetAgent {
  agent: CapsuleAgent;
  code: string;
  tokenFile: string;
  serviceId: string;
  requests: RequestRecord[];
  registrations: number;
}

export interface FleetOptions {
  backendUrl: string;
  operator: Operator;
  count: number;
  /** Token files live here. */
  dir: string;
  prefix: string;
  /** The action's timeoutSeconds: the TTL of every command. */
  ttlSeconds: number;
  /** Record every HTTP request of each agent (agent-side fault tests). */
  record?: boolean;
  options?: Partial<CapsuleAgentOptions>;
}

/** The payload an operator sends; `password` (sealed at rest) must reach the handler intact. */
export function workPayload(n: number, ms: number, sealed: boolean): Record<string, unknown> {
  return sealed ? { n, ms, password: secretFor(n) } : { n, ms };
}

const secretFor = (n: number): string => `pw-${n}-correct-horse`;

/** The one-time `generatedKey` a `work` command with `withKey: true` returns. */
export const keyFor = (n: number): string => `gk-${n}-one-time`;

export class Fleet {
  readonly agents: FleetAgent[] = [];
  /** Handler starts per command id. */
  readonly invocations = new Map<string, number>();
  /** Handlers that finished (returned) per command id. */
  readonly finished = new Set<string>();
  readonly aborted = new Set<string>();
  /** Commands whose handler saw a wrong or redacted secret. */
  readonly secretMismatches: string[] = [];
  /** Warnings and errors of every agent (bounded). */
  readonly logs: LogRecord[] = [];

  private constructor(private readonly opts: FleetOptions) {}

  static async start(opts: FleetOptions): Promise<Fleet> {
    const fleet = new Fleet(opts);
    const tokens: string[] = [];
    for (let i = 0; i < opts.count; i += 1) tokens.push(await opts.operator.registrationToken(`${opts.prefix}-${i}`));
    // Batches: a whole fleet registering in one burst is not what these tests are about.
    for (let i = 0; i < opts.count; i += 25) {
      await Promise.all(tokens.slice(i, i + 25).map((token, k) => fleet.startAgent(i + k, token)));
    }
    return fleet;
  }

  private async startAgent(index: number, registrationToken: string): Promise<void> {
    const code = `${this.opts.prefix}-${index}`;
    const tokenFile = join(this.opts.dir, `${code}.json`);
    const requests: RequestRecord[] = [];
    const agent = new CapsuleAgent({
      backendUrl: this.opts.backendUrl,
      registrationToken,
      service: { code, name: `Service ${code}`, version: '1.0.0' },
      agent: { code, name: `Agent ${code}` },
      tokenStore: { file: tokenFile },
      intervals: { heartbeatMs: 5_000, commandPollMs: 10_000, serviceReportMs: 120_000 },
      longPollSeconds: 20,
      maxConcurrentCommands: 4,
      requestTimeoutMs: 5_000,
      stopTimeoutMs: 2_000,
      retry: { initialDelayMs: 250, maxDelayMs: 2_000, disabledDelayMs: 2_000, startupAttempts: 10 },
      env: {},
      logLevel: 'warn',
      onLog: (record) => {
        if (this.logs.length < 5_000) this.logs.push(record);
      },
      ...(this.opts.record ? { fetch: recordingFetch(requests) } : {}),
      ...this.opts.options,
    });
    agent.health(() => ({ status: 'UP', message: 'ok' }));
    agent.action({
      name: WORK_ACTION,
      label: 'Work',
      timeoutSeconds: this.opts.ttlSeconds,
      inputSchema: {
        type: 'object',
        properties: {
          n: { type: 'integer' },
          ms: { type: 'integer' },
          password: { type: 'string' },
          withKey: { type: 'boolean' },
        },
      },
      handler: async (payload, ctx) => {
        this.invocations.set(ctx.commandId, (this.invocations.get(ctx.commandId) ?? 0) + 1);
        const n = Number(payload['n']);
        if ('password' in payload && payload['password'] !== secretFor(n)) this.secretMismatches.push(ctx.commandId);
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, Number(payload['ms'] ?? 0));
          ctx.signal.addEventListener(
            'abort',
            () => {
              clearTimeout(timer);
              this.aborted.add(ctx.commandId);
              reject(ctx.signal.reason instanceof Error ? ctx.signal.reason : new Error('aborted'));
            },
            { once: true },
          );
        });
        this.finished.add(ctx.commandId);
        return payload['withKey'] === true ? { n, generatedKey: keyFor(n) } : { n };
      },
    });
    const entry: FleetAgent = { agent, code, tokenFile, serviceId: '', requests, registrations: 0 };
    agent.on('registered', () => (entry.registrations += 1));
    // 'error' events are expected during faults; an unhandled one would throw.
    agent.on('error', () => undefined);
    await agent.start();
    entry.serviceId = agent.serviceId ?? '';
    if (!entry.serviceId) throw new Error(`agent ${code} has no service id after start`);
    this.agents.push(entry);
  }

  /** Commands whose handler ran more than once (must stay empty). */
  duplicates(): string[] {
    return [...this.invocations].filter(([, n]) => n > 1).map(([id]) => id);
  }

  registrations(): number {
    return this.agents.reduce((n, a) => n + a.registrations, 0);
  }

  pendingResults(): number {
    return this.agents.reduce((n, a) => n + a.agent.pendingResults, 0);
  }

  async stop(): Promise<void> {
    await Promise.all(this.agents.map((a) => a.agent.stop({ timeoutMs: 2_000 })));
  }
}
