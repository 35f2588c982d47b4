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
exports.RegistrationTokensRepository = void 0;
const common_1 = require("@nestjs/common");
const transaction_runner_1 = require("../database/transaction-runner");
const workspace_entity_1 = require("../workspaces/workspace.entity");
const registration_token_entity_1 = require("./registration-token.entity");
let RegistrationTokensRepository = class RegistrationTokensRepository {
    tx;
    constructor(tx) {
        this.tx = tx;
    }
    findById(id, em = this.tx.manager) {
        return em.findOne(registration_token_entity_1.RegistrationTokenEntity, { where: { id } });
    }
    findByHash(tokenHash, em = this.tx.manager) {
        return em.findOne(registration_token_entity_1.RegistrationTokenEntity, { where: { tokenHash } });
    }
    async insert(row, em = this.tx.manager) {
        await em.insert(registration_token_entity_1.RegistrationTokenEntity, row);
    }
    /** ACTIVE → `to`, only if still ACTIVE (and unexpired when `notExpiredAt` is given): the once-only transition (decision 19). */
    async transitionFromActive(id, patch, notExpiredAt, em = this.tx.manager) {
        const qb = em.createQueryBuilder().update(registration_token_entity_1.RegistrationTokenEntity).set(patch).where("id = :id AND status = 'ACTIVE'", { id });
        if (notExpiredAt)
            qb.andWhere('(expiresAt IS NULL OR expiresAt >= :now)', { now: notExpiredAt });
        const res = await qb.execute();
        return (res.affected ?? 0) === 1;
    }
    async delete(id, em = this.tx.manager) {
        const res = await em.delete(registration_token_entity_1.RegistrationTokenEntity, { id });
        return res.affected ?? 0;
    }
    /** Marks ACTIVE tokens past `expiresAt` EXPIRED (the maintenance sweep step). */
    async expireDue(nowIso, em = this.tx.manager) {
        const res = await em
            .createQueryBuilder()
            .update(registration_token_entity_1.RegistrationTokenEntity)
            .set({ status: 'EXPIRED', updatedAt: nowIso })
            .where("status = 'ACTIVE' AND expiresAt IS NOT NULL AND expiresAt < :now", { now: nowIso })
            .execute();
        return res.affected ?? 0;
    }
    async list(filter, em = this.tx.manager) {
        const qb = em.createQueryBuilder(registration_token_entity_1.RegistrationTokenEntity, 't').where('t.workspaceId = :ws', { ws: workspace_entity_1.DEFAULT_WORKSPACE_ID });
        const now = { now: filter.nowIso };
        if (filter.status === 'ACTIVE')
            qb.andWhere("t.status = 'ACTIVE' AND (t.expiresAt IS NULL OR t.expiresAt >= :now)", now);
        else if (filter.status === 'EXPIRED')
            qb.andWhere("(t.status = 'EXPIRED' OR (t.status = 'ACTIVE' AND t.expiresAt IS NOT NULL AND t.expiresAt < :now))", now);
        else if (filter.status)
            qb.andWhere('t.status = :status', { status: filter.status });
        const total = await qb.clone().getCount();
        const rows = await qb.orderBy('t.createdAt', 'DESC').addOrderBy('t.id', 'DESC').offset(filter.offset).limit(filter.limit).getMany();
        return { rows, total };
    }
};
exports.RegistrationTokensRepository = RegistrationTokensRepository;
exports.RegistrationTokensRepository = RegistrationTokensRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [transaction_runner_1.TransactionRunner])
], RegistrationTokensRepository);
//# sourceMappingURL=registration-tokens.repository.js.map