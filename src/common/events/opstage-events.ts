/**
 * The typed domain events Opstage publishes after a change has committed
 * (docs/design/decisions.md, "Domain events after commit"). Payloads are plain data: ids, codes and statuses, never secrets or entities.
 * This file imports nothing from the domain modules so every module can emit.
 */

/** Fields every event carries. */
export interface OpstageEventBase {
  /** When the change happened (the acting request's clock), ISO-8601 UTC. */
  occurredAt: string;
  /** Request id of the request or sweep that caused it (`sys_…` for the scheduler). */
  requestId: string;
}

/** An agent registered with a registration token (a new agent, or a known code rotating its token). */
export interface AgentRegisteredEvent extends OpstageEventBase {
  agentId: string;
  code: string;
  name: string | null;
  /** false when a known agent code re-registered (token rotation). */
  created: boolean;
}

/** A heartbeat or poll brought a PENDING/OFFLINE (or silent) agent back online. */
export interface AgentOnlineEvent extends OpstageEventBase {
  agentId: string;
  previousStatus: string;
}

/** The maintenance sweep marked an agent OFFLINE because its heartbeat is older than the threshold. */
export interface AgentOfflineEvent extends OpstageEventBase {
  agentId: string;
  thresholdSeconds: number;
}

/** A Capsule Service reported a different health status (UP, DEGRADED, DOWN, UNKNOWN). */
export interface ServiceHealthChangedEvent extends OpstageEventBase {
  serviceId: string;
  serviceCode: string;
  agentId: string;
  from: string;
  to: string;
  message: string | null;
}

/** A command was stored and is waiting for its agent. */
export interface CommandCreatedEvent extends OpstageEventBase {
  commandId: string;
  type: 'ACTION_EXECUTE' | 'ACTION_PREPARE';
  serviceId: string;
  agentId: string;
  actionName: string;
  createdBy: { type: 'USER' | 'API_TOKEN' | 'BUS_ROUTE' | 'EXTENSION' | 'SCHEDULE'; id: string | null };
  /** `AWAITING_APPROVAL` when a second person must approve it first (docs/actions-and-commands.md, "Approval"). */
  status: 'PENDING' | 'AWAITING_APPROVAL';
}

/** The agent reported success for a command. */
export interface CommandCompletedEvent extends OpstageEventBase {
  commandId: string;
  serviceId: string;
  agentId: string;
  actionName: string;
  durationMs: number | null;
}

/** The agent reported failure for a command. */
export interface CommandFailedEvent extends OpstageEventBase {
  commandId: string;
  serviceId: string;
  agentId: string;
  actionName: string;
  errorCode: string;
  errorMessage: string | null;
  durationMs: number | null;
}

/**
 * An audit record was stored (any audited change: operator actions, agent lifecycle, commands,
 * settings, tokens...). Sampled heartbeat audits are not announced. Carries no metadata, which
 * stays in the audit log.
 */
export interface AuditRecordedEvent extends OpstageEventBase {
  auditEventId: string;
  action: string;
  actorType: string;
  actorId: string | null;
  targetType: string | null;
  targetId: string | null;
  result: string;
}

/** Event name → payload. The only events core emits; listeners are typed by this map. */
export interface OpstageEvents {
  'agent.registered': AgentRegisteredEvent;
  'agent.online': AgentOnlineEvent;
  'agent.offline': AgentOfflineEvent;
  'service.health.changed': ServiceHealthChangedEvent;
  'command.created': CommandCreatedEvent;
  'command.completed': CommandCompletedEvent;
  'command.failed': CommandFailedEvent;
  'audit.recorded': AuditRecordedEvent;
}

export type OpstageEventName = keyof OpstageEvents;

export const OPSTAGE_EVENT_NAMES: readonly OpstageEventName[] = [
  'agent.registered',
  'agent.online',
  'agent.offline',
  'service.health.changed',
  'command.created',
  'command.completed',
  'command.failed',
  'audit.recorded',
];

export function isOpstageEventName(value: string): value is OpstageEventName {
  return (OPSTAGE_EVENT_NAMES as readonly string[]).includes(value);
}
