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
exports.BootstrapService = exports.BootstrapError = void 0;
const common_1 = require("@nestjs/common");
const app_config_1 = require("../config/app-config");
const audit_service_1 = require("../audit/audit.service");
const request_context_1 = require("../common/context/request-context");
const password_hasher_1 = require("../common/crypto/password-hasher");
const id_generator_1 = require("../common/ids/id-generator");
const clock_1 = require("../common/time/clock");
const transaction_runner_1 = require("../database/transaction-runner");
const workspace_entity_1 = require("../workspaces/workspace.entity");
const workspace_repository_1 = require("../workspaces/workspace.repository");
const users_repository_1 = require("./users.repository");
class BootstrapError extends Error {
}
exports.BootstrapError = BootstrapError;
/**
 * First start: the default workspace, and the owner from OPSTAGE_ADMIN_USERNAME/PASSWORD when no
 * user exists at all. Later starts never touch users, so a changed env never overwrites a password.
 */
let BootstrapService = class BootstrapService {
    config;
    tx;
    workspaces;
    users;
    audit;
    hasher;
    ids;
    clock;
    logger = new common_1.Logger('bootstrap');
    constructor(config, tx, workspaces, users, audit, hasher, ids, clock) {
        this.config = config;
        this.tx = tx;
        this.workspaces = workspaces;
        this.users = users;
        this.audit = audit;
        this.hasher = hasher;
        this.ids = ids;
        this.clock = clock;
    }
    async onApplicationBootstrap() {
        const ctx = request_context_1.RequestContext.system(this.clock);
        // Hash outside the transaction: it is slow and needs no lock.
        const needsOwner = (await this.users.count()) === 0;
        if (needsOwner && (!this.config.adminUsername || !this.config.adminPassword)) {
            await this.workspaces.ensureDefault(ctx.nowIso);
            throw new BootstrapError('No admin user exists. Set OPSTAGE_ADMIN_USERNAME and OPSTAGE_ADMIN_PASSWORD for first bootstrap.');
        }
        const passwordHash = needsOwner && this.config.adminPassword ? await this.hasher.hash(this.config.adminPassword) : undefined;
        await this.tx.run(async (em) => {
            await this.workspaces.ensureDefault(ctx.nowIso, em);
            if (!passwordHash || !this.config.adminUsername || (await this.users.count(em)) > 0)
                return;
            const id = this.ids.next('usr');
            await this.users.insert({
                id,
                workspaceId: workspace_entity_1.DEFAULT_WORKSPACE_ID,
                username: this.config.adminUsername,
                passwordHash,
                displayName: 'Administrator',
                role: 'owner',
                status: 'ACTIVE',
                lastLoginAt: null,
                createdAt: ctx.nowIso,
                updatedAt: ctx.nowIso,
            }, em);
            await this.audit.record(ctx, { action: 'system.bootstrap.completed', targetType: 'User', targetId: id, metadata: { username: this.config.adminUsername } }, em);
            this.logger.log({ msg: 'bootstrap owner created', username: this.config.adminUsername });
        });
    }
};
exports.BootstrapService = BootstrapService;
exports.BootstrapService = BootstrapService = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(app_config_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object, transaction_runner_1.TransactionRunner,
        workspace_repository_1.WorkspaceRepository,
        users_repository_1.UsersRepository,
        audit_service_1.AuditService,
        password_hasher_1.PasswordHasher,
        id_generator_1.IdGenerator,
        clock_1.Clock])
], BootstrapService);
//# sourceMappingURL=bootstrap.service.js.map