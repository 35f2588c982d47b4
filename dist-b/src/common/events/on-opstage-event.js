"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OnOpstageEvent = OnOpstageEvent;
const event_emitter_1 = require("@nestjs/event-emitter");
/**
 * Subscribes a provider method to one Opstage event; the method's parameter type is checked
 * against the payload. Errors thrown by the listener are caught and logged (never re-thrown).
 */
function OnOpstageEvent(event) {
    return (target, key, descriptor) => {
        (0, event_emitter_1.OnEvent)(event, { suppressErrors: true })(target, key, descriptor);
    };
}
//# sourceMappingURL=on-opstage-event.js.map