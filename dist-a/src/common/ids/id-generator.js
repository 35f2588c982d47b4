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
exports.IdGenerator = void 0;
const common_1 = require("@nestjs/common");
const clock_1 = require("../time/clock");
const random_source_1 = require("../crypto/random-source");
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/**
 * Prefixed ULIDs (`cmd_01J…`): time-sortable, so `ORDER BY id` follows creation order and
 * inserts land at the end of the primary-key index. Monotonic within one millisecond.
 */
let IdGenerator = class IdGenerator {
    clock;
    random;
    lastMs = -1;
    lastRandom = [];
    constructor(clock, random) {
        this.clock = clock;
        this.random = random;
    }
    next(prefix) {
        return `${prefix}_${this.ulid()}`;
    }
    ulid() {
        const ms = this.clock.nowMs();
        let rand;
        if (ms === this.lastMs) {
            rand = this.increment(this.lastRandom);
        }
        else {
            rand = [...this.random.bytes(10)].map((b) => b & 31).concat([...this.random.bytes(6)].map((b) => b & 31));
        }
        this.lastMs = ms;
        this.lastRandom = rand;
        return encodeTime(ms) + rand.map((v) => CROCKFORD[v]).join('');
    }
    increment(rand) {
        const next = [...rand];
        for (let i = next.length - 1; i >= 0; i -= 1) {
            const v = next[i] ?? 0;
            if (v < 31) {
                next[i] = v + 1;
                return next;
            }
            next[i] = 0;
        }
        return next;
    }
};
exports.IdGenerator = IdGenerator;
exports.IdGenerator = IdGenerator = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [clock_1.Clock,
        random_source_1.RandomSource])
], IdGenerator);
function encodeTime(ms) {
    let out = '';
    let t = ms;
    for (let i = 0; i < 10; i += 1) {
        out = CROCKFORD[t % 32] + out;
        t = Math.floor(t / 32);
    }
    return out;
}
//# sourceMappingURL=id-generator.js.map