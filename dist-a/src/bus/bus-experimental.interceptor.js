"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.BusExperimentalInterceptor = void 0;
const common_1 = require("@nestjs/common");
const rxjs_1 = require("rxjs");
const envelope_1 = require("../common/http/envelope");
const bus_mapper_1 = require("./bus.mapper");
/** Adds the top-level `"experimental": "v0.4-experimental"` to every bus admin response (backend.md §3.1). */
let BusExperimentalInterceptor = class BusExperimentalInterceptor {
    intercept(_ctx, next) {
        return next.handle().pipe((0, rxjs_1.map)((value) => new envelope_1.WithEnvelopeExtras(value, { experimental: bus_mapper_1.BUS_EXPERIMENTAL })));
    }
};
exports.BusExperimentalInterceptor = BusExperimentalInterceptor;
exports.BusExperimentalInterceptor = BusExperimentalInterceptor = __decorate([
    (0, common_1.Injectable)()
], BusExperimentalInterceptor);
//# sourceMappingURL=bus-experimental.interceptor.js.map