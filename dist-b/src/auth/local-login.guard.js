"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.VerifiedUser = exports.LocalLoginGuard = void 0;
const common_1 = require("@nestjs/common");
const passport_1 = require("@nestjs/passport");
const domain_error_1 = require("../common/errors/domain-error");
const user_entity_1 = require("../users/user.entity");
const parse_body_1 = require("../users/dto/parse-body");
const login_dto_1 = require("./dto/login.dto");
/**
 * Runs the passport-local strategy on the login route. Guards run before pipes, so the body is
 * validated here first: a malformed body is 422 with paths, never passport's bare 401.
 */
let LocalLoginGuard = class LocalLoginGuard extends (0, passport_1.AuthGuard)('local') {
    async canActivate(context) {
        const req = context.switchToHttp().getRequest();
        (0, parse_body_1.parseBody)(login_dto_1.LoginDto, req.body);
        return (await super.canActivate(context));
    }
};
exports.LocalLoginGuard = LocalLoginGuard;
exports.LocalLoginGuard = LocalLoginGuard = __decorate([
    (0, common_1.Injectable)()
], LocalLoginGuard);
/** The user the login guard verified. */
exports.VerifiedUser = (0, common_1.createParamDecorator)((_data, host) => {
    const user = host.switchToHttp().getRequest().user;
    if (!(user instanceof user_entity_1.UserEntity))
        throw (0, domain_error_1.unauthorized)();
    return user;
});
//# sourceMappingURL=local-login.guard.js.map