import { once } from 'node:events';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import type { Response } from 'express';
import { closeSignal, ResponsePollClient } from './http-helpers';

/**
 * `closeSignal` on a real HTTP server. Guards and pipes (the agent token lookup, a database read)
 * run before a controller can call it, so the client may already be gone by then: its 'close' or
 * 'end' event has fired and will not fire again. These tests hold the handler until that has
 * happened, then ask for the signal.
 */
describe('closeSignal', () => {
  let server: Server;
  let port: number;
  let handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;

  beforeEach(async () => {
    server = createServer((req, res) => void handle(req, res));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });

  /** What the handler saw; resolves once the handler ran. */
  function serve(
    body: (req: IncomingMessage, res: ServerResponse) => Promise<AbortSignal>,
  ): Promise<{ signal: AbortSignal }> {
    return new Promise((resolve, reject) => {
      handle = async (req, res) => {
        try {
          resolve({ signal: await body(req, res) });
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      };
    });
  }

  const asExpress = (res: ServerResponse): Response => res as Response;

  it('is already aborted when the client dropped the connection before it was asked for', async () => {
    const seen = serve(async (_req, res) => {
      // Stands in for the guard's database read that outlasted the client.
      await once(res, 'close');
      return closeSignal(asExpress(res));
    });
    const client = request({ port, host: '127.0.0.1', path: '/commands?waitSeconds=25' });
    client.on('error', () => undefined);
    // The request is parsed and the handler runs (this listener comes after it) before the client goes away.
    server.once('request', () => client.destroy());
    client.end();
    const { signal } = await seen;
    expect(signal.aborted).toBe(true);
  });

  it('is already aborted when the client half-closed its side before it was asked for', async () => {
    const seen = serve(async (req, res) => {
      if (!req.socket.readableEnded) await once(req.socket, 'end');
      const signal = closeSignal(asExpress(res));
      res.end();
      return signal;
    });
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.end(`GET /commands?waitSeconds=25 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    const { signal } = await seen;
    expect(signal.aborted).toBe(true);
    socket.destroy();
  });

  it('stays quiet while the client waits, aborts when it leaves later, and never after the answer', async () => {
    let release: (() => void) | undefined;
    const seen = serve(async (_req, res) => {
      const signal = closeSignal(asExpress(res));
      await new Promise<void>((resolve) => (release = resolve));
      return signal;
    });
    const client = request({ port, host: '127.0.0.1', path: '/commands?waitSeconds=25' });
    client.on('error', () => undefined);
    const gone = new Promise<void>((resolve) =>
      server.once('request', (_req: IncomingMessage, res: ServerResponse) => {
        res.once('close', () => resolve());
        client.destroy();
      }),
    );
    client.end();
    await gone;
    release?.();
    const { signal } = await seen;
    expect(signal.aborted).toBe(true);

    const answered = serve(async (_req, res) => {
      const s = closeSignal(asExpress(res));
      expect(s.aborted).toBe(false);
      res.end('ok');
      await once(res, 'close');
      return s;
    });
    const ok = request({ port, host: '127.0.0.1', path: '/x' });
    ok.end();
    const [response] = (await once(ok, 'response')) as [IncomingMessage];
    response.resume();
    await once(response, 'end');
    const { signal: afterAnswer } = await answered;
    expect(afterAnswer.aborted).toBe(false);
  });

  it('ResponsePollClient: gone only once the client left; watch and unwatch add and remove the same listeners', async () => {
    const seen = serve(async (_req, res) => {
      const client = new ResponsePollClient(asExpress(res));
      const closeListeners = res.listenerCount('close');
      const endListeners = res.socket!.listenerCount('end');
      expect(client.gone()).toBe(false);
      let calls = 0;
      const listener = (): void => void calls++;
      client.watch(listener);
      expect(res.listenerCount('close')).toBe(closeListeners + 1);
      expect(res.socket!.listenerCount('end')).toBe(endListeners + 1);
      await once(res, 'close');
      expect(client.gone()).toBe(true);
      expect(calls).toBeGreaterThan(0);
      client.unwatch(listener);
      expect(res.listenerCount('close')).toBe(closeListeners);
      return AbortSignal.abort();
    });
    const client = request({ port, host: '127.0.0.1', path: '/commands?waitSeconds=5' });
    client.on('error', () => undefined);
    server.once('request', () => setImmediate(() => client.destroy()));
    client.end();
    await seen;
  });
});
