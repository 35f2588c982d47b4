"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.packageInfo = packageInfo;
exports.defaultStaticDir = defaultStaticDir;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
/** Finds the repository's root package.json from src/ (ts-node, jest) or dist/src/ (built). */
function packageInfo(from = __dirname) {
    let dir = from;
    for (;;) {
        const file = (0, node_path_1.join)(dir, 'package.json');
        if ((0, node_fs_1.existsSync)(file)) {
            const pkg = JSON.parse((0, node_fs_1.readFileSync)(file, 'utf8'));
            if (pkg.name === 'opstage-ce')
                return { root: dir, version: pkg.version ?? '0.0.0-dev' };
        }
        const parent = (0, node_path_1.dirname)(dir);
        if (parent === dir)
            return { root: process.cwd(), version: '0.0.0-dev' };
        dir = parent;
    }
}
function defaultStaticDir(info) {
    return (0, node_path_1.join)(info.root, 'admin-ui', 'dist', 'admin-ui', 'browser');
}
//# sourceMappingURL=package-info.js.map