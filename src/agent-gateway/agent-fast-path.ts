import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ResponsePollClient } from '../commands/http-helpers';
import type { PollReceiver, PollResult } from '../commands/parked-poll';
import { AgentAuthenticator } from '../common/auth/authenticators';
import { RequestContext } from '../common/context/request-context';
import { bodyErrors, INVALID_JSON_ERROR, jsonBodyIssue } from '../common/http/body-guards';
import { envelope, WithEnvelopeExtras } from '../common/http/envelope';
import { handChecked, isPlainRecord } from '../common/http/hand-checked';
import { parseQuery } from '../common/http/query';
import { Clock } from '../common/time/clock';
import { AgentGatewayService } from './agent-gateway.service';
import { authenticatedAgentOf, detachAgent } from './authenticated-agent';
import { HeartbeatDto } from './dto/agent-requests.dto';
import { MAX_POLL_LIMIT, PollCommandsQueryDto } from './dto/poll-query.dto';

/** The routes as Nest registers them in Express: the labels of metrics and rejection audits. */
export const HEARTBEAT_ROUTE = '/api/agents/:agentId/heartbeat';
export const POLL_ROUTE = '/api/agents/:agentId/commands';

/** Only the canonical spelling: every other one (case, trailing slash, escapes) goes the whole way through the router. */
const HEARTBEAT_PATH = /^\/api\/agents\/(agt_[0-9A-HJKMNP-TV-Z]{26})\/heartbeat$/;
const POLL_PATH = /^\/api\/agents\/(agt_[0-9A-HJKMNP-TV-Z]{26})\/commands(?:\?[^\s#\u00a0\ufeff]*)?$/;
/** Heartbeats are a few hundred bytes; a larger body is rare enough to take the ordinary path. */
const MAX_FAST_BODY_BYTES = 16 * 1024;
const JSON_TYPES = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);

/** What the fast path needs from the application around it (configureApp supplies it). */
export interface FastPathHooks {
  /**
   * Gives the response Express's prototype: the server's listener leaves Node's own until something needs
   * Express's helpers (`status`, `json`). `renderError` does it itself.
   */
  expressResponse(res: Response): void;
  /** Renders a failure exactly as Nest's exception filter does. */
  renderError(error: unknown, req: Request, res: Response): void;
  /** Counts a request served here, as the HTTP metrics middleware would (when metrics are on). */
  observe?(req: Request, res: Response, routePattern: string): void;
}

/**
 * The agent heartbeat and the command poll served ahead of Express's router and Nest's pipeline
 * (docs/performance.md, "Agent hot path"): they are most of the server's requests, and the
 * router, the body parser and Nest's per-request machinery were a third of their CPU. Only requests
 * whose outcome is certain take it: the canonical path, a small UTF-8 JSON body (or none for the
 * poll), a body or query that the DTO's hand check accepts and that the body guards would pass.
 * Anything else goes on to the ordinary pipeline untouched, or with `req.body` already parsed
 * (the body parser then skips it), so every 4xx comes from the same code as before. On the fast
 * path itself the same authenticator, services and exception renderer run, in the same order
 * (authentication before the handler), so the answers, audits and side effects are identical.
 */
@Injectable()
export class AgentFastPath {
  /** Requests answered here since start (diagnostics and the equivalence tests). */
  served = 0;

  constructor(
    private readonly authenticator: AgentAuthenticator,
    private readonly gateway: AgentGatewayService,
    private readonly clock: Clock,
  ) {}

  /** The request handler in front of Express (`serveBeforeExpress`, app.setup.ts); `next` hands a request on to Express. */
  middleware(hooks: FastPathHooks): RequestHandler {
    return (req: Request, res: Response, next: NextFunction): void => {
      const url = req.url;
      if (req.method === 'POST') {
        const match = HEARTBEAT_PATH.exec(url);
        if (!match || !hasSmallJsonBody(req)) return next();
        // As the ordinary pipeline sets it on every agent route, before anything can answer.
        res.setHeader('X-Content-Type-Options', 'nosniff');
        this.readBody(req, res, next, match[1] ?? '', hooks);
        return;
      }
      if (req.method === 'GET') {
        const match = POLL_PATH.exec(url);
        if (!match || hasBody(req)) return next();
        const query = handChecked(PollCommandsQueryDto, queryOf(url));
        if (query === undefined) return next();
        res.setHeader('X-Content-Type-Options', 'nosniff');
        this.serve(req, res, hooks, POLL_ROUTE, match[1] ?? '', (ctx, reply) => {
          const agent = authenticatedAgentOf(req);
          detachAgent(req);
          const waitSeconds = query.waitSeconds ?? 0;
          const limit = query.limit ?? MAX_POLL_LIMIT;
          this.gateway.poll(ctx, agent, limit, waitSeconds, new ResponsePollClient(res), reply);
        });
        return;
      }
      next();
    };
  }

  private readBody(req: Request, res: Response, next: NextFunction, agentId: string, hooks: FastPathHooks): void {
    const chunks: Buffer[] = [];
    // A client that drops the connection mid-body: nobody is left to answer (as with the body parser).
    req.once('error', () => undefined);
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => {
      const body = parseJson(Buffer.concat(chunks).toString('utf8'));
      // From here the stream is consumed: an uncertain body goes on already parsed (the body
      // parser sees a finished request and skips it), so the body guards and the validation
      // pipe answer as they always do. Only text that is not JSON at all is answered here.
      if (body === NOT_JSON) {
        hooks.expressResponse(res);
        return bodyErrors(INVALID_JSON_ERROR, req, res, next);
      }
      req.body = body;
      const dto = isPlainRecord(body) && jsonBodyIssue(body) === null ? handChecked(HeartbeatDto, body) : undefined;
      if (dto === undefined) return next();
      this.serve(req, res, hooks, HEARTBEAT_ROUTE, agentId, (ctx, reply) => {
        this.gateway.heartbeat(ctx, authenticatedAgentOf(req), dto).then(
          (result) => reply.ok(result),
          (error: unknown) => reply.fail(error),
        );
      });
    });
  }

  /**
   * Authentication as the policy guard does it, then the handler, which answers through `reply`: the envelope
   * or the rendered error. No promise outlives authentication, so a parked poll holds only its record.
   */
  private serve(
    req: Request,
    res: Response,
    hooks: FastPathHooks,
    route: string,
    agentId: string,
    handle: (ctx: RequestContext, reply: Reply) => void,
  ): void {
    this.served++;
    hooks.observe?.(req, res, route);
    const reply = new Reply(req, res, hooks);
    this.authenticator.authenticate(req, agentId, route).then(
      (principal) => {
        try {
          handle(RequestContext.fromRequest(req, principal, this.clock), reply);
        } catch (error) {
          reply.fail(error);
        }
      },
      (error: unknown) => reply.fail(error),
    );
  }
}

/** One fast-path answer: the envelope of a result, or the error as Nest's filter renders it. */
class Reply implements PollReceiver {
  constructor(
    private readonly req: Request,
    private readonly res: Response,
    private readonly hooks: FastPathHooks,
  ) {}

  ok(result: unknown): void {
    writeJson(this.res, envelope(result));
  }

  fail(error: unknown): void {
    this.hooks.renderError(error, this.req, this.res);
  }

  polled(out: PollResult): void {
    this.ok(new WithEnvelopeExtras(out.commands, { cancelledCommandIds: out.cancelledCommandIds }));
  }

  failed(error: unknown): void {
    this.fail(error);
  }
}

const NOT_JSON = Symbol('not JSON');

/**
 * A 200 with exactly the headers Express's `res.json` writes here (ETags are off, see app.setup.ts), without
 * its content-type negotiation and charset rewriting on every answer.
 */
function writeJson(res: Response, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

/**
 * The query as Express's `req.query` would give it, without the parsed URL Express keeps on the request: the
 * text after the first `?` through the application's parser. POLL_PATH admits no character that makes
 * Express parse the URL another way (white space, `#`).
 */
function queryOf(url: string): Record<string, string> {
  const mark = url.indexOf('?');
  return mark === -1 ? {} : parseQuery(url.slice(mark + 1));
}

function parseJson(text: string): unknown {
  try {
    // The body parser's decoder drops a byte-order mark; JSON.parse would not.
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return NOT_JSON;
  }
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/** A body the ordinary JSON parser would read as UTF-8 JSON without complaint, and small. */
function hasSmallJsonBody(req: Request): boolean {
  const { headers } = req;
  const type = headers['content-type'];
  if (type === undefined || !JSON_TYPES.has(type.toLowerCase())) return false;
  if (headers['content-encoding'] !== undefined || headers['transfer-encoding'] !== undefined) return false;
  const length = headers['content-length'];
  if (length === undefined || !/^[1-9][0-9]{0,5}$/.test(length)) return false;
  return Number(length) <= MAX_FAST_BODY_BYTES;
}
