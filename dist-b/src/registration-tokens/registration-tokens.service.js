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
exports.RegistrationTokensService = void 0;
const common_1 = require("@nestjs/common");
const audit_service_1 = require("../audit/audit.service");
const token_service_1 = require("../common/crypto/token-service");
const domain_error_1 = require("../common/errors/domain-error");
const envelope_1 = require("../common/http/envelope");
const pagination_dto_1 = require("../common/http/pagination.dto");
const id_generator_1 = require("../common/ids/id-generator");
const transaction_runner_1 = require("../database/transaction-runner");
const workspace_entity_1 = require("../workspaces/workspace.entity");
const registration_token_dto_1 = require("./dto/registration-token.dto");
const registration_token_mapper_1 = require("./registration-token.mapper");
const registration_tokens_repository_1 = require("./registration-tokens.repository");
let RegistrationTokensService = class RegistrationTokensService {
    tokens;
    tokenService;
    ids;
    audit;
    tx;
    constructor(tokens, tokenService, ids, audit, tx) {
        this.tokens = tokens;
        this.tokenService = tokenService;
        this.ids = ids;
        this.audit = audit;
        this.tx = tx;
    }
    async create(ctx, dto) {
        const raw = this.tokenService.generate(token_service_1.REGISTRATION_TOKEN_PREFIX);
        const ttl = dto.expiresInSeconds === undefined ? registration_token_dto_1.DEFAULT_TOKEN_TTL_SECONDS : dto.expiresInSeconds;
        const row = {
            id: this.ids.next('tok'),
            workspaceId: workspace_entity_1.DEFAULT_WORKSPACE_ID,
            name: dto.name ?? 'Default registration token',
            tokenHash: this.tokenService.hash(raw),
            status: 'ACTIVE',
            agentCode: dto.agentCode ?? null,
            agentId: null,
            createdByUserId: ctx.principal.kind === 'user' ? ctx.principal.id : null,
            expiresAt: ttl === null ? null : new Date(ctx.now.getTime() + ttl * 1000).toISOString(),
            usedAt: null,
            revokedAt: null,
            createdAt: ctx.nowIso,
            updatedAt: ctx.nowIso,
        };
        await this.tx.run(async (em) => {
            await this.tokens.insert(row, em);
            await this.audit.record(ctx, { action: 'registration_token.created', targetType: 'RegistrationToken', targetId: row.id, metadata: { name: row.name, expiresAt: row.expiresAt, agentCode: row.agentCode } }, em);
        });
        return { ...(0, registration_token_mapper_1.toRegistrationTokenResponse)(row, ctx.nowIso), token: raw, rawToken: raw };
    }
    async list(ctx, query) {
        const req = (0, pagination_dto_1.pageRequest)(query);
        const { rows, total } = await this.tokens.list({ status: query.status, nowIso: ctx.nowIso, offset: req.offset, limit: req.pageSize });
        return new envelope_1.Page(rows.map((r) => (0, registration_token_mapper_1.toRegistrationTokenResponse)(r, ctx.nowIso)), (0, pagination_dto_1.pagination)(req, total));
    }
    /** 404 before anything is written; only a usable (ACTIVE, unexpired) token can be revoked (decision 23). */
    async revoke(ctx, id) {
        return this.tx.run(async (em) => {
            const row = await this.getOrThrow(id, em);
            const patch = { status: 'REVOKED', revokedAt: ctx.nowIso, updatedAt: ctx.nowIso };
            if ((0, registration_token_mapper_1.displayStatus)(row, ctx.nowIso) !== 'ACTIVE' || !(await this.tokens.transitionFromActive(id, patch, null, em))) {
                throw (0, domain_error_1.conflict)('REGISTRATION_TOKEN_NOT_ACTIVE', 'Only ACTIVE registration tokens can be revoked.', { status: (0, registration_token_mapper_1.displayStatus)(row, ctx.nowIso) });
            }
            await this.audit.record(ctx, { action: 'registration_token.revoked', targetType: 'RegistrationToken', targetId: id, metadata: { name: row.name } }, em);
            return (0, registration_token_mapper_1.toRegistrationTokenResponse)({ ...row, ...patch }, ctx.nowIso);
        });
    }
    /** Usable tokens cannot be deleted (revoke first); USED, REVOKED and EXPIRED ones can. */
    async delete(ctx, id) {
        return this.tx.run(async (em) => {
            const row = await this.getOrThrow(id, em);
            const status = (0, registration_token_mapper_1.displayStatus)(row, ctx.nowIso);
            if (status === 'ACTIVE') {
                throw (0, domain_error_1.conflict)('REGISTRATION_TOKEN_NOT_DELETABLE', 'ACTIVE registration tokens cannot be deleted; revoke it first.', { status });
            }
            await this.tokens.delete(id, em);
            await this.audit.record(ctx, { action: 'registration_token.deleted', targetType: 'RegistrationToken', targetId: id, metadata: { name: row.name, status } }, em);
            return (0, registration_token_mapper_1.toRegistrationTokenResponse)(row, ctx.nowIso);
        });
    }
    /** Checks a raw token for use by `agentCode` (read only; `consume` makes it single-use). */
    async check(raw, agentCode, nowIso, em) {
        if (!raw.startsWith(token_service_1.REGISTRATION_TOKEN_PREFIX))
            return { ok: false, reason: 'malformed', tokenId: null };
        const token = await this.tokens.findByHash(this.tokenService.hash(raw), em);
        if (!token)
            return { ok: false, reason: 'unknown', tokenId: null };
        if (token.status === 'USED')
            return { ok: false, reason: 'used', tokenId: token.id };
        if (token.status === 'REVOKED' || token.revokedAt)
            return { ok: false, reason: 'revoked', tokenId: token.id };
        if (token.status === 'EXPIRED' || (token.expiresAt !== null && token.expiresAt < nowIso))
            return { ok: false, reason: 'expired', tokenId: token.id };
        if (token.agentCode !== null && token.agentCode !== agentCode)
            return { ok: false, reason: 'agent_code_mismatch', tokenId: token.id };
        return { ok: true, token };
    }
    /** The once-only ACTIVE → USED transition (decision 19); false when another request won. */
    consume(tokenId, agentId, nowIso, em) {
        return this.tokens.transitionFromActive(tokenId, { status: 'USED', agentId, usedAt: nowIso, updatedAt: nowIso }, nowIso, em);
    }
    /** Maintenance step: ACTIVE tokens past `expiresAt` become EXPIRED. */
    expireDue(nowIso, em) {
        return this.tokens.expireDue(nowIso, em);
    }
    async getOrThrow(id, em) {
        const row = await this.tokens.findById(id, em);
        if (!row)
            throw (0, domain_error_1.notFound)('REGISTRATION_TOKEN_NOT_FOUND', 'Registration token not found.');
        return row;
    }
};
exports.RegistrationTokensService = RegistrationTokensService;
exports.RegistrationTokensService = RegistrationTokensService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [registration_tokens_repository_1.RegistrationTokensRepository,
        token_service_1.TokenService,
        id_generator_1.IdGenerator,
        audit_service_1.AuditService,
        transaction_runner_1.TransactionRunner])
], RegistrationTokensService);
//# sourceMappingURL=registration-tokens.service.js.map