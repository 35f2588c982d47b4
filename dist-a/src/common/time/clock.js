"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FixedClock = exports.SystemClock = exports.Clock = void 0;
/** Source of "now" for every service, so tests can pin time (house rule 12). */
class Clock {
    /** ISO-8601 UTC with milliseconds: the only timestamp format stored and sent on the wire. */
    nowIso() {
        return this.now().toISOString();
    }
    nowMs() {
        return this.now().getTime();
    }
}
exports.Clock = Clock;
class SystemClock extends Clock {
    now() {
        return new Date();
    }
}
exports.SystemClock = SystemClock;
/** A clock that only moves when told to; used by tests and by the maintenance sweep specs. */
class FixedClock extends Clock {
    current;
    constructor(start = '2026-01-01T00:00:00.000Z') {
        super();
        this.current = new Date(start).getTime();
    }
    now() {
        return new Date(this.current);
    }
    set(at) {
        this.current = new Date(at).getTime();
    }
    advance(ms) {
        this.current += ms;
    }
}
exports.FixedClock = FixedClock;
//# sourceMappingURL=clock.js.map