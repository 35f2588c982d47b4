"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.flattenValidationErrors = flattenValidationErrors;
exports.validationExceptionFactory = validationExceptionFactory;
const domain_error_1 = require("./domain-error");
/** Flattens class-validator's tree into `issues[{path, message}]` with dot-joined paths. */
function flattenValidationErrors(errors, parent = '') {
    const issues = [];
    for (const error of errors) {
        const path = parent ? `${parent}.${error.property}` : error.property;
        for (const message of Object.values(error.constraints ?? {}))
            issues.push({ path, message });
        if (error.children?.length)
            issues.push(...flattenValidationErrors(error.children, path));
    }
    return issues;
}
function validationExceptionFactory(errors) {
    return (0, domain_error_1.validationFailed)(flattenValidationErrors(errors));
}
//# sourceMappingURL=validation-exception.factory.js.map