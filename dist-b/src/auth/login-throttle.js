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
Object.defineProperty(exports, "__esModule", { value: true });
exports.LoginThrottle = exports.MAX_FAILURES_PER_IP = exports.MAX_FAILURES_PER_USER_AND_IP = exports.LOGIN_WINDOW_MS = void 0;
const common_1 = require("@nestjs/common");
const domain_error_1 = require("../common/errors/domain-error");
const clock_1 = require("../common/time/clock");
exports.LOGIN_WINDOW_MS = 15 * 60 * 1000;
exports.MAX_FAILURES_PER_USER_AND_IP = 5;
exports.MAX_FAILURES_PER_IP = 20;
/** Bounds memory under a spray of distinct usernames; expired windows are dropped first. */
const MAX_KEYS = 50_000;
/**
 * Decision 5: a sliding 15-minute window of failed logins per (username, address) and per
 * address. In-process on purpose: a restart forgets the counts, which the decision accepts, and
 * no request needs a database write just to be refused. Usernames are compared case-folded so
 * `Admin` and `admin` share one budget.
 */
let LoginThrottle = class LoginThrottle {
    clock;
    failures = new Map();
    constructor(clock) {
        this.clock = clock;
    }
    /** Throws 429 `RATE_LIMITED` with `Retry-After` when either budget is spent. */
    assertAllowed(username, ip) {
        const now = this.clock.nowMs();
        const retryMs = Math.max(this.retryAfterMs(userKey(username, ip), exports.MAX_FAILURES_PER_USER_AND_IP, now), this.retryAfterMs(ipKey(ip), exports.MAX_FAILURES_PER_IP, now));
        if (retryMs > 0) {
            const seconds = Math.max(1, Math.ceil(retryMs / 1000));
            throw new domain_error_1.DomainError('RATE_LIMITED', 'Too many failed login attempts. Try again later.', { retryAfterSeconds: seconds }, 429, {
                'Retry-After': String(seconds),
            });
        }
    }
    recordFailure(username, ip) {
        const now = this.clock.nowMs();
        if (this.failures.size >= MAX_KEYS)
            this.sweep(now);
        for (const key of [userKey(username, ip), ipKey(ip)]) {
            const hits = this.live(key, now);
            hits.push(now);
            this.failures.set(key, hits);
        }
    }
    /** A successful login clears that username's count from that address (not the address budget). */
    recordSuccess(username, ip) {
        this.failures.delete(userKey(username, ip));
    }
    retryAfterMs(key, limit, now) {
        const hits = this.live(key, now);
        if (hits.length < limit)
            return 0;
        // The window reopens when the oldest failure that keeps the count at the limit ages out.
        const blocking = hits[hits.length - limit] ?? now;
        return blocking + exports.LOGIN_WINDOW_MS - now;
    }
    live(key, now) {
        const hits = (this.failures.get(key) ?? []).filter((t) => t > now - exports.LOGIN_WINDOW_MS);
        if (hits.length === 0)
            this.failures.delete(key);
        else
            this.failures.set(key, hits);
        return hits;
    }
    sweep(now) {
        for (const key of [...this.failures.keys()])
            this.live(key, now);
        // Still full: forget the oldest keys rather than grow without bound.
        for (const key of this.failures.keys()) {
            if (this.failures.size < MAX_KEYS)
                break;
            this.failures.delete(key);
        }
    }
};
exports.LoginThrottle = LoginThrottle;
exports.LoginThrottle = LoginThrottle = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [clock_1.Clock])
], LoginThrottle);
function userKey(username, ip) {
    return `u:${ip ?? '-'}:${username.toLowerCase()}`;
}
function ipKey(ip) {
    return `ip:${ip ?? '-'}`;
}
//# sourceMappingURL=login-throttle.js.map