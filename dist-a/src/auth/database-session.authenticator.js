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
exports.DatabaseSessionAuthenticator = exports.CSRF_HEADER = void 0;
const common_1 = require("@nestjs/common");
const authenticators_1 = require("../common/auth/authenticators");
const domain_error_1 = require("../common/errors/domain-error");
const clock_1 = require("../common/time/clock");
const users_repository_1 = require("../users/users.repository");
const session_cookie_1 = require("./session-cookie");
const sessions_service_1 = require("./sessions.service");
exports.CSRF_HEADER = 'x-csrf-token';
/**
 * cookie → SHA-256 → sessions row (not expired) → ACTIVE user, on every request, so role
 * changes and disables take effect at once. CSRF is a synchronizer token stored on the session
 * (decision 7), compared in constant time.
 */
let DatabaseSessionAuthenticator = class DatabaseSessionAuthenticator extends authenticators_1.SessionAuthenticator {
    sessions;
    users;
    cookie;
    clock;
    /** The session row found by `authenticate`, reused by `verifyCsrf` for the same request. */
    resolved = new WeakMap();
    constructor(sessions, users, cookie, clock) {
        super();
        this.sessions = sessions;
        this.users = users;
        this.cookie = cookie;
        this.clock = clock;
    }
    async authenticate(req) {
        const session = await this.sessions.resolve(this.cookie.read(req), this.clock.now());
        if (!session)
            throw (0, domain_error_1.unauthorized)();
        const user = await this.users.findById(session.userId);
        if (!user || user.status !== 'ACTIVE')
            throw (0, domain_error_1.unauthorized)();
        this.resolved.set(req, session);
        return { kind: 'user', id: user.id, username: user.username, role: user.role, sessionId: session.id };
    }
    async verifyCsrf(req, principal) {
        const session = this.resolved.get(req) ?? (await this.sessions.findById(principal.sessionId));
        const presented = req.header(exports.CSRF_HEADER);
        if (!session || session.id !== principal.sessionId || !this.sessions.csrfMatches(session, presented)) {
            throw new domain_error_1.DomainError('CSRF_INVALID', 'CSRF token missing or invalid.');
        }
    }
};
exports.DatabaseSessionAuthenticator = DatabaseSessionAuthenticator;
exports.DatabaseSessionAuthenticator = DatabaseSessionAuthenticator = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [sessions_service_1.SessionsService,
        users_repository_1.UsersRepository,
        session_cookie_1.SessionCookie,
        clock_1.Clock])
], DatabaseSessionAuthenticator);
//# sourceMappingURL=database-session.authenticator.js.map