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
exports.BusEnabledGuard = void 0;
const common_1 = require("@nestjs/common");
const domain_error_1 = require("../common/errors/domain-error");
const app_config_1 = require("../config/app-config");
/**
 * The feature flag. Applied with `@UseGuards` on the bus controllers, so it runs after the
 * global PolicyGuard (session 401 → CSRF 403 → role 403, or agent bearer 401/403) and before
 * body validation: with the flag off, an authorised caller always gets 404 CAPSULE_BUS_DISABLED.
 */
let BusEnabledGuard = class BusEnabledGuard {
    config;
    constructor(config) {
        this.config = config;
    }
    canActivate() {
        if (!this.config.busEnabled) {
            throw new domain_error_1.DomainError('CAPSULE_BUS_DISABLED', 'Capsule Bus is experimental and disabled. Set OPSTAGE_CAPSULE_BUS_ENABLED=true to enable controlled trials.');
        }
        return true;
    }
};
exports.BusEnabledGuard = BusEnabledGuard;
exports.BusEnabledGuard = BusEnabledGuard = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(app_config_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object])
], BusEnabledGuard);
//# sourceMappingURL=bus-enabled.guard.js.map