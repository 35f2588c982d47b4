"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readDotEnv = readDotEnv;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const node_util_1 = require("node:util");
/** Reads `<dir>/.env` if present. Callers merge it under the real environment, which wins. */
function readDotEnv(dir) {
    const file = (0, node_path_1.join)(dir, '.env');
    if (!(0, node_fs_1.existsSync)(file))
        return {};
    return (0, node_util_1.parseEnv)((0, node_fs_1.readFileSync)(file, 'utf8'));
}
//# sourceMappingURL=dotenv.js.map