"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.WebhookSender = exports.SIGNATURE_HEADER = void 0;
exports.signature = signature;
const common_1 = require("@nestjs/common");
const node_crypto_1 = require("node:crypto");
exports.SIGNATURE_HEADER = 'X-Opstage-Signature';
/** `sha256=<hex HMAC-SHA256 of the raw body>`, what receivers recompute to verify a delivery. */
function signature(secret, body) {
    return `sha256=${(0, node_crypto_1.createHmac)('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
/** One HTTP attempt: POST the exact signed bytes, bounded by a timeout; never throws. */
let WebhookSender = class WebhookSender {
    async send(input) {
        const headers = {
            'Content-Type': 'application/json',
            'User-Agent': 'Opstage-Webhook/1',
            'X-Opstage-Event': input.event,
            'X-Opstage-Delivery': input.deliveryId,
        };
        if (input.secret)
            headers[exports.SIGNATURE_HEADER] = signature(input.secret, input.body);
        try {
            const res = await fetch(input.url, {
                method: 'POST',
                headers,
                body: input.body,
                redirect: 'manual',
                signal: AbortSignal.any([AbortSignal.timeout(input.timeoutMs), input.signal]),
            });
            // The body is not needed; release the connection.
            await res.body?.cancel().catch(() => undefined);
            if (res.status >= 200 && res.status < 300)
                return { ok: true, retryable: false, responseStatus: res.status, error: null };
            const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
            const hint = res.status >= 300 && res.status < 400 ? ' (redirects are not followed)' : '';
            return { ok: false, retryable, responseStatus: res.status, error: `HTTP ${res.status}${hint}` };
        }
        catch (error) {
            const e = errorLike(error);
            return { ok: false, retryable: true, responseStatus: null, error: e.name === 'TimeoutError' ? `timed out after ${input.timeoutMs} ms` : describeNetworkError(e) };
        }
    }
};
exports.WebhookSender = WebhookSender;
exports.WebhookSender = WebhookSender = __decorate([
    (0, common_1.Injectable)()
], WebhookSender);
/** fetch's errors may come from another realm (DOMException, undici's TypeError): read them structurally. */
function errorLike(value) {
    if (value !== null && typeof value === 'object' && 'message' in value) {
        const v = value;
        return { name: typeof v.name === 'string' ? v.name : 'Error', message: String(v.message), cause: v.cause };
    }
    return { name: 'Error', message: String(value) };
}
/** fetch wraps the socket error in `cause`; that is the useful part (ECONNREFUSED, ENOTFOUND…). */
function describeNetworkError(error) {
    const cause = error.cause === undefined ? undefined : errorLike(error.cause);
    return cause ? `${error.message}: ${cause.message}` : error.message;
}
//# sourceMappingURL=webhook-sender.js.map