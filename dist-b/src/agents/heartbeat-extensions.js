"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.HeartbeatExtensions = void 0;
const common_1 = require("@nestjs/common");
/**
 * Lets modules above agents in the DAG (commands) enrich the heartbeat response without the
 * agents module importing them.
 */
let HeartbeatExtensions = class HeartbeatExtensions {
    logger = new common_1.Logger('HeartbeatExtensions');
    contributors = [];
    register(fn) {
        this.contributors.push(fn);
    }
    /** Merged fields of every contributor; `cancelledCommandIds: []` when nobody supplies it. */
    async collect(agentId, nowIso) {
        const merged = { cancelledCommandIds: [] };
        for (const fn of this.contributors) {
            try {
                Object.assign(merged, await fn(agentId, nowIso));
            }
            catch (error) {
                // A broken contributor must not take the heartbeat (the agent's liveness) down with it.
                this.logger.warn({ msg: 'heartbeat contributor failed', agentId, error: error instanceof Error ? error.message : String(error) });
            }
        }
        return merged;
    }
};
exports.HeartbeatExtensions = HeartbeatExtensions;
exports.HeartbeatExtensions = HeartbeatExtensions = __decorate([
    (0, common_1.Injectable)()
], HeartbeatExtensions);
//# sourceMappingURL=heartbeat-extensions.js.map