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
exports.AuditExportService = exports.EXPORT_PAGE_SIZE = void 0;
const common_1 = require("@nestjs/common");
const audit_format_1 = require("./audit-format");
const audit_query_service_1 = require("./audit-query.service");
const audit_repository_1 = require("./audit.repository");
const audit_service_1 = require("./audit.service");
/** Rows fetched per keyset page; memory stays at one page whatever the export size. */
exports.EXPORT_PAGE_SIZE = 1000;
/**
 * Streams the filtered audit log as CSV or JSON: no row cap (REF stopped at 10 000), constant
 * memory, formula cells escaped, and the export itself audited (decision 11).
 */
let AuditExportService = class AuditExportService {
    repository;
    audit;
    constructor(repository, audit) {
        this.repository = repository;
        this.audit = audit;
    }
    async open(ctx, query) {
        const filter = (0, audit_query_service_1.auditFilterOf)(query);
        const format = query.format ?? 'json';
        // Audited up front: who exported what matters even if the download is abandoned half way.
        await this.audit.record(ctx, { action: 'audit.exported', targetType: 'AuditLog', metadata: { format, filter: { ...filter } } });
        const filename = `opstage-audit-${ctx.now.getTime()}.${format}`;
        return format === 'csv'
            ? { format, filename, contentType: 'text/csv; charset=utf-8', chunks: this.csv(filter) }
            : { format, filename, contentType: 'application/json; charset=utf-8', chunks: this.json(filter) };
    }
    async *csv(filter) {
        yield (0, audit_format_1.csvHeader)();
        for await (const rows of this.pages(filter))
            yield rows.map(audit_format_1.csvRow).join('');
    }
    /** The same envelope as REF's JSON export, written incrementally. */
    async *json(filter) {
        yield '{"success":true,"data":[';
        let first = true;
        for await (const rows of this.pages(filter)) {
            const body = rows.map(audit_format_1.jsonRow).join(',');
            yield first ? body : `,${body}`;
            first = false;
        }
        yield ']}';
    }
    async *pages(filter) {
        let cursor = null;
        for (;;) {
            const rows = await this.repository.page(filter, cursor, exports.EXPORT_PAGE_SIZE);
            if (rows.length === 0)
                return;
            yield rows;
            const last = rows[rows.length - 1];
            if (!last || rows.length < exports.EXPORT_PAGE_SIZE)
                return;
            cursor = { createdAt: last.createdAt, id: last.id };
        }
    }
};
exports.AuditExportService = AuditExportService;
exports.AuditExportService = AuditExportService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [audit_repository_1.AuditRepository,
        audit_service_1.AuditService])
], AuditExportService);
//# sourceMappingURL=audit-export.service.js.map