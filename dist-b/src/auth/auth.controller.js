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
exports.AuthController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const policy_decorators_1 = require("../common/auth/policy.decorators");
const ctx_decorator_1 = require("../common/context/ctx.decorator");
const auth_service_1 = require("./auth.service");
const login_dto_1 = require("./dto/login.dto");
const local_login_guard_1 = require("./local-login.guard");
const session_cookie_1 = require("./session-cookie");
let AuthController = class AuthController {
    auth;
    cookie;
    constructor(auth, cookie) {
        this.auth = auth;
        this.cookie = cookie;
    }
    /** No session and no CSRF; throttled (429) and checked by passport-local (401). */
    async login(ctx, user, req, res) {
        const { rawSessionId, ...view } = await this.auth.login(ctx, user, this.cookie.read(req));
        return { ...view, cookieSecureOverHttp: this.cookie.set(req, res, rawSessionId) };
    }
    async logout(ctx, res) {
        await this.auth.logout(ctx);
        this.cookie.clear(res);
    }
    me(ctx) {
        return this.auth.me(ctx);
    }
    /** Rotates the CSRF token (REF keeps this a GET; it writes an audit row every time). */
    csrf(ctx) {
        return this.auth.refreshCsrf(ctx);
    }
};
exports.AuthController = AuthController;
__decorate([
    (0, policy_decorators_1.Public)(),
    (0, common_1.Post)('login'),
    (0, common_1.HttpCode)(200),
    (0, common_1.UseGuards)(local_login_guard_1.LocalLoginGuard),
    (0, swagger_1.ApiBody)({ type: login_dto_1.LoginDto }),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, local_login_guard_1.VerifiedUser)()),
    __param(2, (0, common_1.Req)()),
    __param(3, (0, common_1.Res)({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, Function, Object, Object]),
    __metadata("design:returntype", Promise)
], AuthController.prototype, "login", null);
__decorate([
    (0, policy_decorators_1.Roles)('viewer'),
    (0, common_1.Post)('logout'),
    (0, common_1.HttpCode)(200),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Res)({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, Object]),
    __metadata("design:returntype", Promise)
], AuthController.prototype, "logout", null);
__decorate([
    (0, policy_decorators_1.Roles)('viewer'),
    (0, common_1.Get)('me'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function]),
    __metadata("design:returntype", Promise)
], AuthController.prototype, "me", null);
__decorate([
    (0, policy_decorators_1.Roles)('viewer'),
    (0, common_1.Get)('csrf'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function]),
    __metadata("design:returntype", Promise)
], AuthController.prototype, "csrf", null);
exports.AuthController = AuthController = __decorate([
    (0, swagger_1.ApiTags)('auth'),
    (0, common_1.Controller)('api/admin/auth'),
    __metadata("design:paramtypes", [auth_service_1.AuthService,
        session_cookie_1.SessionCookie])
], AuthController);
//# sourceMappingURL=auth.controller.js.map