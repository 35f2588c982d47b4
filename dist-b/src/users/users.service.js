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
exports.UsersService = void 0;
const common_1 = require("@nestjs/common");
const audit_service_1 = require("../audit/audit.service");
const password_hasher_1 = require("../common/crypto/password-hasher");
const domain_error_1 = require("../common/errors/domain-error");
const envelope_1 = require("../common/http/envelope");
const pagination_dto_1 = require("../common/http/pagination.dto");
const id_generator_1 = require("../common/ids/id-generator");
const transaction_runner_1 = require("../database/transaction-runner");
const workspace_entity_1 = require("../workspaces/workspace.entity");
const users_dto_1 = require("./dto/users.dto");
const parse_body_1 = require("./dto/parse-body");
const users_mapper_1 = require("./users.mapper");
const users_repository_1 = require("./users.repository");
const user_sessions_port_1 = require("./user-sessions.port");
/** Owner-only user management (backend.md §4.4) with decision 6: credential or privilege changes end sessions. */
let UsersService = class UsersService {
    tx;
    users;
    sessions;
    audit;
    hasher;
    ids;
    constructor(tx, users, sessions, audit, hasher, ids) {
        this.tx = tx;
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
        this.hasher = hasher;
        this.ids = ids;
    }
    async list(_ctx, query) {
        const page = (0, pagination_dto_1.pageRequest)(query);
        const [rows, total] = await this.users.list({ role: query.role, status: query.status, q: query.q }, page.offset, page.pageSize);
        return new envelope_1.Page(rows.map(users_mapper_1.toPublicUser), (0, pagination_dto_1.pagination)(page, total));
    }
    async create(ctx, dto) {
        if (await this.users.findByUsername(dto.username))
            throw userExists();
        // Hashing is slow and needs no lock, so it happens before the transaction.
        const passwordHash = await this.hasher.hash(dto.password);
        return this.tx.run(async (em) => {
            if (await this.users.findByUsername(dto.username, em))
                throw userExists();
            const user = {
                id: this.ids.next('usr'),
                workspaceId: workspace_entity_1.DEFAULT_WORKSPACE_ID,
                username: dto.username,
                passwordHash,
                displayName: dto.displayName ?? null,
                role: dto.role ?? 'viewer',
                status: 'ACTIVE',
                lastLoginAt: null,
                createdAt: ctx.nowIso,
                updatedAt: ctx.nowIso,
            };
            await this.users.insert(user, em);
            await this.audit.record(ctx, { action: 'user.created', targetType: 'User', targetId: user.id, metadata: { username: user.username, role: user.role } }, em);
            return (0, users_mapper_1.toPublicUser)(user);
        });
    }
    /** REF order: unknown user (404) before the body (422). */
    async update(ctx, userId, rawBody) {
        await this.requireUser(userId);
        const dto = (0, parse_body_1.parseBody)(users_dto_1.UpdateUserDto, rawBody);
        return this.tx.run(async (em) => {
            const user = await this.users.findById(userId, em);
            if (!user)
                throw userNotFound();
            const role = dto.role ?? user.role;
            const status = dto.status ?? user.status;
            const losesOwnership = user.role === 'owner' && user.status === 'ACTIVE' && (role !== 'owner' || status !== 'ACTIVE');
            if (losesOwnership && (await this.users.countActiveOwners(em)) <= 1) {
                throw (0, domain_error_1.conflict)('LAST_OWNER_REQUIRED', 'At least one active owner is required.');
            }
            const patch = { displayName: dto.displayName ?? user.displayName, role, status, updatedAt: ctx.nowIso };
            await this.users.update(user.id, patch, em);
            const endSessions = role !== user.role || (status === 'DISABLED' && user.status !== 'DISABLED');
            const sessionsEnded = endSessions ? await this.sessions.revokeAllForUser(user.id, em) : 0;
            await this.audit.record(ctx, { action: 'user.updated', targetType: 'User', targetId: user.id, metadata: { role, status, previousRole: user.role, previousStatus: user.status, sessionsEnded } }, em);
            return (0, users_mapper_1.toPublicUser)({ ...user, ...patch });
        });
    }
    async resetPassword(ctx, userId, rawBody) {
        await this.requireUser(userId);
        const dto = (0, parse_body_1.parseBody)(users_dto_1.ResetPasswordDto, rawBody);
        const passwordHash = await this.hasher.hash(dto.password);
        return this.tx.run(async (em) => {
            const user = await this.users.findById(userId, em);
            if (!user)
                throw userNotFound();
            await this.users.update(user.id, { passwordHash, updatedAt: ctx.nowIso }, em);
            const sessionsEnded = await this.sessions.revokeAllForUser(user.id, em);
            await this.audit.record(ctx, { action: 'user.password.reset', targetType: 'User', targetId: user.id, metadata: { sessionsEnded } }, em);
            return (0, users_mapper_1.toPublicUser)({ ...user, updatedAt: ctx.nowIso });
        });
    }
    async requireUser(userId) {
        const user = await this.users.findById(userId);
        if (!user)
            throw userNotFound();
        return user;
    }
};
exports.UsersService = UsersService;
exports.UsersService = UsersService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [transaction_runner_1.TransactionRunner,
        users_repository_1.UsersRepository,
        user_sessions_port_1.UserSessions,
        audit_service_1.AuditService,
        password_hasher_1.PasswordHasher,
        id_generator_1.IdGenerator])
], UsersService);
const userExists = () => (0, domain_error_1.conflict)('USER_ALREADY_EXISTS', 'A user with this username already exists.');
const userNotFound = () => (0, domain_error_1.notFound)('USER_NOT_FOUND', 'User not found.');
//# sourceMappingURL=users.service.js.map