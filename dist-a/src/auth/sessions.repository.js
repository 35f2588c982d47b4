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
exports.SessionsRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const transaction_runner_1 = require("../database/transaction-runner");
const session_entity_1 = require("./session.entity");
let SessionsRepository = class SessionsRepository {
    tx;
    constructor(tx) {
        this.tx = tx;
    }
    findByIdHash(idHash, em = this.tx.manager) {
        return em.findOne(session_entity_1.SessionEntity, { where: { idHash } });
    }
    findById(id, em = this.tx.manager) {
        return em.findOne(session_entity_1.SessionEntity, { where: { id } });
    }
    async insert(row, em = this.tx.manager) {
        await em.insert(session_entity_1.SessionEntity, row);
    }
    async updateCsrf(id, csrfToken, em = this.tx.manager) {
        const result = await em.update(session_entity_1.SessionEntity, { id }, { csrfToken });
        return (result.affected ?? 0) > 0;
    }
    async deleteById(id, em = this.tx.manager) {
        const result = await em.delete(session_entity_1.SessionEntity, { id });
        return result.affected ?? 0;
    }
    async deleteByIdHash(idHash, em = this.tx.manager) {
        const result = await em.delete(session_entity_1.SessionEntity, { idHash });
        return result.affected ?? 0;
    }
    async deleteByUser(userId, em = this.tx.manager) {
        const result = await em.delete(session_entity_1.SessionEntity, { userId });
        return result.affected ?? 0;
    }
    /** ISO strings compare lexicographically in time order, so `<=` on text is `<=` in time. */
    async deleteExpired(nowIso, em = this.tx.manager) {
        const result = await em.delete(session_entity_1.SessionEntity, { expiresAt: (0, typeorm_1.LessThanOrEqual)(nowIso) });
        return result.affected ?? 0;
    }
    countByUser(userId, em = this.tx.manager) {
        return em.count(session_entity_1.SessionEntity, { where: { userId } });
    }
};
exports.SessionsRepository = SessionsRepository;
exports.SessionsRepository = SessionsRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [transaction_runner_1.TransactionRunner])
], SessionsRepository);
//# sourceMappingURL=sessions.repository.js.map