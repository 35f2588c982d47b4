import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  /** The exact bytes received, as the signature covers them. */
  raw: string;
  body: Record<string, unknown>;
  at: number;
}

/** What the receiver does with the next request: answer a status, or never answer. */
export type Reply = number | 'hang';

/**
 * A loopback HTTP receiver for webhook tests. Replies are consumed in order; when the script is
 * exhausted it answers `fallback` (200 unless changed).
 */
export class WebhookReceiver {
  readonly received: ReceivedHook[] = [];
  private readonly script: Reply[] = [];
  fallback: Reply = 200;
  private readonly server: Server;

  private constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        this.received.push({
          headers: req.headers,
          raw,
          body: JSON.parse(raw) as Record<string, unknown>,
          at: Date.now(),
        });
        const reply = this.script.shift() ?? this.fallback;
        if (reply === 'hang') return;
        res.writeHead(reply, { 'Content-Type': 'text/plain' }).end(reply < 300 ? 'ok' : 'nope');
      });
    });
  }

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  reply(...replies: Reply[]): this {
    this.script.push(...replies);
    return this;
  }

  byEvent(event: string): ReceivedHook[] {
    return this.received.filter((r) => r.headers['x-opstage-event'] === event);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
