"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AgentAuthenticator = exports.SessionAuthenticator = void 0;
/**
 * Contracts the global policy guard relies on. The auth module implements the session side and
 * the agents module the agent side, so neither module imports the other.
 */
class SessionAuthenticator {
}
exports.SessionAuthenticator = SessionAuthenticator;
class AgentAuthenticator {
}
exports.AgentAuthenticator = AgentAuthenticator;
//# sourceMappingURL=authenticators.js.map