"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CORE_MIGRATIONS = void 0;
const _1764300000000_Init_1 = require("./1764300000000-Init");
const _1764350000000_ListIndexes_1 = require("./1764350000000-ListIndexes");
/** The ordered list of core migrations. New migrations are appended, never reordered. */
exports.CORE_MIGRATIONS = [_1764300000000_Init_1.Init1764300000000, _1764350000000_ListIndexes_1.ListIndexes1764350000000];
//# sourceMappingURL=index.js.map