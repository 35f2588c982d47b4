"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.AuthModule = void 0;
const common_1 = require("@nestjs/common");
const passport_1 = require("@nestjs/passport");
const audit_module_1 = require("../audit/audit.module");
const authenticators_1 = require("../common/auth/authenticators");
const users_module_1 = require("../users/users.module");
const auth_controller_1 = require("./auth.controller");
const auth_service_1 = require("./auth.service");
const database_session_authenticator_1 = require("./database-session.authenticator");
const local_strategy_1 = require("./local.strategy");
const login_throttle_1 = require("./login-throttle");
const session_cookie_1 = require("./session-cookie");
const sessions_module_1 = require("./sessions.module");
/**
 * Operator login on database sessions. Exports the `SessionAuthenticator` the global policy
 * guard uses, and `SessionsService` (re-exported) so maintenance can call `purgeExpired`.
 */
let AuthModule = class AuthModule {
};
exports.AuthModule = AuthModule;
exports.AuthModule = AuthModule = __decorate([
    (0, common_1.Module)({
        imports: [passport_1.PassportModule.register({ session: false }), audit_module_1.AuditModule, users_module_1.UsersModule, sessions_module_1.SessionsModule],
        controllers: [auth_controller_1.AuthController],
        providers: [
            auth_service_1.AuthService,
            local_strategy_1.LocalStrategy,
            login_throttle_1.LoginThrottle,
            session_cookie_1.SessionCookie,
            database_session_authenticator_1.DatabaseSessionAuthenticator,
            { provide: authenticators_1.SessionAuthenticator, useExisting: database_session_authenticator_1.DatabaseSessionAuthenticator },
        ],
        exports: [authenticators_1.SessionAuthenticator, sessions_module_1.SessionsModule],
    })
], AuthModule);
//# sourceMappingURL=auth.module.js.map