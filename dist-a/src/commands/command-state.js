"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PREPARE_TIMEOUT_MESSAGE = exports.COMMAND_EXPIRED_MESSAGE = exports.COMMAND_EXPIRED_CODE = exports.RETRYABLE_STATUSES = exports.OPEN_STATUSES = exports.TERMINAL_STATUSES = exports.COMMAND_TYPES = exports.COMMAND_STATUSES = void 0;
exports.isTerminal = isTerminal;
exports.isExpiredAt = isExpiredAt;
exports.effectiveCommandStatus = effectiveCommandStatus;
exports.retryVerdict = retryVerdict;
exports.durationMs = durationMs;
exports.failureReason = failureReason;
/** Pure rules of the command state machine (backend.md §7.1 with decisions 16-19). */
exports.COMMAND_STATUSES = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED'];
exports.COMMAND_TYPES = ['ACTION_EXECUTE', 'ACTION_PREPARE'];
exports.TERMINAL_STATUSES = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED'];
exports.OPEN_STATUSES = ['PENDING', 'RUNNING'];
exports.RETRYABLE_STATUSES = ['FAILED', 'EXPIRED', 'CANCELLED'];
exports.COMMAND_EXPIRED_CODE = 'COMMAND_EXPIRED';
exports.COMMAND_EXPIRED_MESSAGE = 'Command expired before completion.';
exports.PREPARE_TIMEOUT_MESSAGE = 'Action prepare timed out waiting for agent.';
function isTerminal(status) {
    return exports.TERMINAL_STATUSES.includes(status);
}
/** An open command whose deadline passed is EXPIRED for every reader, before the sweep persists it. */
function isExpiredAt(command, nowIso) {
    return exports.OPEN_STATUSES.includes(command.status) && command.expiresAt !== null && command.expiresAt < nowIso;
}
function effectiveCommandStatus(command, nowIso) {
    return isExpiredAt(command, nowIso) ? 'EXPIRED' : command.status;
}
/** Decision 18 / backend.md §7.5 steps 2-3. */
function retryVerdict(type, status) {
    if (type !== 'ACTION_EXECUTE')
        return { ok: false, message: 'Only ACTION_EXECUTE commands can be retried.' };
    if (!exports.RETRYABLE_STATUSES.includes(status))
        return { ok: false, message: 'Only failed, expired, or cancelled commands can be retried.' };
    return { ok: true };
}
/** max(0, completedAt − startedAt) when both are known. */
function durationMs(startedAt, completedAt) {
    if (!startedAt || !completedAt)
        return null;
    const d = Date.parse(completedAt) - Date.parse(startedAt);
    return Number.isFinite(d) ? Math.max(0, d) : null;
}
/** Failure reason lifted from an agent result (backend.md §7.3 step 6). */
function failureReason(message, error) {
    const err = error !== null && typeof error === 'object' ? error : {};
    const code = typeof err.code === 'string' && err.code.trim() !== '' ? err.code.slice(0, 80) : 'ACTION_FAILED';
    const text = typeof err.message === 'string' ? err.message : typeof message === 'string' ? message : null;
    return { errorCode: code, errorMessage: text === null ? null : text.slice(0, 500) };
}
//# sourceMappingURL=command-state.js.map