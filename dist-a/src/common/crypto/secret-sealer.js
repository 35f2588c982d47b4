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
exports.SecretSealer = void 0;
const common_1 = require("@nestjs/common");
const node_crypto_1 = require("node:crypto");
const app_config_1 = require("../../config/app-config");
const random_source_1 = require("./random-source");
const VERSION = 'v1';
/**
 * AES-256-GCM sealing of short-lived secrets (decision 8). The key is derived from the session
 * secret with HKDF, so no second secret has to be managed, yet a leaked key does not reveal the
 * session secret. Sealed text: `v1.<iv>.<tag>.<ciphertext>` (base64url parts).
 */
let SecretSealer = class SecretSealer {
    random;
    key;
    constructor(config, random) {
        this.random = random;
        this.key = Buffer.from((0, node_crypto_1.hkdfSync)('sha256', config.sessionSecret, 'opstage-ce', 'sealed-secrets-v1', 32));
    }
    seal(value) {
        const iv = this.random.bytes(12);
        const cipher = (0, node_crypto_1.createCipheriv)('aes-256-gcm', this.key, iv);
        const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
        return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    }
    /** Returns the sealed value, or undefined when the text is not ours or was tampered with. */
    open(sealed) {
        const [version, iv, tag, body] = sealed.split('.');
        if (version !== VERSION || !iv || !tag || body === undefined)
            return undefined;
        try {
            const decipher = (0, node_crypto_1.createDecipheriv)('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
            decipher.setAuthTag(Buffer.from(tag, 'base64url'));
            const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
            return JSON.parse(plain.toString('utf8'));
        }
        catch {
            return undefined;
        }
    }
};
exports.SecretSealer = SecretSealer;
exports.SecretSealer = SecretSealer = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(app_config_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object, random_source_1.RandomSource])
], SecretSealer);
//# sourceMappingURL=secret-sealer.js.map