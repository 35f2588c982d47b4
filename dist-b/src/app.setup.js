"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.configureApp = configureApp;
exports.isAgentApi = isAgentApi;
const swagger_1 = require("@nestjs/swagger");
const cookie_parser_1 = __importDefault(require("cookie-parser"));
const express_1 = require("express");
const helmet_1 = __importDefault(require("helmet"));
const node_querystring_1 = require("node:querystring");
const request_id_1 = require("./common/http/request-id");
const console_middleware_1 = require("./web/console.middleware");
/** Room for the JSON envelope around a maximal command result (decision 13). */
const BODY_OVERHEAD_BYTES = 64 * 1024;
const AGENT_API_PREFIX = '/api/agents/';
/**
 * Everything main.ts and the e2e tests share: parsers, limits, headers, console, OpenAPI.
 * Call before `app.init()`/`listen()`.
 */
function configureApp(app, config) {
    const express = app.getHttpAdapter().getInstance();
    express.disable('x-powered-by');
    // API answers are small, uncached JSON; hashing each body for an ETag nobody sends back is waste.
    // (The console's files are served by consoleMiddleware with their own cache headers.)
    express.set('etag', false);
    // Behind a reverse proxy, the client address (login throttling, audit) comes from X-Forwarded-For.
    express.set('trust proxy', config.trustProxy);
    // Repeated query keys take the first value and no nested objects are built (REF semantics).
    express.set('query parser', (qs) => firstValues((0, node_querystring_1.parse)(qs)));
    app.use(request_id_1.requestIdMiddleware);
    // Helmet's headers (CSP, frame and referrer policies...) instruct browsers; the agent API is
    // machine-to-machine, and skipping helmet's 11 middlewares there is a large share of a heartbeat.
    const browserHeaders = (0, helmet_1.default)({
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
    app.use((req, res, next) => {
        if (!isAgentApi(req.url))
            return browserHeaders(req, res, next);
        res.setHeader('X-Content-Type-Options', 'nosniff');
        next();
    });
    app.use((0, cookie_parser_1.default)());
    app.use(requireJsonBodies);
    app.use((0, express_1.json)({ limit: config.commandResultMaxBytes + BODY_OVERHEAD_BYTES, type: isJsonRequest }));
    app.use(bodyErrors);
    app.use((0, console_middleware_1.consoleMiddleware)(config.staticDir));
    setupOpenApi(app, config);
}
/** `/api/agents/...`: the bearer-token agent API (heartbeat, poll, results, service reports). */
function isAgentApi(url) {
    return url.startsWith(AGENT_API_PREFIX);
}
function firstValues(parsed) {
    const out = {};
    for (const [k, v] of Object.entries(parsed)) {
        const first = Array.isArray(v) ? v[0] : v;
        if (first !== undefined && first !== '')
            out[k] = first;
    }
    return out;
}
/**
 * `Content-Type: application/json`, any parameters, any case (what `req.is('application/json')`
 * accepts), checked by hand because both the 415 check and the body parser ask on every request.
 */
function isJsonRequest(req) {
    const type = req.headers['content-type'];
    if (type === undefined)
        return false;
    const semicolon = type.indexOf(';');
    return (semicolon === -1 ? type : type.slice(0, semicolon)).trim().toLowerCase() === 'application/json';
}
/** Mutations with a body must be JSON; anything else is 415 rather than a confusing 422. */
function requireJsonBodies(req, res, next) {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (!hasBody || req.method === 'GET' || req.method === 'HEAD' || isJsonRequest(req))
        return next();
    res.status(415).json({
        success: false,
        error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Request bodies must be application/json.', requestId: (0, request_id_1.requestIdOf)(req) },
    });
}
/** body-parser failures become stable envelope errors instead of framework messages. */
function bodyErrors(error, req, res, next) {
    const type = error && typeof error === 'object' && 'type' in error ? (error).type : undefined;
    const rendered = type === 'entity.parse.failed'
        ? { status: 400, code: 'INVALID_JSON', message: 'Request body is not valid JSON.' }
        : type === 'entity.too.large'
            ? { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large.' }
            : type === 'encoding.unsupported' || type === 'charset.unsupported'
                ? { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported request encoding.' }
                : undefined;
    if (!rendered)
        return next(error);
    res.status(rendered.status).json({ success: false, error: { code: rendered.code, message: rendered.message, requestId: (0, request_id_1.requestIdOf)(req) } });
}
function setupOpenApi(app, config) {
    const document = swagger_1.SwaggerModule.createDocument(app, new swagger_1.DocumentBuilder()
        .setTitle('Opstage CE API')
        .setDescription('Admin API (session cookie + X-CSRF-Token) and agent API (bearer agent token).')
        .setVersion(config.version)
        .addCookieAuth('opstage_session')
        .addBearerAuth()
        .build());
    swagger_1.SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', raw: ['json'] });
}
//# sourceMappingURL=app.setup.js.map