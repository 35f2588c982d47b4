"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AgentAuth = exports.Roles = exports.Public = exports.POLICY_KEY = void 0;
const common_1 = require("@nestjs/common");
exports.POLICY_KEY = 'opstage:policy';
/** No authentication. Every route must declare a policy; the global guard denies the rest. */
const Public = () => (0, common_1.SetMetadata)(exports.POLICY_KEY, { kind: 'public' });
exports.Public = Public;
/**
 * An operator session with at least this role (owner ⊃ operator ⊃ viewer). Mutating requests
 * also need the session's CSRF token in `X-CSRF-Token`.
 */
const Roles = (role) => (0, common_1.SetMetadata)(exports.POLICY_KEY, { kind: 'roles', role });
exports.Roles = Roles;
/** A bearer agent token belonging to the `:agentId` path parameter. */
const AgentAuth = () => (0, common_1.SetMetadata)(exports.POLICY_KEY, { kind: 'agent' });
exports.AgentAuth = AgentAuth;
//# sourceMappingURL=policy.decorators.js.map