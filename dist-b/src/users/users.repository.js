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
exports.UsersRepository = void 0;
exports.likeContains = likeContains;
const common_1 = require("@nestjs/common");
const list_query_1 = require("../database/list-query");
const transaction_runner_1 = require("../database/transaction-runner");
const workspace_entity_1 = require("../workspaces/workspace.entity");
const user_entity_1 = require("./user.entity");
/** `%`, `_` and the escape char itself are literal in `q` (REF let them act as wildcards). */
function likeContains(q) {
    return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
let UsersRepository = class UsersRepository {
    tx;
    constructor(tx) {
        this.tx = tx;
    }
    count(em = this.tx.manager) {
        return em.count(user_entity_1.UserEntity);
    }
    findById(id, em = this.tx.manager) {
        return em.findOne(user_entity_1.UserEntity, { where: { id } });
    }
    findByUsername(username, em = this.tx.manager) {
        return em.findOne(user_entity_1.UserEntity, { where: { username } });
    }
    async insert(user, em = this.tx.manager) {
        await em.insert(user_entity_1.UserEntity, user);
    }
    async update(id, patch, em = this.tx.manager) {
        await em.update(user_entity_1.UserEntity, { id }, patch);
    }
    countActiveOwners(em = this.tx.manager) {
        return em.count(user_entity_1.UserEntity, { where: { workspaceId: workspace_entity_1.DEFAULT_WORKSPACE_ID, role: 'owner', status: 'ACTIVE' } });
    }
    /** Newest first; `id` (a ULID) breaks ties within one millisecond so pages never overlap. */
    async list(filter, offset, limit, em = this.tx.manager) {
        const qb = em.createQueryBuilder(user_entity_1.UserEntity, 'u').where('u.workspaceId = :ws', { ws: workspace_entity_1.DEFAULT_WORKSPACE_ID });
        if (filter.role)
            qb.andWhere('u.role = :role', { role: filter.role });
        if (filter.status)
            qb.andWhere('u.status = :status', { status: filter.status });
        if (filter.q) {
            qb.andWhere("(u.username LIKE :q ESCAPE '\\' OR u.displayName LIKE :q ESCAPE '\\')", { q: likeContains(filter.q) });
        }
        return (0, list_query_1.findPage)(qb.orderBy('u.createdAt', 'DESC').addOrderBy('u.id', 'DESC'), offset, limit);
    }
};
exports.UsersRepository = UsersRepository;
exports.UsersRepository = UsersRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [transaction_runner_1.TransactionRunner])
], UsersRepository);
//# sourceMappingURL=users.repository.js.map