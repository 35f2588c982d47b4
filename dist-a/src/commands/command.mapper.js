"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.toPublicCommand = toPublicCommand;
exports.toPublicResult = toPublicResult;
const redact_1 = require("../common/redaction/redact");
const command_state_1 = require("./command-state");
const sealed_values_1 = require("./sealed-values");
/**
 * Admin view: status as of `nowIso` (expired at read time shows EXPIRED), payload key-redacted.
 * The agent's poll passes the unsealed payload explicitly.
 */
function toPublicCommand(row, nowIso, payload) {
    return {
        id: row.id,
        agentId: row.agentId,
        serviceId: row.serviceId,
        type: row.type,
        actionName: row.actionName,
        status: (0, command_state_1.effectiveCommandStatus)(row, nowIso),
        payload: payload ?? (0, redact_1.redact)((0, sealed_values_1.parseObject)(row.payloadJson)),
        createdByUserId: row.createdByUserId,
        createdByType: row.createdByType,
        createdById: row.createdById,
        retryOfCommandId: row.retryOfCommandId,
        errorCode: row.errorCode,
        errorMessage: row.errorMessage,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
        startedAt: row.startedAt,
        completedAt: row.completedAt,
        expiresAt: row.expiresAt,
        durationMs: (0, command_state_1.durationMs)(row.startedAt, row.completedAt),
    };
}
/** `data` may carry revealed one-time fields; everything else is the stored (redacted) text. */
function toPublicResult(row, data) {
    return {
        id: row.id,
        commandId: row.commandId,
        agentId: row.agentId,
        success: row.success,
        message: row.message,
        data: data ?? (0, sealed_values_1.parseObject)(row.dataJson),
        error: (0, sealed_values_1.parseObject)(row.errorJson),
        durationMs: row.durationMs,
        reportedAt: row.reportedAt,
        createdAt: row.createdAt,
    };
}
//# sourceMappingURL=command.mapper.js.map