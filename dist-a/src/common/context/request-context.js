"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RequestContext = void 0;
exports.clientIp = clientIp;
const request_id_1 = require("../http/request-id");
/** Who is acting, from where, and when: the first argument of every caller-facing service method. */
class RequestContext {
    requestId;
    principal;
    ip;
    userAgent;
    now;
    constructor(requestId, principal, ip, userAgent, now) {
        this.requestId = requestId;
        this.principal = principal;
        this.ip = ip;
        this.userAgent = userAgent;
        this.now = now;
    }
    get nowIso() {
        return this.now.toISOString();
    }
    static fromRequest(req, principal, clock) {
        return new RequestContext((0, request_id_1.requestIdOf)(req), principal, clientIp(req), req.header('user-agent') ?? null, clock.now());
    }
    /** The scheduler and bootstrap act as `system`, so audit rows get an honest actor. */
    static system(clock) {
        return new RequestContext(`sys_${clock.nowMs()}`, { kind: 'system', id: null }, null, null, clock.now());
    }
}
exports.RequestContext = RequestContext;
function clientIp(req) {
    return req.ip ?? req.socket.remoteAddress ?? null;
}
//# sourceMappingURL=request-context.js.map