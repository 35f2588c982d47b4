"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RegistrationTokensModule = void 0;
const common_1 = require("@nestjs/common");
const audit_module_1 = require("../audit/audit.module");
const registration_tokens_controller_1 = require("./registration-tokens.controller");
const registration_tokens_repository_1 = require("./registration-tokens.repository");
const registration_tokens_service_1 = require("./registration-tokens.service");
let RegistrationTokensModule = class RegistrationTokensModule {
};
exports.RegistrationTokensModule = RegistrationTokensModule;
exports.RegistrationTokensModule = RegistrationTokensModule = __decorate([
    (0, common_1.Module)({
        imports: [audit_module_1.AuditModule],
        controllers: [registration_tokens_controller_1.RegistrationTokensController],
        providers: [registration_tokens_repository_1.RegistrationTokensRepository, registration_tokens_service_1.RegistrationTokensService],
        exports: [registration_tokens_service_1.RegistrationTokensService],
    })
], RegistrationTokensModule);
//# sourceMappingURL=registration-tokens.module.js.map