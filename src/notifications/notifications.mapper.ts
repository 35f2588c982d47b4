import { maskedSettings } from './channel-settings';
import type { NotificationAlertEntity } from './notification-alert.entity';
import type { NotificationChannelEntity } from './notification-channel.entity';
import type { NotificationDeliveryEntity } from './notification-delivery.entity';
import type { NotificationRuleEntity } from './notification-rule.entity';
import type {
  NotificationAlertResponse,
  NotificationChannelResponse,
  NotificationDeliveryResponse,
  NotificationEventType,
  NotificationLabel,
  NotificationRuleResponse,
} from '../contracts';

/** JSON text that should hold an array; a corrupt value reads as empty rather than failing a list. */
export function jsonArray<T>(json: string, keep: (v: unknown) => v is T): T[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter(keep) : [];
  } catch {
    return [];
  }
}

export function jsonObject(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isLabel = (v: unknown): v is NotificationLabel =>
  typeof v === 'object' &&
  v !== null &&
  isString((v as NotificationLabel).key) &&
  isString((v as NotificationLabel).value);

export function ruleEvents(row: Pick<NotificationRuleEntity, 'eventsJson'>): NotificationEventType[] {
  return jsonArray(row.eventsJson, (v): v is NotificationEventType => isString(v));
}
export function ruleChannelIds(row: Pick<NotificationRuleEntity, 'channelIdsJson'>): string[] {
  return jsonArray(row.channelIdsJson, isString);
}
export function ruleLabels(row: Pick<NotificationRuleEntity, 'labelsJson'>): NotificationLabel[] {
  return jsonArray(row.labelsJson, isLabel);
}

/** `secretFieldsSet`: which secret fields hold a value (they read `"********"`, never the value). */
export function toChannelResponse(
  row: NotificationChannelEntity,
  secretFieldsSet: readonly string[],
): NotificationChannelResponse {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    enabled: row.enabled,
    settings: maskedSettings(row.type, jsonObject(row.settingsJson), secretFieldsSet),
    status: row.status,
    lastError: row.lastError,
    lastDeliveryAt: row.lastDeliveryAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toRuleResponse(row: NotificationRuleEntity): NotificationRuleResponse {
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    events: ruleEvents(row),
    channelIds: ruleChannelIds(row),
    labels: ruleLabels(row),
    minSeverity: row.minSeverity,
    delaySeconds: row.delaySeconds,
    reminderMinutes: row.reminderMinutes,
    notifyRecovery: row.notifyRecovery,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toAlertResponse(row: NotificationAlertEntity): NotificationAlertResponse {
  return {
    id: row.id,
    ruleId: row.ruleId,
    event: row.event,
    severity: row.severity,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    subjectName: row.subjectName,
    state: row.state,
    openedAt: row.openedAt,
    firedAt: row.firedAt,
    resolvedAt: row.resolvedAt,
    lastNotifiedAt: row.lastNotifiedAt,
    reminderCount: row.reminderCount,
  };
}

export function toDeliveryResponse(row: NotificationDeliveryEntity): NotificationDeliveryResponse {
  return {
    id: row.id,
    channelId: row.channelId,
    alertId: row.alertId,
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
  };
}
