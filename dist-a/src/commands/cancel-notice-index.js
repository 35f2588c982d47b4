"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.CancelNoticeIndex = void 0;
const common_1 = require("@nestjs/common");
const command_repository_1 = require("./command.repository");
/**
 * Which agents have a cancelled-while-RUNNING command they have not been told about yet
 * (decision 17). Heartbeats and polls consult it so that the common case, nothing cancelled,
 * costs no transaction and no query. The database stays the source of truth: the set is loaded
 * from it at boot (a restart loses nothing), an agent is added after a cancel commits, and it is
 * removed only inside the serialised transaction that takes its notices, so a cancel that
 * commits later is always added back afterwards. A stale member only costs one empty lookup.
 */
let CancelNoticeIndex = class CancelNoticeIndex {
    commands;
    agents = new Set();
    constructor(commands) {
        this.commands = commands;
    }
    async onApplicationBootstrap() {
        for (const agentId of await this.commands.agentsWithUnnotifiedCancels())
            this.agents.add(agentId);
    }
    has(agentId) {
        return this.agents.has(agentId);
    }
    /** Call after the cancel's transaction committed, before waking the agent's poll. */
    add(agentId) {
        this.agents.add(agentId);
    }
    /** Call inside the transaction that took this agent's last pending notices. */
    remove(agentId) {
        this.agents.delete(agentId);
    }
};
exports.CancelNoticeIndex = CancelNoticeIndex;
exports.CancelNoticeIndex = CancelNoticeIndex = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [command_repository_1.CommandRepository])
], CancelNoticeIndex);
//# sourceMappingURL=cancel-notice-index.js.map