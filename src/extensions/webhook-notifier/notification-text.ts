import type { AgentView, OpstageEventName, OpstageEvents, ServiceView } from '../index';

/** Events a webhook can carry: all but the `audit.recorded` firehose (that is for extensions and the console's live stream). */
export type WebhookEventName = Exclude<OpstageEventName, 'audit.recorded'>;

/** An event with its payload, narrowed together by `event`. */
export type NotifiedEvent = { [K in WebhookEventName]: { event: K; payload: OpstageEvents[K] } }[WebhookEventName];

/** Names for ids, looked up lazily; a failed lookup falls back to the id. */
export interface NameLookups {
  agent(agentId: string): Promise<AgentView | null>;
  service(serviceId: string): Promise<ServiceView | null>;
}

const HEALTH_EMOJI: Record<string, string> = {
  UP: ':large_green_circle:',
  DEGRADED: ':large_yellow_circle:',
  DOWN: ':red_circle:',
};

/** The Slack-compatible `text` line of a notification. */
export async function notificationText(e: NotifiedEvent, names: NameLookups): Promise<string> {
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

function label(code: string, name: string | null): string {
  return name && name !== code ? `\`${code}\` (${name})` : `\`${code}\``;
}

async function agentLabel(agentId: string, names: NameLookups): Promise<string> {
  const agent = await names.agent(agentId).catch(() => null);
  return agent ? label(agent.code, agent.name) : `\`${agentId}\``;
}

async function serviceLabel(serviceId: string, names: NameLookups): Promise<string> {
  const service = await names.service(serviceId).catch(() => null);
  return `service \`${service ? service.code : serviceId}\``;
}
