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
exports.AuthService = exports.INVALID_LOGIN_MESSAGE = void 0;
const common_1 = require("@nestjs/common");
const audit_service_1 = require("../audit/audit.service");
const password_hasher_1 = require("../common/crypto/password-hasher");
const domain_error_1 = require("../common/errors/domain-error");
const transaction_runner_1 = require("../database/transaction-runner");
const users_mapper_1 = require("../users/users.mapper");
const users_repository_1 = require("../users/users.repository");
const login_throttle_1 = require("./login-throttle");
const sessions_service_1 = require("./sessions.service");
exports.INVALID_LOGIN_MESSAGE = 'Invalid username or password.';
/** Login, logout, `me` and CSRF rotation (backend.md §4.3 with decisions 5–7). */
let AuthService = class AuthService {
    tx;
    users;
    sessions;
    audit;
    hasher;
    throttle;
    constructor(tx, users, sessions, audit, hasher, throttle) {
        this.tx = tx;
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
        this.hasher = hasher;
        this.throttle = throttle;
    }
    /**
     * The credential check behind the passport-local strategy. Unknown users cost one argon2
     * verification like known ones; unknown, disabled and wrong-password share one answer.
     */
    async verifyCredentials(ctx, username, password) {
        this.throttle.assertAllowed(username, ctx.ip);
        const user = await this.users.findByUsername(username);
        const ok = user ? await this.hasher.verify(user.passwordHash, password) : await this.hasher.verifyDummy(password);
        if (user && ok && user.status === 'ACTIVE')
            return user;
        this.throttle.recordFailure(username, ctx.ip);
        await this.audit.record(ctx, {
            action: 'session.login.failed',
            result: 'FAILURE',
            message: 'Invalid login attempt',
            metadata: { username },
            actor: { type: 'USER', id: null },
        });
        throw (0, domain_error_1.unauthorized)(exports.INVALID_LOGIN_MESSAGE);
    }
    /**
     * Always a brand-new session id (no fixation); the session the browser presented, if any,
     * ends in the same transaction.
     */
    async login(ctx, user, presentedRawId) {
        this.throttle.recordSuccess(user.username, ctx.ip);
        return this.tx.run(async (em) => {
            await this.sessions.endByRawId(presentedRawId, em);
            const { rawId, session } = await this.sessions.create(ctx, user.id, em);
            await this.users.update(user.id, { lastLoginAt: ctx.nowIso, updatedAt: ctx.nowIso }, em);
            await this.audit.record(ctx, { action: 'session.login.succeeded', actor: { type: 'USER', id: user.id } }, em);
            return {
                user: (0, users_mapper_1.toPublicUser)({ ...user, lastLoginAt: ctx.nowIso, updatedAt: ctx.nowIso }),
                csrfToken: session.csrfToken,
                expiresAt: session.expiresAt,
                rawSessionId: rawId,
            };
        });
    }
    async logout(ctx) {
        const principal = userOf(ctx);
        await this.tx.run(async (em) => {
            await this.sessions.end(principal.sessionId, em);
            await this.audit.record(ctx, { action: 'session.logout', targetType: 'User', targetId: principal.id }, em);
        });
    }
    async me(ctx) {
        const principal = userOf(ctx);
        const [session, user] = await Promise.all([this.sessions.findById(principal.sessionId), this.users.findById(principal.id)]);
        if (!session || !user)
            throw (0, domain_error_1.unauthorized)();
        return { user: (0, users_mapper_1.toPublicUser)(user), csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    }
    /** Rotates the synchronizer token; the old one stops working immediately. The TTL does not slide. */
    async refreshCsrf(ctx) {
        const principal = userOf(ctx);
        return this.tx.run(async (em) => {
            const session = await this.sessions.findById(principal.sessionId);
            const csrfToken = session ? await this.sessions.rotateCsrf(session.id, em) : null;
            if (!session || !csrfToken)
                throw (0, domain_error_1.unauthorized)();
            await this.audit.record(ctx, { action: 'session.csrf.refreshed', targetType: 'User', targetId: principal.id }, em);
            return { csrfToken, expiresAt: session.expiresAt };
        });
    }
};
exports.AuthService = AuthService;
exports.AuthService = AuthService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [transaction_runner_1.TransactionRunner,
        users_repository_1.UsersRepository,
        sessions_service_1.SessionsService,
        audit_service_1.AuditService,
        password_hasher_1.PasswordHasher,
        login_throttle_1.LoginThrottle])
], AuthService);
function userOf(ctx) {
    if (ctx.principal.kind !== 'user')
        throw (0, domain_error_1.unauthorized)();
    return ctx.principal;
}
//# sourceMappingURL=auth.service.js.map