import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy between agents and the server that a test steers: pass traffic, reset
 * connections in the middle of a request or of a response, hold responses back (past the
 * long-poll), or make the server unreachable (listener closed: connection refused).
 */

export type ProxyMode =
  | { kind: 'pass' }
  /** A request whose first line matches is cut after half of its first chunk: the server never sees it whole. */
  | { kind: 'reset-request'; match: RegExp; probability: number }
  /** A request whose first line matches reaches the server; its answer is replaced by a reset. */
  | { kind: 'reset-response'; match: RegExp; probability: number }
  /** Every answer is held back `ms` before it is forwarded. */
  | { kind: 'delay'; ms: number };

interface Pair {
  client: Socket;
  upstream: Socket;
}

export class TcpProxy {
  private server: Server | undefined;
  private readonly pairs = new Set<Pair>();
  private mode: ProxyMode = { kind: 'pass' };
  port = 0;
  /** Counters of what the proxy did. */
  readonly stats = { connections: 0, requestResets: 0, responseResets: 0, delayed: 0 };

  constructor(
    private readonly targetPort: number,
    private readonly random: () => number = Math.random,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Connections open through the proxy now. */
  get open(): number {
    return this.pairs.size;
  }

  setMode(mode: ProxyMode): void {
    this.mode = mode;
  }

  async start(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        server.off('error', reject);
        const address = server.address();
        if (address && typeof address === 'object') this.port = address.port;
        resolve();
      });
    });
  }

  /** The server becomes unreachable: open connections are reset and new ones refused. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const pair of this.pairs) this.cut(pair);
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Reachable again on the same port. */
  up(): Promise<void> {
    return this.start();
  }

  async close(): Promise<void> {
    await this.down();
  }

  private accept(client: Socket): void {
    this.stats.connections += 1;
    const upstream = createConnection({ host: '127.0.0.1', port: this.targetPort });
    const pair: Pair = { client, upstream };
    this.pairs.add(pair);
    const forget = (): void => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', forget);
    upstream.on('error', forget);
    client.on('close', forget);
    upstream.on('close', forget);
    let resetAnswer = false;
    client.on('data', (chunk: Buffer) => {
      const mode = this.mode;
      const line = firstLine(chunk);
      if (mode.kind === 'reset-request' && line && mode.match.test(line) && this.random() < mode.probability) {
        this.stats.requestResets += 1;
        upstream.write(chunk.subarray(0, Math.floor(chunk.length / 2)), () => this.cut(pair));
        return;
      }
      if (mode.kind === 'reset-response' && line && mode.match.test(line) && this.random() < mode.probability)
        resetAnswer = true;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (resetAnswer) {
        this.stats.responseResets += 1;
        this.cut(pair);
        return;
      }
      const mode = this.mode;
      if (mode.kind === 'delay') {
        this.stats.delayed += 1;
        setTimeout(() => {
          if (!client.destroyed) client.write(chunk);
        }, mode.ms);
        return;
      }
      client.write(chunk);
    });
  }

  /** A TCP reset to the agent (not a clean FIN), and the upstream side closed. */
  private cut(pair: Pair): void {
    this.pairs.delete(pair);
    if (!pair.client.destroyed) pair.client.resetAndDestroy();
    pair.upstream.destroy();
  }
}

/** The request line of an HTTP request chunk (`GET /api/... HTTP/1.1`), if the chunk starts one. */
function firstLine(chunk: Buffer): string | undefined {
  const text = chunk.subarray(0, 200).toString('latin1');
  const end = text.indexOf('\r\n');
  if (end < 0) return undefined;
  const line = text.slice(0, end);
  return /^[A-Z]+ \S+ HTTP\/1\.[01]$/.test(line) ? line : undefined;
}
