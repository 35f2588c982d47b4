"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Ctx = exports.CONTEXT_KEY = void 0;
exports.attachContext = attachContext;
exports.contextOf = contextOf;
const common_1 = require("@nestjs/common");
exports.CONTEXT_KEY = Symbol('opstage.ctx');
function attachContext(req, ctx) {
    req[exports.CONTEXT_KEY] = ctx;
}
function contextOf(req) {
    return req[exports.CONTEXT_KEY];
}
/** The RequestContext the global guard built for this request. */
exports.Ctx = (0, common_1.createParamDecorator)((_data, host) => {
    const ctx = contextOf(host.switchToHttp().getRequest());
    if (!ctx)
        throw new Error('RequestContext missing: the policy guard did not run');
    return ctx;
});
//# sourceMappingURL=ctx.decorator.js.map