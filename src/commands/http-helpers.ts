import type { Response } from 'express';
import type { Socket } from 'node:net';
import type { RequestContext } from '../common/context/request-context';
import { forbidden } from '../common/errors/domain-error';
import type { CommandCreator } from './command-creation.service';
import type { PollClient } from './parked-poll';

/**
 * Aborts when the client goes away before we answered. We listen on the response, not the
 * request: since Node 16 `req` emits 'close' once its body is consumed, which for a GET is
 * immediately, while `res` 'close' before `finish` means the connection dropped. The socket's
 * 'end' (the client closed its side) counts too: Node answers it by ending the socket, but the
 * response's 'close' can come after other requests were served, and a long-poll woken in that
 * gap would claim commands for a client that is gone (docs/operations.md, Reliability).
 */
export function closeSignal(res: Response): AbortSignal {
  const controller = new AbortController();
  const socket = socketOf(res);
  // Guards and pipes (the agent's token lookup, a database read) ran before the controller asks
  // for this, so the client may already be gone: those events fired then and never fire again.
  // Missing them parked a long-poll for its whole wait on a socket that was closed.
  if (clientGone(res)) {
    controller.abort();
    return controller.signal;
  }
  const onEnd = (): void => controller.abort();
  socket.once('end', onEnd);
  res.once('close', () => {
    socket.off('end', onEnd);
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

/**
 * A command poll's client on an Express response. A poll that answers at once only asks `gone` before it
 * claims (a listener pair per request was a tenth of an empty poll's CPU); a waiting one also watches the
 * same events as `closeSignal`, without an AbortController per parked poll.
 */
export class ResponsePollClient implements PollClient {
  constructor(private readonly res: Response) {}

  gone(): boolean {
    return clientGone(this.res);
  }

  watch(listener: () => void): void {
    socketOf(this.res).on('end', listener);
    this.res.on('close', listener);
  }

  unwatch(listener: () => void): void {
    socketOf(this.res).off('end', listener);
    this.res.off('close', listener);
  }
}

/** The connection closed, or the client ended its side, before the answer was written. */
function clientGone(res: Response): boolean {
  if (res.writableFinished) return false;
  const socket = socketOf(res);
  return res.destroyed || socket.destroyed || socket.readableEnded;
}

/** The connection: a pipelined response has no socket of its own until the ones before it are written. */
function socketOf(res: Response): Socket {
  return res.socket ?? res.req.socket;
}

/** Who creates a command from an admin route: the signed-in user or the API token (the policy guard ensured one). */
export function creatorOf(ctx: RequestContext): CommandCreator {
  if (ctx.principal.kind === 'user') return { type: 'USER', id: ctx.principal.id };
  if (ctx.principal.kind === 'api-token') return { type: 'API_TOKEN', id: ctx.principal.id };
  throw forbidden();
}
