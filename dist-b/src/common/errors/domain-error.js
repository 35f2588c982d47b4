"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.forbidden = exports.unauthorized = exports.validationFailed = exports.conflict = exports.notFound = exports.DomainError = void 0;
const error_codes_1 = require("./error-codes");
/**
 * The only error type services throw (house rule 6). The filter maps it to the envelope;
 * `status` defaults from the code table, `headers` lets e.g. 429 carry `Retry-After`.
 */
class DomainError extends Error {
    code;
    details;
    headers;
    status;
    constructor(code, message, details, status, headers) {
        super(message);
        this.code = code;
        this.details = details;
        this.headers = headers;
        this.name = 'DomainError';
        this.status = status ?? error_codes_1.ERROR_STATUS[code] ?? 500;
    }
}
exports.DomainError = DomainError;
const notFound = (code, message, details) => new DomainError(code, message, details);
exports.notFound = notFound;
const conflict = (code, message, details) => new DomainError(code, message, details);
exports.conflict = conflict;
const validationFailed = (issues, message = 'Request validation failed.') => new DomainError('VALIDATION_FAILED', message, { issues });
exports.validationFailed = validationFailed;
const unauthorized = (message = 'Authentication required.') => new DomainError('UNAUTHORIZED', message);
exports.unauthorized = unauthorized;
const forbidden = (message = 'Insufficient permissions.') => new DomainError('FORBIDDEN', message);
exports.forbidden = forbidden;
//# sourceMappingURL=domain-error.js.map