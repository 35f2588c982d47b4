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
exports.AuditQueryService = void 0;
exports.auditFilterOf = auditFilterOf;
const common_1 = require("@nestjs/common");
const domain_error_1 = require("../common/errors/domain-error");
const envelope_1 = require("../common/http/envelope");
const pagination_dto_1 = require("../common/http/pagination.dto");
const audit_mapper_1 = require("./audit.mapper");
const audit_repository_1 = require("./audit.repository");
/** `from > to` is a client mistake: 422 with path `from`, as REF. */
function auditFilterOf(query) {
    if (query.from && query.to && query.from > query.to) {
        throw (0, domain_error_1.validationFailed)([{ path: 'from', message: 'from must be before or equal to to' }], 'Audit event query validation failed.');
    }
    return {
        actorType: query.actorType,
        result: query.result,
        action: query.action,
        targetType: query.targetType,
        targetId: query.targetId,
        from: query.from,
        to: query.to,
    };
}
/** Read side of the audit log for the admin API. */
let AuditQueryService = class AuditQueryService {
    repository;
    constructor(repository) {
        this.repository = repository;
    }
    async list(_ctx, query) {
        const filter = auditFilterOf(query);
        const page = (0, pagination_dto_1.pageRequest)(query);
        const [rows, total] = await this.repository.list(filter, page.offset, page.pageSize);
        return new envelope_1.Page(rows.map(audit_mapper_1.toPublicAuditEvent), (0, pagination_dto_1.pagination)(page, total));
    }
    async get(_ctx, id) {
        const row = await this.repository.findById(id);
        if (!row)
            throw (0, domain_error_1.notFound)('AUDIT_EVENT_NOT_FOUND', 'Audit event not found.');
        return (0, audit_mapper_1.toPublicAuditEvent)(row);
    }
};
exports.AuditQueryService = AuditQueryService;
exports.AuditQueryService = AuditQueryService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [audit_repository_1.AuditRepository])
], AuditQueryService);
//# sourceMappingURL=audit-query.service.js.map