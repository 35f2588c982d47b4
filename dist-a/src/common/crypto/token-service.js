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
exports.TokenService = exports.AGENT_TOKEN_PREFIX = exports.REGISTRATION_TOKEN_PREFIX = void 0;
const common_1 = require("@nestjs/common");
const node_crypto_1 = require("node:crypto");
const random_source_1 = require("./random-source");
exports.REGISTRATION_TOKEN_PREFIX = 'opstage_reg_';
exports.AGENT_TOKEN_PREFIX = 'opstage_agent_';
/** Raw secrets (tokens, session ids) and their at-rest SHA-256 hashes. */
let TokenService = class TokenService {
    random;
    constructor(random) {
        this.random = random;
    }
    /** `prefix` + base64url of 32 random bytes (43 chars). */
    generate(prefix = '') {
        return prefix + this.random.bytes(32).toString('base64url');
    }
    hash(raw) {
        return (0, node_crypto_1.createHash)('sha256').update(raw, 'utf8').digest('hex');
    }
    /** Constant-time string comparison; different lengths compare unequal without early exit on content. */
    safeEqual(a, b) {
        const ab = Buffer.from(a, 'utf8');
        const bb = Buffer.from(b, 'utf8');
        if (ab.length !== bb.length) {
            (0, node_crypto_1.timingSafeEqual)(ab, ab);
            return false;
        }
        return (0, node_crypto_1.timingSafeEqual)(ab, bb);
    }
};
exports.TokenService = TokenService;
exports.TokenService = TokenService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [random_source_1.RandomSource])
], TokenService);
//# sourceMappingURL=token-service.js.map