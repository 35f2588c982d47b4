import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { type Express, json, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { AgentFastPath } from './agent-gateway/agent-fast-path';
import type { AppConfig } from './config/app-config';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { HttpMetricsMiddleware } from './maintenance/http-metrics.middleware';
import { bodyErrors, rejectContentEncoding, rejectUnsafeJson, requireObjectBodies } from './common/http/body-guards';
import { parseQuery } from './common/http/query';
import { requestIdMiddleware, requestIdOf } from './common/http/request-id';
import { consoleMiddleware } from './web/console.middleware';

/** Room for the JSON envelope around a maximal command result (docs/design/decisions.md, "Security headers and a body limit"). */
const BODY_OVERHEAD_BYTES = 64 * 1024;
const AGENT_API_PREFIX = '/api/agents/';
const KEEP_ALIVE_TIMEOUT_MS = 61_000;

/**
 * Everything main.ts and the e2e tests share: parsers, limits, headers, console, OpenAPI.
 * Call before `app.init()`/`listen()`.
 */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  const express = app.getHttpAdapter().getInstance();
  express.disable('x-powered-by');
  // API answers are small, uncached JSON; hashing each body for an ETag nobody sends back is waste.
  // (The console's files are served by consoleMiddleware with their own cache headers.)
  express.set('etag', false);
  // Behind a reverse proxy, the client address (login throttling, audit) comes from X-Forwarded-For.
  express.set('trust proxy', config.trustProxy);
  express.set('query parser', parseQuery);
  // Heartbeats and polls that are certainly valid are answered ahead of Express, its router and Nest's
  // pipeline; everything else goes on (docs/performance.md, "The fast path").
  if (config.agentFastPath) serveBeforeExpress(app, agentFastPath(app, config));
  app.use(requestIdMiddleware);
  // Helmet's headers (CSP, frame and referrer policies...) instruct browsers; the agent API is
  // machine-to-machine, and skipping helmet's 11 middlewares there is a large share of a heartbeat.
  const browserHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: false,
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!isAgentApi(req.url)) return browserHeaders(req, res, next);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  // Agents authenticate with a bearer token; their requests never need the cookie jar parsed.
  const cookies = cookieParser();
  app.use((req: Request, res: Response, next: NextFunction) =>
    isAgentApi(req.url) ? next() : cookies(req, res, next),
  );
  app.use(rejectContentEncoding);
  app.use(requireJsonBodies);
  // Not strict: every JSON value parses, so requireObjectBodies can tell "valid JSON, wrong shape"
  // (422) from text that does not parse (400 INVALID_JSON).
  app.use(json({ limit: config.commandResultMaxBytes + BODY_OVERHEAD_BYTES, type: isJsonRequest, strict: false }));
  app.use(bodyErrors);
  app.use(requireObjectBodies);
  app.use(rejectUnsafeJson);
  app.use(consoleMiddleware(config.staticDir));
  setupOpenApi(app, config);
  // Agents send their next request right after a long-poll (≤ 30 s) or heartbeat answer. With
  // Node's 5 s keep-alive, a busy server can time out a socket whose next request is already
  // waiting unread: the agent gets ECONNRESET and reconnects, which is more work for the server
  // just when it has least to spare (bench fleet hold). Idle sockets are kept for a minute.
  const server = app.getHttpServer();
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1000;
}

function agentFastPath(app: NestExpressApplication, config: AppConfig): RequestHandler {
  const filter = app.get(AllExceptionsFilter, { strict: false });
  const metrics = config.metricsEnabled ? app.get(HttpMetricsMiddleware, { strict: false }) : undefined;
  const expressResponse = expressResponseOf(app);
  return app.get(AgentFastPath, { strict: false }).middleware({
    expressResponse,
    renderError: (error, req, res) => {
      expressResponse(res);
      filter.respond(error, req, res);
    },
    ...(metrics ? { observe: (req: Request, res: Response, route: string) => metrics.observe(req, res, route) } : {}),
  });
}

/** Gives a response Express's prototype (its `status`, `json`...) if it does not have it yet. */
function expressResponseOf(app: NestExpressApplication): (res: Response) => void {
  const express: Express = app.getHttpAdapter().getInstance();
  return (res) => {
    if (Object.getPrototypeOf(res) !== express.response) Object.setPrototypeOf(res, express.response);
  };
}

/**
 * Puts `handler` in front of Express as the server's request listener. Express's own entry (its request
 * prototypes, the router walk, a final handler per request) was a twentieth of a heartbeat. The handler gets
 * the request with Express's prototype, the request id and `req.res`; the response keeps Node's own prototype
 * until the handler asks for Express's (`FastPathHooks.expressResponse`): swapping it gave every response a
 * hidden class of its own, kept for as long as a long-poll waits (docs/performance.md, "What limits the
 * fleet"). A request the handler passes on goes to Express unchanged, whose entry sets both prototypes. If the
 * server's listener is not Express itself, the handler becomes the first middleware instead.
 */
function serveBeforeExpress(app: NestExpressApplication, handler: RequestHandler): void {
  const server: Server = app.getHttpServer();
  const express: Express = app.getHttpAdapter().getInstance();
  if (!server.listeners('request').includes(express)) {
    app.use(requestIdMiddleware, handler);
    return;
  }
  server.removeListener('request', express);
  server.on('request', (incoming: IncomingMessage, outgoing: ServerResponse) => {
    Object.setPrototypeOf(incoming, express.request);
    const req = incoming as Request;
    // Typed as Express's for the handler, which asks for the prototype before it uses Express's helpers.
    const res = outgoing as Response;
    req.res = res;
    res.req = req;
    requestIdMiddleware(req, res, () => {
      void handler(req, res, () => {
        express(req, res);
      });
    });
  });
}

/** `/api/agents/...`: the bearer-token agent API (heartbeat, poll, results, service reports). */
export function isAgentApi(url: string): boolean {
  return url.startsWith(AGENT_API_PREFIX);
}

/**
 * `Content-Type: application/json`, any parameters, any case (what `req.is('application/json')`
 * accepts), checked by hand because both the 415 check and the body parser ask on every request.
 */
function isJsonRequest(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  if (type === undefined) return false;
  const semicolon = type.indexOf(';');
  return (semicolon === -1 ? type : type.slice(0, semicolon)).trim().toLowerCase() === 'application/json';
}

/** Mutations with a body must be JSON; anything else is 415 rather than a confusing 422. */
function requireJsonBodies(req: Request, res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody || req.method === 'GET' || req.method === 'HEAD' || isJsonRequest(req)) return next();
  res.status(415).json({
    success: false,
    error: {
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'Request bodies must be application/json.',
      requestId: requestIdOf(req),
    },
  });
}

/** Built on the first /api/docs request, not at boot: scanning every route was a tenth of the start-up
 * (docs/performance.md, "Start-up"). */
function setupOpenApi(app: INestApplication, config: AppConfig): void {
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app, config.version), {
    jsonDocumentUrl: 'api/docs-json',
    raw: ['json'],
  });
}

/** The OpenAPI document served at /api/docs-json and exported to docs/api/openapi.json. */
export function openApiDocument(app: INestApplication, version: string): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Opstage CE API')
      .setDescription('Admin API (session cookie + X-CSRF-Token) and agent API (bearer agent token).')
      .setVersion(version)
      .addCookieAuth('opstage_session')
      .addBearerAuth()
      .build(),
  );
}
