import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { AuditRecordedEvent, OpstageEventName, OpstageEvents } from '../common/events/opstage-events';
import type { LiveEventInput } from './live-event';
import { LiveEventHub } from './live-event-hub';
import type { LiveTopic, Role } from '../contracts';

/** Audit actions already announced by their own typed event (no second reload for the same change). */
const TYPED = new Set([
  'service.health.changed',
  'command.created',
  'command.completed',
  'command.failed',
  'agent.registered',
  'agent.online',
  'system.agent.offline',
]);

const TARGET_TOPICS: Record<string, LiveTopic[]> = {
  // An agent's status is also its services' effective status.
  Agent: ['agents', 'services'],
  CapsuleService: ['services'],
  Command: ['commands'],
  RegistrationToken: ['tokens'],
  User: ['users'],
  BusRoute: ['bus'],
  BusEvent: ['bus'],
  Workspace: ['settings'],
};

const ACTION_TOPICS: [string, LiveTopic[]][] = [
  ['command.', ['commands']],
  ['system.command.', ['commands']],
  ['agent.', ['agents', 'services']],
  ['service.', ['services']],
  ['registration_token.', ['tokens']],
  ['user.', ['users']],
  ['session.', ['users']],
  ['bus.', ['bus']],
  ['settings.', ['settings']],
  ['maintenance.', ['settings']],
  ['system.maintenance.', ['settings']],
];

/** User and session records are owner business (the Users page); everything else is readable by viewers. */
function auditMinRole(e: AuditRecordedEvent): Role {
  return e.targetType === 'User' || e.action.startsWith('user.') || e.action.startsWith('session.')
    ? 'owner'
    : 'viewer';
}

export function auditToLive(e: AuditRecordedEvent): LiveEventInput | null {
  if (TYPED.has(e.action)) return null;
  const topics = new Set<LiveTopic>(['audit']);
  for (const t of TARGET_TOPICS[e.targetType ?? ''] ?? []) topics.add(t);
  for (const [prefix, list] of ACTION_TOPICS) if (e.action.startsWith(prefix)) for (const t of list) topics.add(t);
  return {
    type: 'audit',
    topics: [...topics],
    ids: e.targetId ? [e.targetId] : [],
    at: e.occurredAt,
    minRole: auditMinRole(e),
    data: { action: e.action, result: e.result, targetType: e.targetType },
  };
}

type Mapper<K extends OpstageEventName> = (payload: OpstageEvents[K]) => LiveEventInput | null;

/** Domain events (post-commit, docs/extensions.md) → live events. */
export const LIVE_MAPPERS: { [K in OpstageEventName]: Mapper<K> } = {
  'service.health.changed': (e) => ({
    type: 'service.health.changed',
    topics: ['services', 'audit'],
    ids: [e.serviceId, e.agentId],
    at: e.occurredAt,
    minRole: 'viewer',
    data: { serviceId: e.serviceId, serviceCode: e.serviceCode, from: e.from, to: e.to, message: e.message },
  }),
  'agent.registered': (e) => ({
    type: 'agent.registered',
    topics: ['agents', 'services', 'tokens', 'audit'],
    ids: [e.agentId],
    at: e.occurredAt,
    minRole: 'viewer',
    data: { agentId: e.agentId },
  }),
  'agent.online': (e) => ({
    type: 'agent.online',
    topics: ['agents', 'services'],
    ids: [e.agentId],
    at: e.occurredAt,
    minRole: 'viewer',
    data: { agentId: e.agentId },
  }),
  'agent.offline': (e) => ({
    type: 'agent.offline',
    topics: ['agents', 'services', 'audit'],
    ids: [e.agentId],
    at: e.occurredAt,
    minRole: 'viewer',
    data: { agentId: e.agentId },
  }),
  'command.created': (e) => ({
    type: 'command.created',
    topics: ['commands', 'audit'],
    ids: [e.commandId, e.serviceId],
    at: e.occurredAt,
    minRole: 'viewer',
    data: { commandId: e.commandId, serviceId: e.serviceId, status: e.status, commandType: e.type },
  }),
  'command.completed': (e) => ({
    type: 'command.completed',
    topics: ['commands', 'audit'],
    ids: [e.commandId, e.serviceId],
    at: e.occurredAt,
    minRole: 'viewer',
    data: { commandId: e.commandId, serviceId: e.serviceId, status: 'SUCCEEDED' },
  }),
  'command.failed': (e) => ({
    type: 'command.failed',
    topics: ['commands', 'audit'],
    ids: [e.commandId, e.serviceId],
    at: e.occurredAt,
    minRole: 'viewer',
    data: { commandId: e.commandId, serviceId: e.serviceId, status: 'FAILED', errorCode: e.errorCode },
  }),
  'audit.recorded': auditToLive,
};

/**
 * Feeds the hub from the post-commit domain events, and only while someone watches: the
 * listeners are attached when the hub becomes active and removed when it goes idle, so with no
 * console open the domain events have no listener here and cost nothing (DomainEvents skips
 * events nobody listens to).
 */
@Injectable()
export class LiveEventFeed implements OnModuleDestroy {
  private readonly handlers = new Map<OpstageEventName, (payload: unknown) => void>();

  constructor(
    private readonly hub: LiveEventHub,
    private readonly emitter: EventEmitter2,
  ) {
    hub.onActiveChange((active) => (active ? this.attach() : this.detach()));
  }

  onModuleDestroy(): void {
    this.detach();
  }

  private attach(): void {
    if (this.handlers.size > 0) return;
    for (const name of Object.keys(LIVE_MAPPERS) as OpstageEventName[]) {
      const mapper = LIVE_MAPPERS[name] as (payload: unknown) => LiveEventInput | null;
      const handler = (payload: unknown): void => {
        const event = mapper(payload);
        if (event) this.hub.publish(event);
      };
      this.emitter.on(name, handler);
      this.handlers.set(name, handler);
    }
  }

  private detach(): void {
    for (const [name, handler] of this.handlers) this.emitter.off(name, handler);
    this.handlers.clear();
  }
}
