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
exports.AuditController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const policy_decorators_1 = require("../common/auth/policy.decorators");
const ctx_decorator_1 = require("../common/context/ctx.decorator");
const envelope_1 = require("../common/http/envelope");
const audit_export_service_1 = require("./audit-export.service");
const audit_query_service_1 = require("./audit-query.service");
const audit_query_dto_1 = require("./dto/audit-query.dto");
const stream_response_1 = require("./stream-response");
let AuditController = class AuditController {
    query;
    exporter;
    constructor(query, exporter) {
        this.query = query;
        this.exporter = exporter;
    }
    list(ctx, query) {
        return this.query.list(ctx, query);
    }
    /** Declared before `:auditEventId` so `export` is not taken for an id. Streamed, no row cap. */
    async export(ctx, query, res) {
        const file = await this.exporter.open(ctx, query);
        res.status(200);
        res.setHeader('Content-Type', file.contentType);
        res.setHeader('Content-Disposition', `attachment; filename=${file.filename}`);
        res.setHeader('Cache-Control', 'no-store');
        await (0, stream_response_1.streamToResponse)(res, file.chunks);
        return new envelope_1.RawResponse();
    }
    get(ctx, id) {
        return this.query.get(ctx, id);
    }
};
exports.AuditController = AuditController;
__decorate([
    (0, policy_decorators_1.Roles)('viewer'),
    (0, common_1.Get)(),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, audit_query_dto_1.AuditQueryDto]),
    __metadata("design:returntype", Promise)
], AuditController.prototype, "list", null);
__decorate([
    (0, policy_decorators_1.Roles)('operator'),
    (0, common_1.Get)('export'),
    (0, swagger_1.ApiProduces)('text/csv', 'application/json'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Query)()),
    __param(2, (0, common_1.Res)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, audit_query_dto_1.AuditQueryDto, Object]),
    __metadata("design:returntype", Promise)
], AuditController.prototype, "export", null);
__decorate([
    (0, policy_decorators_1.Roles)('viewer'),
    (0, common_1.Get)(':auditEventId'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('auditEventId')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String]),
    __metadata("design:returntype", Promise)
], AuditController.prototype, "get", null);
exports.AuditController = AuditController = __decorate([
    (0, swagger_1.ApiTags)('audit'),
    (0, common_1.Controller)('api/admin/audit-events'),
    __metadata("design:paramtypes", [audit_query_service_1.AuditQueryService,
        audit_export_service_1.AuditExportService])
], AuditController);
//# sourceMappingURL=audit.controller.js.map