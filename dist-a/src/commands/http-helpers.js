"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.closeSignal = closeSignal;
exports.userIdOf = userIdOf;
const domain_error_1 = require("../common/errors/domain-error");
/**
 * Aborts when the client goes away before we answered. We listen on the response, not the
 * request: since Node 16 `req` emits 'close' once its body is consumed, which for a GET is
 * immediately, while `res` 'close' before `finish` means the connection dropped.
 */
function closeSignal(res) {
    const controller = new AbortController();
    res.once('close', () => {
        if (!res.writableFinished)
            controller.abort();
    });
    return controller.signal;
}
/** Admin routes run with a user principal (the policy guard ensured it). */
function userIdOf(ctx) {
    if (ctx.principal.kind !== 'user')
        throw (0, domain_error_1.forbidden)();
    return ctx.principal.id;
}
//# sourceMappingURL=http-helpers.js.map