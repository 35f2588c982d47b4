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
exports.AuditRecorder = void 0;
const common_1 = require("@nestjs/common");
const audit_service_1 = require("../../audit/audit.service");
const EXTENSION_ACTION = /^ext\.[a-z][a-z0-9-]*\.[A-Za-z0-9_.-]+$/;
/**
 * Writes audit records for extensions. The actor is the context's principal; actions live under
 * `ext.<name>.` so an extension can never write a record that looks like a core one.
 */
let AuditRecorder = class AuditRecorder {
    audit;
    constructor(audit) {
        this.audit = audit;
    }
    /** Pass the transaction's `em` to commit the record with the change it describes. */
    async record(ctx, input, em) {
        if (!EXTENSION_ACTION.test(input.action)) {
            throw new Error(`extension audit action "${input.action}" must look like ext.<extension-name>.<verb>`);
        }
        // Listed field by field: an untyped caller cannot smuggle in an `actor` override.
        const { action, targetType, targetId, result, message, metadata } = input;
        await this.audit.record(ctx, { action, targetType, targetId, result, message, metadata }, em);
    }
};
exports.AuditRecorder = AuditRecorder;
exports.AuditRecorder = AuditRecorder = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [audit_service_1.AuditService])
], AuditRecorder);
//# sourceMappingURL=audit-recorder.js.map