"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.PrometheusController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const policy_decorators_1 = require("../common/auth/policy.decorators");
const envelope_1 = require("../common/http/envelope");
const prometheus_service_1 = require("./prometheus.service");
let PrometheusController = class PrometheusController {
    prometheus;
    constructor(prometheus) {
        this.prometheus = prometheus;
    }
    /** Public route, but 404 unless OPSTAGE_METRICS_ENABLED and 401 without the optional bearer token. */
    async scrape(authorization, res) {
        const { contentType, body } = await this.prometheus.scrape(authorization);
        res.status(200).setHeader('Content-Type', contentType);
        res.send(body);
        return new envelope_1.RawResponse();
    }
};
exports.PrometheusController = PrometheusController;
__decorate([
    (0, policy_decorators_1.Public)(),
    (0, common_1.Get)('metrics'),
    (0, swagger_1.ApiProduces)('text/plain'),
    (0, swagger_1.ApiOkResponse)({ description: 'Prometheus text exposition format 0.0.4' }),
    __param(0, (0, common_1.Headers)('authorization')),
    __param(1, (0, common_1.Res)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], PrometheusController.prototype, "scrape", null);
exports.PrometheusController = PrometheusController = __decorate([
    (0, swagger_1.ApiTags)('metrics'),
    (0, common_1.Controller)(),
    __metadata("design:paramtypes", [prometheus_service_1.PrometheusService])
], PrometheusController);
//# sourceMappingURL=prometheus.controller.js.map