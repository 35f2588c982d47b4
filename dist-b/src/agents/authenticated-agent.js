"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AuthenticatedAgent = void 0;
exports.attachAgent = attachAgent;
const common_1 = require("@nestjs/common");
const AGENT_KEY = Symbol('opstage.authenticatedAgent');
/** The authenticator keeps the agent row it already read, so the heartbeat needs no second query. */
function attachAgent(req, agent) {
    req[AGENT_KEY] = agent;
}
/** The agent row loaded while authenticating this request (`@AgentAuth()` routes only). */
exports.AuthenticatedAgent = (0, common_1.createParamDecorator)((_data, host) => {
    const agent = host.switchToHttp().getRequest()[AGENT_KEY];
    if (!agent)
        throw new Error('AuthenticatedAgent used on a route without @AgentAuth()');
    return agent;
});
//# sourceMappingURL=authenticated-agent.js.map