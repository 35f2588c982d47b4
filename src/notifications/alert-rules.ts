import type { NotificationEventType, NotificationLabel, NotificationSeverity } from '../contracts';

/**
 * The pure rules of notifications (docs/notifications.md, "Rules" and "Delay, reminders and
 * recovery"): severities, label matching and the alert state machine. The evaluator and the event
 * listener apply them; nothing here reads a clock or a database.
 */

/** Every event's severity; the code base grades nothing else, so these are the only grades. */
export const EVENT_SEVERITY: Record<NotificationEventType, NotificationSeverity> = {
  'agent.offline': 'critical',
  'service.unhealthy': 'warning',
  'command.failed': 'warning',
  'approval.requested': 'info',
};

/** Lasting conditions (an alert with delay, reminders and recovery) versus one-shot events. */
export const CONDITION_EVENTS: readonly NotificationEventType[] = ['agent.offline', 'service.unhealthy'];
export const ONE_SHOT_EVENTS: readonly NotificationEventType[] = ['command.failed', 'approval.requested'];

const RANK: Record<NotificationSeverity, number> = { info: 0, warning: 1, critical: 2 };

export function severityAtLeast(severity: NotificationSeverity, min: NotificationSeverity): boolean {
  return RANK[severity] >= RANK[min];
}

/**
 * A rule's labels against a subject's label sets: an empty rule matches everything; otherwise one of
 * the sets must carry every pair. A service has one set (its manifest labels); an agent has one per
 * service it runs, so `team=billing` reaches the agent that runs a billing service.
 */
export function labelsMatch(rule: readonly NotificationLabel[], sets: readonly Record<string, unknown>[]): boolean {
  if (rule.length === 0) return true;
  return sets.some((set) => rule.every((l) => set[l.key] === l.value));
}

/** The label pairs to show with a message: the union of the subject's sets (first value of each key). */
export function displayLabels(sets: readonly Record<string, unknown>[]): NotificationLabel[] {
  const seen = new Map<string, string>();
  for (const set of sets)
    for (const [key, value] of Object.entries(set))
      if (typeof value === 'string' && !seen.has(key)) seen.set(key, value);
  return [...seen].map(([key, value]) => ({ key, value }));
}

export interface RuleTiming {
  delaySeconds: number;
  reminderMinutes: number;
  notifyRecovery: boolean;
}

export interface OpenAlert {
  state: 'pending' | 'firing';
  openedAt: string;
  lastNotifiedAt: string | null;
}

/**
 * What an open alert does at one evaluation:
 * - `fire`: pending and the delay has passed while the condition held (a `fire` message);
 * - `remind`: firing and a reminder is due (every `reminderMinutes`, counted from the last message);
 * - `cancel`: the condition ended inside the delay, nobody was paged (the flapping case);
 * - `resolve`: it ended after firing (a `recovery` message when the rule asks for one);
 * - `wait`: nothing to do yet.
 */
export type AlertStep = 'wait' | 'fire' | 'remind' | 'cancel' | 'resolve';

export function nextStep(alert: OpenAlert, holds: boolean, rule: RuleTiming, nowMs: number): AlertStep {
  if (!holds) return alert.state === 'pending' ? 'cancel' : 'resolve';
  if (alert.state === 'pending')
    return nowMs - Date.parse(alert.openedAt) >= rule.delaySeconds * 1000 ? 'fire' : 'wait';
  if (rule.reminderMinutes <= 0) return 'wait';
  const last = Date.parse(alert.lastNotifiedAt ?? alert.openedAt);
  return nowMs - last >= rule.reminderMinutes * 60_000 ? 'remind' : 'wait';
}
