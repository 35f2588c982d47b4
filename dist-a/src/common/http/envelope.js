"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.EnvelopeInterceptor = exports.RawResponse = exports.WithEnvelopeExtras = exports.Page = void 0;
exports.envelope = envelope;
const common_1 = require("@nestjs/common");
const rxjs_1 = require("rxjs");
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
/** Wraps every JSON success in the contract's envelope (decisions §1). */
let EnvelopeInterceptor = class EnvelopeInterceptor {
    intercept(_ctx, next) {
        return next.handle().pipe((0, rxjs_1.map)((value) => (value instanceof RawResponse ? undefined : envelope(value))));
    }
};
exports.EnvelopeInterceptor = EnvelopeInterceptor;
exports.EnvelopeInterceptor = EnvelopeInterceptor = __decorate([
    (0, common_1.Injectable)()
], EnvelopeInterceptor);
//# sourceMappingURL=envelope.js.map