"use strict";
/**
 * The typed domain events Opstage publishes after a change has committed (architecture §3.4,
 * house rule 13). Payloads are plain data: ids, codes and statuses, never secrets or entities.
 * This file imports nothing from the domain modules so every module can emit.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.OPSTAGE_EVENT_NAMES = void 0;
exports.isOpstageEventName = isOpstageEventName;
exports.OPSTAGE_EVENT_NAMES = [
    'agent.registered',
    'agent.online',
    'agent.offline',
    'service.health.changed',
    'command.created',
    'command.completed',
    'command.failed',
];
function isOpstageEventName(value) {
    return exports.OPSTAGE_EVENT_NAMES.includes(value);
}
//# sourceMappingURL=opstage-events.js.map