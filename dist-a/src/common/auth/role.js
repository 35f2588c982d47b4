"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ROLES = void 0;
exports.roleAtLeast = roleAtLeast;
exports.isRole = isRole;
exports.ROLES = ['viewer', 'operator', 'owner'];
const RANK = { viewer: 0, operator: 1, owner: 2 };
/** owner ⊃ operator ⊃ viewer. */
function roleAtLeast(actual, required) {
    return RANK[actual] >= RANK[required];
}
function isRole(value) {
    return typeof value === 'string' && exports.ROLES.includes(value);
}
//# sourceMappingURL=role.js.map