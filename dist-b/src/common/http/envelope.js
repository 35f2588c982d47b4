"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EnvelopeExpressAdapter = exports.RawResponse = exports.WithEnvelopeExtras = exports.Page = void 0;
exports.envelope = envelope;
const common_1 = require("@nestjs/common");
const platform_express_1 = require("@nestjs/platform-express");
/** A list result; the envelope interceptor renders it as `{success, data: items, pagination}`. */
class Page {
    items;
    pagination;
    constructor(items, pagination) {
        this.items = items;
        this.pagination = pagination;
    }
}
exports.Page = Page;
/** Extra top-level envelope fields (the bus adds `experimental`). */
class WithEnvelopeExtras {
    data;
    extras;
    constructor(data, extras) {
        this.data = data;
        this.extras = extras;
    }
}
exports.WithEnvelopeExtras = WithEnvelopeExtras;
/** Marks a handler whose response is written directly (files, streams); the interceptor leaves it alone. */
class RawResponse {
}
exports.RawResponse = RawResponse;
function envelope(value) {
    if (value instanceof Page)
        return { success: true, data: value.items, pagination: value.pagination };
    if (value instanceof WithEnvelopeExtras) {
        return { ...value.extras, ...envelope(value.data) };
    }
    if (value === undefined)
        return { success: true };
    return { success: true, data: value };
}
/**
 * Wraps every handler result in the contract's envelope (decisions §1) where Nest hands it to
 * Express. A global interceptor would do the same, but costs an rxjs pipeline and two
 * `AsyncResource.bind` calls on every request, about a tenth of a heartbeat's CPU (bench/).
 * Handlers that write the response themselves (`@Res()`) never reach `reply`; errors are
 * rendered by `AllExceptionsFilter`, which writes its own `{success: false}` body.
 */
class EnvelopeExpressAdapter extends platform_express_1.ExpressAdapter {
    reply(response, body, statusCode) {
        if (body instanceof common_1.StreamableFile)
            return super.reply(response, body, statusCode);
        return super.reply(response, body instanceof RawResponse ? undefined : envelope(body), statusCode);
    }
}
exports.EnvelopeExpressAdapter = EnvelopeExpressAdapter;
//# sourceMappingURL=envelope.js.map