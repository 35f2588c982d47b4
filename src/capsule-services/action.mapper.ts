import type { ActionDefinitionEntity } from './action-definition.entity';
import type { ActionDefinitionResponse } from '../contracts';

export function parseObject(json: string | null | undefined): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

export function parseArray(json: string | null | undefined): unknown[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

export function toActionDefinition(entity: ActionDefinitionEntity): ActionDefinitionResponse {
  const metadata = parseObject(entity.metadataJson);
  const out: ActionDefinitionResponse = {
    id: entity.id,
    serviceId: entity.serviceId,
    name: entity.name,
    label: entity.label,
    description: entity.description,
    dangerLevel: entity.dangerLevel,
    requiresConfirmation: Boolean(entity.requiresConfirmation),
    inputSchema: parseObject(entity.inputSchemaJson),
    timeoutSeconds: entity.timeoutSeconds,
    enabled: Boolean(entity.enabled),
    hasPrepare: entity.hasPrepare === null || entity.hasPrepare === undefined ? null : Boolean(entity.hasPrepare),
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
  if (typeof metadata.category === 'string') out.category = metadata.category;
  if (typeof metadata.order === 'number') out.order = metadata.order;
  const resultSchema = parseObject(entity.resultSchemaJson);
  if (Object.keys(resultSchema).length > 0) out.resultSchema = resultSchema;
  return out;
}
