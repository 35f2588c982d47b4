"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var ConfigModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConfigModule = void 0;
const common_1 = require("@nestjs/common");
const app_config_1 = require("./app-config");
const clock_1 = require("../common/time/clock");
const random_source_1 = require("../common/crypto/random-source");
const id_generator_1 = require("../common/ids/id-generator");
const token_service_1 = require("../common/crypto/token-service");
const secret_sealer_1 = require("../common/crypto/secret-sealer");
const password_hasher_1 = require("../common/crypto/password-hasher");
/** Config plus the injected building blocks every module uses (time, ids, randomness, crypto). */
let ConfigModule = ConfigModule_1 = class ConfigModule {
    static forRoot(options) {
        const providers = [
            { provide: app_config_1.APP_CONFIG, useValue: options.config },
            { provide: clock_1.Clock, useValue: options.clock ?? new clock_1.SystemClock() },
            { provide: random_source_1.RandomSource, useValue: options.random ?? new random_source_1.CryptoRandomSource() },
            id_generator_1.IdGenerator,
            token_service_1.TokenService,
            secret_sealer_1.SecretSealer,
            password_hasher_1.PasswordHasher,
        ];
        return { module: ConfigModule_1, providers, exports: providers.map((p) => ('provide' in p ? p.provide : p)) };
    }
};
exports.ConfigModule = ConfigModule;
exports.ConfigModule = ConfigModule = ConfigModule_1 = __decorate([
    (0, common_1.Global)(),
    (0, common_1.Module)({})
], ConfigModule);
//# sourceMappingURL=config.module.js.map