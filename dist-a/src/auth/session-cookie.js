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
exports.SessionCookie = exports.SESSION_COOKIE = void 0;
exports.cookieIsSecure = cookieIsSecure;
exports.requestIsHttps = requestIsHttps;
const common_1 = require("@nestjs/common");
const app_config_1 = require("../config/app-config");
exports.SESSION_COOKIE = 'opstage_session';
/**
 * `OPSTAGE_COOKIE_SECURE`: `true`/`false` force the flag; `auto` is REF's rule, Secure unless
 * NODE_ENV is development or test (so an unset NODE_ENV gets a Secure cookie).
 */
function cookieIsSecure(config) {
    if (config.cookieSecure === 'true')
        return true;
    if (config.cookieSecure === 'false')
        return false;
    return config.nodeEnv !== 'development' && config.nodeEnv !== 'test';
}
/** HTTPS as the browser saw it: directly, or through a proxy that says so. */
function requestIsHttps(req) {
    if (req.secure)
        return true;
    const forwarded = req.header('x-forwarded-proto');
    return typeof forwarded === 'string' && forwarded.split(',')[0]?.trim().toLowerCase() === 'https';
}
/** Writes and clears `opstage_session` with the attributes of backend.md §5. */
let SessionCookie = class SessionCookie {
    config;
    logger = new common_1.Logger('auth');
    secure;
    constructor(config) {
        this.config = config;
        this.secure = cookieIsSecure(config);
    }
    /**
     * Sets the cookie; returns true when it was marked Secure on a plain-HTTP request, which
     * browsers silently drop (the first console failure in the troubleshooting guide).
     */
    set(req, res, rawId) {
        res.cookie(exports.SESSION_COOKIE, rawId, { ...this.options(), maxAge: this.config.sessionTtlSeconds * 1000 });
        const secureOverHttp = this.secure && !requestIsHttps(req);
        if (secureOverHttp) {
            this.logger.warn({
                msg: 'session cookie is Secure but the login came over plain HTTP; browsers will drop it. Serve over HTTPS, or set OPSTAGE_COOKIE_SECURE=false (or NODE_ENV=development) for a trusted plain-HTTP network',
                cookieSecure: this.config.cookieSecure,
                nodeEnv: this.config.nodeEnv ?? null,
            });
        }
        return secureOverHttp;
    }
    clear(res) {
        res.clearCookie(exports.SESSION_COOKIE, this.options());
    }
    read(req) {
        const cookies = req.cookies;
        if (!cookies || typeof cookies !== 'object')
            return undefined;
        const value = cookies[exports.SESSION_COOKIE];
        return typeof value === 'string' ? value : undefined;
    }
    options() {
        return { httpOnly: true, sameSite: 'lax', path: '/', secure: this.secure };
    }
};
exports.SessionCookie = SessionCookie;
exports.SessionCookie = SessionCookie = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(app_config_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object])
], SessionCookie);
//# sourceMappingURL=session-cookie.js.map