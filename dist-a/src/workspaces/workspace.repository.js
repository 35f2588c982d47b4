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
exports.WorkspaceRepository = void 0;
const common_1 = require("@nestjs/common");
const transaction_runner_1 = require("../database/transaction-runner");
const workspace_entity_1 = require("./workspace.entity");
let WorkspaceRepository = class WorkspaceRepository {
    tx;
    constructor(tx) {
        this.tx = tx;
    }
    /** Inserts `wks_default` unless it exists; returns true when it was created. */
    async ensureDefault(now, em = this.tx.manager) {
        const existing = await em.findOne(workspace_entity_1.WorkspaceEntity, { where: { id: workspace_entity_1.DEFAULT_WORKSPACE_ID } });
        if (existing)
            return false;
        await em.insert(workspace_entity_1.WorkspaceEntity, { id: workspace_entity_1.DEFAULT_WORKSPACE_ID, code: 'default', name: 'Default Workspace', status: 'ACTIVE', createdAt: now, updatedAt: now });
        return true;
    }
    findDefault(em = this.tx.manager) {
        return em.findOne(workspace_entity_1.WorkspaceEntity, { where: { id: workspace_entity_1.DEFAULT_WORKSPACE_ID } });
    }
};
exports.WorkspaceRepository = WorkspaceRepository;
exports.WorkspaceRepository = WorkspaceRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [transaction_runner_1.TransactionRunner])
], WorkspaceRepository);
//# sourceMappingURL=workspace.repository.js.map