"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.UsersModule = void 0;
const common_1 = require("@nestjs/common");
const audit_module_1 = require("../audit/audit.module");
const workspace_repository_1 = require("../workspaces/workspace.repository");
const bootstrap_service_1 = require("./bootstrap.service");
const users_controller_1 = require("./users.controller");
const users_repository_1 = require("./users.repository");
const users_service_1 = require("./users.service");
let UsersModule = class UsersModule {
};
exports.UsersModule = UsersModule;
exports.UsersModule = UsersModule = __decorate([
    (0, common_1.Module)({
        // UserSessions comes from the auth module's global SessionsModule (dependency inversion, no import of auth/).
        imports: [audit_module_1.AuditModule],
        controllers: [users_controller_1.UsersController],
        providers: [users_repository_1.UsersRepository, workspace_repository_1.WorkspaceRepository, bootstrap_service_1.BootstrapService, users_service_1.UsersService],
        exports: [users_repository_1.UsersRepository],
    })
], UsersModule);
//# sourceMappingURL=users.module.js.map