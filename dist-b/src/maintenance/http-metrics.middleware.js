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
Object.defineProperty(exports, "__esModule", { value: true });
exports.HttpMetricsMiddleware = exports.UNMATCHED_ROUTE = void 0;
const common_1 = require("@nestjs/common");
const prometheus_service_1 = require("./prometheus.service");
/** Requests that matched no route share one label, so scanners cannot blow up the series count. */
exports.UNMATCHED_ROUTE = 'unmatched';
/**
 * Counts every request and its latency, labelled with the matched route pattern
 * (`/api/admin/agents/:agentId`), never the raw URL, and the final status. It runs before the
 * guard, so 401/403 answers are counted too.
 */
let HttpMetricsMiddleware = class HttpMetricsMiddleware {
    prometheus;
    constructor(prometheus) {
        this.prometheus = prometheus;
    }
    /** Mounted by MaintenanceModule only when `OPSTAGE_METRICS_ENABLED=true`. */
    use(req, res, next) {
        const started = process.hrtime.bigint();
        res.once('finish', () => {
            const route = req.route?.path;
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            this.prometheus.observeHttp(req.method, typeof route === 'string' ? route : exports.UNMATCHED_ROUTE, res.statusCode, seconds);
        });
        next();
    }
};
exports.HttpMetricsMiddleware = HttpMetricsMiddleware;
exports.HttpMetricsMiddleware = HttpMetricsMiddleware = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [prometheus_service_1.PrometheusService])
], HttpMetricsMiddleware);
//# sourceMappingURL=http-metrics.middleware.js.map