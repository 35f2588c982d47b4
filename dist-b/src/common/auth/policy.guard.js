"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.PolicyGuard = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const clock_1 = require("../time/clock");
const ctx_decorator_1 = require("../context/ctx.decorator");
const request_context_1 = require("../context/request-context");
const domain_error_1 = require("../errors/domain-error");
const authenticators_1 = require("./authenticators");
const policy_decorators_1 = require("./policy.decorators");
const role_1 = require("./role");
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * The one global guard (house rule 5): every route must declare `@Public`, `@Roles` or
 * `@AgentAuth`; anything else is refused. Order of checks as REF: session (401), CSRF (403),
 * role (403).
 */
let PolicyGuard = class PolicyGuard {
    reflector;
    clock;
    sessions;
    agents;
    constructor(reflector, clock, sessions, agents) {
        this.reflector = reflector;
        this.clock = clock;
        this.sessions = sessions;
        this.agents = agents;
    }
    async canActivate(context) {
        const req = context.switchToHttp().getRequest();
        const policy = this.reflector.getAllAndOverride(policy_decorators_1.POLICY_KEY, [context.getHandler(), context.getClass()]);
        if (!policy)
            throw new domain_error_1.DomainError('FORBIDDEN', 'Route has no access policy.', undefined, 403);
        switch (policy.kind) {
            case 'public':
                (0, ctx_decorator_1.attachContext)(req, request_context_1.RequestContext.fromRequest(req, { kind: 'anonymous', id: null }, this.clock));
                return true;
            case 'agent': {
                const agentId = typeof req.params.agentId === 'string' ? req.params.agentId : undefined;
                const principal = await this.agents.authenticate(req, agentId);
                (0, ctx_decorator_1.attachContext)(req, request_context_1.RequestContext.fromRequest(req, principal, this.clock));
                return true;
            }
            case 'roles': {
                const principal = await this.sessions.authenticate(req);
                if (!SAFE_METHODS.has(req.method))
                    await this.sessions.verifyCsrf(req, principal);
                if (!(0, role_1.roleAtLeast)(principal.role, policy.role))
                    throw (0, domain_error_1.forbidden)();
                (0, ctx_decorator_1.attachContext)(req, request_context_1.RequestContext.fromRequest(req, principal, this.clock));
                return true;
            }
            default: {
                const unreachable = policy;
                throw new Error(`unknown policy ${JSON.stringify(unreachable)}`);
            }
        }
    }
};
exports.PolicyGuard = PolicyGuard;
exports.PolicyGuard = PolicyGuard = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [core_1.Reflector,
        clock_1.Clock,
        authenticators_1.SessionAuthenticator,
        authenticators_1.AgentAuthenticator])
], PolicyGuard);
//# sourceMappingURL=policy.guard.js.map