"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CryptoRandomSource = exports.RandomSource = void 0;
const node_crypto_1 = require("node:crypto");
/** Randomness is injected so ids and tokens can be made deterministic in unit tests. */
class RandomSource {
}
exports.RandomSource = RandomSource;
class CryptoRandomSource extends RandomSource {
    bytes(size) {
        return (0, node_crypto_1.randomBytes)(size);
    }
}
exports.CryptoRandomSource = CryptoRandomSource;
//# sourceMappingURL=random-source.js.map