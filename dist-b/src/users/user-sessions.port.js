"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UserSessions = void 0;
/**
 * What user management needs from the session store: end every session of a user inside the
 * caller's transaction (decision 6: password reset, disable, role change). Declared here and
 * implemented by the auth module's session store, so users/ never imports auth/ (module DAG).
 */
class UserSessions {
}
exports.UserSessions = UserSessions;
//# sourceMappingURL=user-sessions.port.js.map