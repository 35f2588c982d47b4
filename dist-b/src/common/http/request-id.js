"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requestIdMiddleware = requestIdMiddleware;
exports.requestIdOf = requestIdOf;
const node_crypto_1 = require("node:crypto");
const REQUEST_ID = Symbol('opstage.requestId');
const VALID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Adopts a sane incoming `X-Request-Id` (proxies set one) or makes one, and echoes it back. */
function requestIdMiddleware(req, res, next) {
    const incoming = req.header('x-request-id');
    const id = incoming && VALID.test(incoming) ? incoming : `req_${(0, node_crypto_1.randomUUID)()}`;
    req[REQUEST_ID] = id;
    res.setHeader('X-Request-Id', id);
    next();
}
function requestIdOf(req) {
    return req[REQUEST_ID] ?? 'unknown';
}
//# sourceMappingURL=request-id.js.map