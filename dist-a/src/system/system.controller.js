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
exports.SystemController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const policy_decorators_1 = require("../common/auth/policy.decorators");
const system_service_1 = require("./system.service");
let SystemController = class SystemController {
    system;
    constructor(system) {
        this.system = system;
    }
    async health(res) {
        const health = await this.system.health();
        res.status(health.status === 'DOWN' ? 503 : 200);
        return health;
    }
    liveness() {
        return { status: 'UP' };
    }
    version() {
        return this.system.version();
    }
};
exports.SystemController = SystemController;
__decorate([
    (0, policy_decorators_1.Public)(),
    (0, common_1.Get)('api/system/health'),
    (0, swagger_1.ApiOkResponse)({ description: 'Database probe, uptime, version; 503 with status DOWN when the probe fails' }),
    __param(0, (0, common_1.Res)({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], SystemController.prototype, "health", null);
__decorate([
    (0, policy_decorators_1.Public)(),
    (0, common_1.Get)('health'),
    (0, swagger_1.ApiOkResponse)({ description: 'Process liveness only' }),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Object)
], SystemController.prototype, "liveness", null);
__decorate([
    (0, policy_decorators_1.Public)(),
    (0, common_1.Get)('api/system/version'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Object)
], SystemController.prototype, "version", null);
exports.SystemController = SystemController = __decorate([
    (0, swagger_1.ApiTags)('system'),
    (0, common_1.Controller)(),
    __metadata("design:paramtypes", [system_service_1.SystemService])
], SystemController);
//# sourceMappingURL=system.controller.js.map