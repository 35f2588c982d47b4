import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SessionAuthenticator } from '../common/auth/authenticators';
import type { UserPrincipal } from '../common/auth/principal';
import { roleAtLeast } from '../common/auth/role';
import type { LiveEventMessage } from '../contracts';
import type { LiveEvent } from './live-event';
import { LiveEventHub } from './live-event-hub';

/** Comment line every 15 s: keeps proxies from closing an idle stream and re-checks the session. */
export const KEEPALIVE_MS = 15_000;
/** A client this far behind is cut off; it reconnects with Last-Event-ID (or reloads on reset). */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** What the browser waits before it reconnects. */
const RETRY_MS = 3000;

interface Stream {
  req: Request;
  res: Response;
  principal: UserPrincipal;
  close(): void;
}

/**
 * The open `text/event-stream` responses. Each one is a hub subscription written straight to
 * Express (no JSON envelope): `id:` + `data:` per change, `event: reset` when a resume is
 * impossible, `event: session-ended` when the session is gone, `: keepalive` comments. One
 * shared timer runs only while streams are open.
 */
@Injectable()
export class LiveStreams implements OnModuleDestroy {
  private readonly logger = new Logger('live-events');
  private readonly streams = new Set<Stream>();
  private timer: NodeJS.Timeout | undefined;
  /** Tests shorten it; production keeps KEEPALIVE_MS. */
  keepaliveMs = KEEPALIVE_MS;

  constructor(
    private readonly hub: LiveEventHub,
    private readonly sessions: SessionAuthenticator,
  ) {}

  get size(): number {
    return this.streams.size;
  }

  open(req: Request, res: Response, principal: UserPrincipal): void {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    // nginx and similar proxies buffer responses unless told not to; an event must arrive now.
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    req.socket.setNoDelay(true);
    req.socket.setTimeout(0);
    const lastEventId = req.header('last-event-id') ?? undefined;
    let closed = false;
    const stream: Stream = {
      req,
      res,
      principal,
      close: () => {
        if (closed) return;
        closed = true;
        subscription.close();
        this.streams.delete(stream);
        if (this.streams.size === 0) this.stopTimer();
        if (!res.writableEnded) res.end();
      },
    };
    const subscription = this.hub.subscribe((event) => this.send(stream, event), lastEventId);
    this.streams.add(stream);
    this.startTimer();
    req.on('close', stream.close);
    res.on('error', stream.close);
    this.write(stream, `retry: ${RETRY_MS}\n\n`);
    if (subscription.missed === 'reset') {
      if (lastEventId !== undefined) this.write(stream, 'event: reset\ndata: {}\n\n');
    } else {
      for (const event of subscription.missed) this.send(stream, event);
    }
  }

  onModuleDestroy(): void {
    for (const stream of [...this.streams]) stream.close();
  }

  private send(stream: Stream, event: LiveEvent): void {
    if (!roleAtLeast(stream.principal.role, event.minRole)) return;
    const { minRole: _hidden, id, ...wire } = event;
    const message: LiveEventMessage = { id, ...wire };
    this.write(stream, `id: ${id}\ndata: ${JSON.stringify(message)}\n\n`);
  }

  private write(stream: Stream, text: string): void {
    if (stream.res.writableEnded) return;
    if (stream.res.writableLength > MAX_BUFFERED_BYTES) {
      this.logger.warn({ msg: 'live stream too far behind; closed', userId: stream.principal.id });
      stream.close();
      return;
    }
    stream.res.write(text);
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.keepaliveMs);
    this.timer.unref();
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Keepalive, and the session check: a logged-out, disabled or re-roled user stops receiving at once. */
  private async tick(): Promise<void> {
    for (const stream of [...this.streams]) {
      try {
        const principal = await this.sessions.authenticate(stream.req);
        if (principal.id !== stream.principal.id || principal.role !== stream.principal.role)
          throw new Error('principal changed');
        this.write(stream, ': keepalive\n\n');
      } catch {
        this.write(stream, 'event: session-ended\ndata: {}\n\n');
        stream.close();
      }
    }
  }
}
