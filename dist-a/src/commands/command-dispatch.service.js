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
exports.CommandDispatchService = void 0;
const common_1 = require("@nestjs/common");
const secret_sealer_1 = require("../common/crypto/secret-sealer");
const clock_1 = require("../common/time/clock");
const transaction_runner_1 = require("../database/transaction-runner");
const audit_service_1 = require("../audit/audit.service");
const counters_service_1 = require("../system/counters.service");
const command_notifier_1 = require("./command-notifier");
const command_repository_1 = require("./command.repository");
const cancel_notice_index_1 = require("./cancel-notice-index");
const command_targets_1 = require("./command-targets");
const command_mapper_1 = require("./command.mapper");
const sealed_values_1 = require("./sealed-values");
/**
 * The agent's poll (backend.md §7.2, decisions 16/17/27): claims PENDING, unexpired commands
 * with conditional updates inside one serialised transaction, and long-polls through the
 * in-process notifier when there is nothing to claim.
 */
let CommandDispatchService = class CommandDispatchService {
    commands;
    tx;
    notifier;
    sealer;
    counters;
    targets;
    audit;
    clock;
    cancelNotices;
    logger = new common_1.Logger('CommandDispatch');
    constructor(commands, tx, notifier, sealer, counters, targets, audit, clock, cancelNotices) {
        this.commands = commands;
        this.tx = tx;
        this.notifier = notifier;
        this.sealer = sealer;
        this.counters = counters;
        this.targets = targets;
        this.audit = audit;
        this.clock = clock;
        this.cancelNotices = cancelNotices;
    }
    async poll(ctx, agent, limit, waitSeconds, signal) {
        const agentId = agent.id;
        this.counters.increment('agent.polls');
        await this.targets.touchAgent(ctx, agent);
        // Subscribe before the first claim: a command created between "nothing to claim" and
        // "start waiting" latches the subscription instead of being missed.
        const subscription = waitSeconds > 0 ? this.notifier.subscribeAgent(agentId) : undefined;
        try {
            const deadline = ctx.now.getTime() + waitSeconds * 1000;
            let claimed = await this.claim(ctx, agentId, limit);
            let cancelled = await this.cancelledIds(agentId, ctx.nowIso);
            while (subscription && claimed.length === 0 && cancelled.length === 0) {
                const remaining = deadline - this.clock.nowMs();
                if (remaining <= 0 || signal?.aborted)
                    break;
                const woke = await subscription.wait(remaining, signal);
                if (!woke)
                    break;
                claimed = await this.claim(ctx, agentId, limit);
                cancelled = await this.cancelledIds(agentId, this.clock.nowIso());
            }
            return { commands: claimed, cancelledCommandIds: cancelled };
        }
        finally {
            subscription?.close();
        }
    }
    /**
     * Heartbeat contributor: cancelled RUNNING commands, each reported to the agent once. Agents
     * outside the cancel-notice index have none, so the common heartbeat touches no database.
     */
    async cancelledIds(agentId, nowIso) {
        if (!this.cancelNotices.has(agentId))
            return [];
        return this.tx.run(async (em) => {
            const taken = await this.commands.takeCancelledForAgent(agentId, nowIso, em, command_repository_1.CANCEL_NOTICE_BATCH);
            // Inside the transaction: a cancel committing after this one re-adds the agent afterwards.
            if (taken.length < command_repository_1.CANCEL_NOTICE_BATCH)
                this.cancelNotices.remove(agentId);
            return taken;
        });
    }
    async claim(ctx, agentId, limit) {
        const nowIso = this.clock.nowIso();
        // The empty poll's fast path: an indexed probe outside any transaction. A command created
        // right after it still reaches a long-poll through the subscription taken before the claim.
        if (!(await this.commands.hasClaimable(agentId, nowIso)))
            return [];
        const won = await this.tx.run(async (em) => {
            const candidates = await this.commands.claimable(agentId, nowIso, limit, em);
            const out = [];
            for (const row of candidates) {
                if (!(await this.commands.claim(row.id, nowIso, em)))
                    continue;
                await this.audit.record(ctx, { action: 'command.dispatched', targetType: 'Command', targetId: row.id }, em);
                out.push({ ...row, status: 'RUNNING', startedAt: nowIso, updatedAt: nowIso });
            }
            return out;
        });
        if (won.length > 0)
            this.counters.increment('commands.dispatched', won.length);
        return won.map((row) => (0, command_mapper_1.toPublicCommand)(row, nowIso, this.agentPayload(row)));
    }
    /** The agent gets the operator's input as typed: sealed fields are merged back in. */
    agentPayload(row) {
        if (!row.sealedPayload)
            return (0, sealed_values_1.parseObject)(row.payloadJson);
        const opened = this.sealer.open(row.sealedPayload);
        if (opened !== null && typeof opened === 'object' && !Array.isArray(opened))
            return opened;
        this.logger.warn({ msg: 'sealed payload could not be opened; sending the redacted payload', commandId: row.id });
        return (0, sealed_values_1.parseObject)(row.payloadJson);
    }
};
exports.CommandDispatchService = CommandDispatchService;
exports.CommandDispatchService = CommandDispatchService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [command_repository_1.CommandRepository,
        transaction_runner_1.TransactionRunner,
        command_notifier_1.CommandNotifier,
        secret_sealer_1.SecretSealer,
        counters_service_1.CountersService,
        command_targets_1.CommandTargets,
        audit_service_1.AuditService,
        clock_1.Clock,
        cancel_notice_index_1.CancelNoticeIndex])
], CommandDispatchService);
//# sourceMappingURL=command-dispatch.service.js.map