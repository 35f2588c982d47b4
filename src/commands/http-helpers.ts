import type { Response } from 'express';
import type { RequestContext } from '../common/context/request-context';
import { forbidden } from '../common/errors/domain-error';
import type { CommandCreator } from './command-creation.service';

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
  // A pipelined response has no socket of its own until the ones before it are written.
  const socket = res.socket ?? res.req.socket;
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
 * The signal a command poll needs. A poll that may wait gets `closeSignal`; one that answers at once
 * (`waitSeconds` 0) consults its signal only before it claims anything, so it needs no listeners, only to know
 * whether the client is already gone (a listener pair per request was a tenth of an empty poll's CPU).
 */
export function pollSignal(res: Response, waitSeconds: number): AbortSignal | undefined {
  if (waitSeconds > 0) return closeSignal(res);
  return clientGone(res) ? AbortSignal.abort() : undefined;
}

/** The connection closed, or the client ended its side, before the answer was written. */
function clientGone(res: Response): boolean {
  if (res.writableFinished) return false;
  const socket = res.socket ?? res.req.socket;
  return res.destroyed || socket.destroyed || socket.readableEnded;
}

/** Who creates a command from an admin route: the signed-in user or the API token (the policy guard ensured one). */
export function creatorOf(ctx: RequestContext): CommandCreator {
  if (ctx.principal.kind === 'user') return { type: 'USER', id: ctx.principal.id };
  if (ctx.principal.kind === 'api-token') return { type: 'API_TOKEN', id: ctx.principal.id };
  throw forbidden();
}
