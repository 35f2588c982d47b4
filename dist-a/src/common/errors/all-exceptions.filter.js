"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.AllExceptionsFilter = void 0;
const common_1 = require("@nestjs/common");
const redact_1 = require("../redaction/redact");
const domain_error_1 = require("./domain-error");
const request_id_1 = require("../http/request-id");
const HTTP_CODES = {
    400: 'REQUEST_ERROR',
    401: 'UNAUTHORIZED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    408: 'REQUEST_ERROR',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
    429: 'RATE_LIMITED',
};
/** Renders every failure as `{success:false, error:{code,message,details?,requestId}}` (house rule 6). */
let AllExceptionsFilter = class AllExceptionsFilter {
    logger = new common_1.Logger('http');
    catch(exception, host) {
        const ctx = host.switchToHttp();
        const res = ctx.getResponse();
        const req = ctx.getRequest();
        const rendered = this.render(exception);
        if (rendered.status >= 500) {
            this.logger.error({ msg: 'request failed', method: req.method, path: req.path, requestId: (0, request_id_1.requestIdOf)(req), error: describe(exception) });
        }
        if (res.headersSent) {
            res.end();
            return;
        }
        for (const [k, v] of Object.entries(rendered.headers ?? {}))
            res.setHeader(k, v);
        const error = { code: rendered.code, message: rendered.message };
        if (rendered.details && rendered.status < 500)
            error.details = (0, redact_1.redact)(rendered.details);
        error.requestId = (0, request_id_1.requestIdOf)(req);
        res.status(rendered.status).json({ success: false, error });
    }
    render(exception) {
        if (exception instanceof domain_error_1.DomainError) {
            if (exception.status >= 500)
                return internal();
            return { status: exception.status, code: exception.code, message: exception.message, details: exception.details, headers: exception.headers };
        }
        if (exception instanceof common_1.HttpException) {
            const status = exception.getStatus();
            if (status >= 500)
                return internal();
            if (status === 404)
                return { status, code: 'NOT_FOUND', message: 'Route not found.' };
            return { status, code: HTTP_CODES[status] ?? 'REQUEST_ERROR', message: messageOf(exception) };
        }
        return internal();
    }
};
exports.AllExceptionsFilter = AllExceptionsFilter;
exports.AllExceptionsFilter = AllExceptionsFilter = __decorate([
    (0, common_1.Catch)()
], AllExceptionsFilter);
function internal() {
    return { status: 500, code: 'INTERNAL_ERROR', message: 'Internal server error.' };
}
function messageOf(exception) {
    const body = exception.getResponse();
    if (typeof body === 'string')
        return body;
    if (body && typeof body === 'object' && 'message' in body) {
        const m = (body).message;
        if (typeof m === 'string')
            return m;
    }
    return exception.message;
}
function describe(exception) {
    if (exception instanceof Error)
        return { name: exception.name, message: exception.message, stack: exception.stack };
    return { value: String(exception) };
}
//# sourceMappingURL=all-exceptions.filter.js.map