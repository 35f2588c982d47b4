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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.SessionsService = void 0;
const common_1 = require("@nestjs/common");
const app_config_1 = require("../config/app-config");
const token_service_1 = require("../common/crypto/token-service");
const id_generator_1 = require("../common/ids/id-generator");
const sessions_repository_1 = require("./sessions.repository");
/** 32 random bytes in base64url: what TokenService.generate() yields without a prefix. */
const RAW_SESSION_ID = /^[A-Za-z0-9_-]{43}$/;
/**
 * Database sessions (decision 6). Only SHA-256(raw id) is stored, so a leaked database or backup
 * cannot be replayed as a cookie. TTL is absolute from login. This sits below the users module
 * (it needs nothing but the database) so user changes can end sessions in their own transaction.
 */
let SessionsService = class SessionsService {
    config;
    repository;
    tokens;
    ids;
    constructor(config, repository, tokens, ids) {
        this.config = config;
        this.repository = repository;
        this.tokens = tokens;
        this.ids = ids;
    }
    async create(ctx, userId, em) {
        const rawId = this.tokens.generate();
        const session = {
            id: this.ids.next('ses'),
            userId,
            idHash: this.tokens.hash(rawId),
            csrfToken: this.tokens.generate(),
            expiresAt: new Date(ctx.now.getTime() + this.config.sessionTtlSeconds * 1000).toISOString(),
            ipAddress: ctx.ip,
            userAgent: ctx.userAgent,
            createdAt: ctx.nowIso,
        };
        await this.repository.insert(session, em);
        return { rawId, session };
    }
    /** The live session for a cookie value, or null. An expired row is deleted on sight. */
    async resolve(rawId, now) {
        if (!rawId || !RAW_SESSION_ID.test(rawId))
            return null;
        const session = await this.repository.findByIdHash(this.tokens.hash(rawId));
        if (!session)
            return null;
        if (session.expiresAt <= now.toISOString()) {
            await this.repository.deleteById(session.id);
            return null;
        }
        return session;
    }
    findById(id) {
        return this.repository.findById(id);
    }
    /** Ends the session a browser presented (login replaces it, so an old id never lingers). */
    async endByRawId(rawId, em) {
        if (!rawId || !RAW_SESSION_ID.test(rawId))
            return 0;
        return this.repository.deleteByIdHash(this.tokens.hash(rawId), em);
    }
    end(sessionId, em) {
        return this.repository.deleteById(sessionId, em);
    }
    /** Ends every session of a user: password reset, disable and role change call this in their transaction. */
    revokeAllForUser(userId, em) {
        return this.repository.deleteByUser(userId, em);
    }
    /** A fresh synchronizer token for the session; the previous one stops working at once. */
    async rotateCsrf(sessionId, em) {
        const csrfToken = this.tokens.generate();
        return (await this.repository.updateCsrf(sessionId, csrfToken, em)) ? csrfToken : null;
    }
    /** Constant-time check of a presented CSRF token against the session's. */
    csrfMatches(session, presented) {
        if (typeof presented !== 'string' || presented.length === 0)
            return false;
        return this.tokens.safeEqual(presented, session.csrfToken);
    }
    /** For the maintenance sweep: deletes sessions whose absolute TTL has passed; returns the count. */
    purgeExpired(ctx, now = ctx.now) {
        return this.repository.deleteExpired(now.toISOString());
    }
    countForUser(userId) {
        return this.repository.countByUser(userId);
    }
};
exports.SessionsService = SessionsService;
exports.SessionsService = SessionsService = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(app_config_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object, sessions_repository_1.SessionsRepository,
        token_service_1.TokenService,
        id_generator_1.IdGenerator])
], SessionsService);
//# sourceMappingURL=sessions.service.js.map