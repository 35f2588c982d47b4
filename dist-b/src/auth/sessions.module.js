"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.SessionsModule = void 0;
const common_1 = require("@nestjs/common");
const user_sessions_port_1 = require("../users/user-sessions.port");
const sessions_repository_1 = require("./sessions.repository");
const sessions_service_1 = require("./sessions.service");
/**
 * The session store alone, depending only on the database. Global so the users module can end
 * sessions inside its own transactions through the `UserSessions` port it declares, without
 * importing auth/ (the module DAG runs users ← auth). AuthModule builds login and the
 * authenticator on top and re-exports it for the maintenance sweep (`purgeExpired`).
 */
let SessionsModule = class SessionsModule {
};
exports.SessionsModule = SessionsModule;
exports.SessionsModule = SessionsModule = __decorate([
    (0, common_1.Global)(),
    (0, common_1.Module)({
        providers: [sessions_repository_1.SessionsRepository, sessions_service_1.SessionsService, { provide: user_sessions_port_1.UserSessions, useExisting: sessions_service_1.SessionsService }],
        exports: [sessions_service_1.SessionsService, user_sessions_port_1.UserSessions],
    })
], SessionsModule);
//# sourceMappingURL=sessions.module.js.map