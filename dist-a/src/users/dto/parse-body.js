"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseBody = parseBody;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const validation_exception_factory_1 = require("../../common/errors/validation-exception.factory");
const domain_error_1 = require("../../common/errors/domain-error");
/**
 * Validates a body the same way the global pipe does. Used where REF checks the resource before
 * the body (PATCH user, reset-password: 404 wins over 422), so the pipe cannot run first.
 */
function parseBody(cls, raw) {
    const source = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {};
    if (source !== raw && raw !== undefined)
        throw (0, domain_error_1.validationFailed)([{ path: '', message: 'body must be a JSON object' }]);
    const instance = (0, class_transformer_1.plainToInstance)(cls, source);
    const errors = (0, class_validator_1.validateSync)(instance, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0)
        throw (0, domain_error_1.validationFailed)((0, validation_exception_factory_1.flattenValidationErrors)(errors));
    return instance;
}
//# sourceMappingURL=parse-body.js.map