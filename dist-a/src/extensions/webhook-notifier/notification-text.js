"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.notificationText = notificationText;
const HEALTH_EMOJI = { UP: ':large_green_circle:', DEGRADED: ':large_yellow_circle:', DOWN: ':red_circle:' };
/** The Slack-compatible `text` line of a notification. */
async function notificationText(e, names) {
    switch (e.event) {
        case 'agent.registered':
            return `:new: Agent ${label(e.payload.code, e.payload.name)} ${e.payload.created ? 'registered' : 're-registered (token rotated)'}.`;
        case 'agent.online':
            return `:large_green_circle: Agent ${await agentLabel(e.payload.agentId, names)} is back ONLINE (was ${e.payload.previousStatus}).`;
        case 'agent.offline':
            return `:red_circle: Agent ${await agentLabel(e.payload.agentId, names)} is OFFLINE: no heartbeat for more than ${e.payload.thresholdSeconds} s.`;
        case 'service.health.changed': {
            const why = e.payload.message ? `: ${e.payload.message}` : '';
            return `${HEALTH_EMOJI[e.payload.to] ?? ':white_circle:'} Service \`${e.payload.serviceCode}\` health ${e.payload.from} → ${e.payload.to}${why}`;
        }
        case 'command.created':
            return `:arrow_forward: Command \`${e.payload.actionName}\` queued for ${await serviceLabel(e.payload.serviceId, names)}.`;
        case 'command.completed':
            return `:white_check_mark: Command \`${e.payload.actionName}\` on ${await serviceLabel(e.payload.serviceId, names)} succeeded.`;
        case 'command.failed': {
            const why = e.payload.errorMessage ? ` (${e.payload.errorMessage})` : '';
            return `:x: Command \`${e.payload.actionName}\` on ${await serviceLabel(e.payload.serviceId, names)} failed: ${e.payload.errorCode}${why}`;
        }
    }
}
function label(code, name) {
    return name && name !== code ? `\`${code}\` (${name})` : `\`${code}\``;
}
async function agentLabel(agentId, names) {
    const agent = await names.agent(agentId).catch(() => null);
    return agent ? label(agent.code, agent.name) : `\`${agentId}\``;
}
async function serviceLabel(serviceId, names) {
    const service = await names.service(serviceId).catch(() => null);
    return `service \`${service ? service.code : serviceId}\``;
}
//# sourceMappingURL=notification-text.js.map