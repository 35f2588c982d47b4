"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseObject = parseObject;
exports.parseArray = parseArray;
exports.toActionDefinition = toActionDefinition;
function parseObject(json) {
    if (!json)
        return {};
    try {
        const value = JSON.parse(json);
        return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
    }
    catch {
        return {};
    }
}
function parseArray(json) {
    if (!json)
        return [];
    try {
        const value = JSON.parse(json);
        return Array.isArray(value) ? value : [];
    }
    catch {
        return [];
    }
}
function toActionDefinition(entity) {
    const metadata = parseObject(entity.metadataJson);
    const out = {
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
        hasPrepare: Boolean(entity.hasPrepare),
        createdAt: entity.createdAt,
        updatedAt: entity.updatedAt,
    };
    if (typeof metadata.category === 'string')
        out.category = metadata.category;
    if (typeof metadata.order === 'number')
        out.order = metadata.order;
    const resultSchema = parseObject(entity.resultSchemaJson);
    if (Object.keys(resultSchema).length > 0)
        out.resultSchema = resultSchema;
    return out;
}
//# sourceMappingURL=action.mapper.js.map