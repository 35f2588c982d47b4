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
exports.AuditService = void 0;
const common_1 = require("@nestjs/common");
const id_generator_1 = require("../common/ids/id-generator");
const redact_1 = require("../common/redaction/redact");
const workspace_entity_1 = require("../workspaces/workspace.entity");
const audit_repository_1 = require("./audit.repository");
/**
 * Writes audit rows, inside the caller's transaction when given its manager, so a change and
 * its audit commit together. Metadata is redacted by key and by value before it is stored.
 */
let AuditService = class AuditService {
    repository;
    ids;
    constructor(repository, ids) {
        this.repository = repository;
        this.ids = ids;
    }
    async record(ctx, input, em) {
        const actor = input.actor ?? actorOf(ctx);
        const row = {
            id: this.ids.next('aud'),
            workspaceId: workspace_entity_1.DEFAULT_WORKSPACE_ID,
            actorType: actor.type,
            actorId: actor.id,
            action: input.action,
            targetType: input.targetType ?? null,
            targetId: input.targetId ?? null,
            result: input.result ?? 'SUCCESS',
            message: input.message ?? null,
            ipAddress: ctx.ip,
            userAgent: ctx.userAgent,
            metadataJson: JSON.stringify((0, redact_1.redact)(input.metadata ?? {})),
            createdAt: ctx.nowIso,
        };
        await this.repository.insert(row, em);
    }
};
exports.AuditService = AuditService;
exports.AuditService = AuditService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [audit_repository_1.AuditRepository,
        id_generator_1.IdGenerator])
], AuditService);
function actorOf(ctx) {
    switch (ctx.principal.kind) {
        case 'user':
            return { type: 'USER', id: ctx.principal.id };
        case 'agent':
            return { type: 'AGENT', id: ctx.principal.id };
        case 'system':
            return { type: 'SYSTEM', id: null };
        case 'anonymous':
            return { type: 'USER', id: null };
    }
}
//# sourceMappingURL=audit.service.js.map