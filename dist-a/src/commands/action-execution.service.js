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
exports.ActionExecutionService = void 0;
const common_1 = require("@nestjs/common");
const domain_error_1 = require("../common/errors/domain-error");
const clock_1 = require("../common/time/clock");
const transaction_runner_1 = require("../database/transaction-runner");
const action_schema_validator_1 = require("./action-schema-validator");
const command_notifier_1 = require("./command-notifier");
const command_repository_1 = require("./command.repository");
const command_state_1 = require("./command-state");
const command_mapper_1 = require("./command.mapper");
const commands_service_1 = require("./commands.service");
const sealed_values_1 = require("./sealed-values");
/** Fields the agent may not override in a prepare answer (backend.md §4.10 step 7). */
const CATALOG_OWNED = ['id', 'serviceId', 'name', 'enabled', 'createdAt', 'updatedAt'];
/** Action definition read, prepare (decision 4) and execute for the console. */
let ActionExecutionService = class ActionExecutionService {
    commandsService;
    commands;
    tx;
    notifier;
    clock;
    constructor(commandsService, commands, tx, notifier, clock) {
        this.commandsService = commandsService;
        this.commands = commands;
        this.tx = tx;
        this.notifier = notifier;
        this.clock = clock;
    }
    async definition(_ctx, serviceId, actionName) {
        return (await this.commandsService.loadAction(serviceId, actionName)).action;
    }
    execute(ctx, serviceId, actionName, userId, payload, confirmation) {
        return this.commandsService.enqueue(ctx, { serviceId, actionName, payload, confirmation, createdBy: { type: 'USER', id: userId } });
    }
    /**
     * Creates an ACTION_PREPARE command and waits for its terminal state through the notifier
     * (no DB polling). Timeout → the command becomes EXPIRED and the caller gets 408.
     */
    async prepare(ctx, serviceId, actionName, userId, signal) {
        const { action } = await this.commandsService.loadAction(serviceId, actionName);
        const created = await this.commandsService.createPrepare(ctx, serviceId, actionName, userId);
        const deadline = Date.parse(created.expiresAt ?? ctx.nowIso);
        const subscription = this.notifier.subscribeCommand(created.id);
        let row = created;
        try {
            for (;;) {
                row = await this.commands.findById(created.id);
                if (!row || (0, command_state_1.isTerminal)(row.status))
                    break;
                const remaining = deadline - this.clock.nowMs();
                if (remaining <= 0 || signal?.aborted)
                    break;
                if (!(await subscription.wait(remaining, signal)))
                    break;
            }
        }
        finally {
            subscription.close();
        }
        if (!row || !(0, command_state_1.isTerminal)(row.status))
            row = await this.timeOut(created);
        return this.answer(action, row);
    }
    async timeOut(created) {
        const nowIso = this.clock.nowIso();
        const before = (await this.commands.findById(created.id)) ?? created;
        const won = await this.tx.run((em) => this.commands.finish(created.id, ['PENDING', 'RUNNING'], { status: 'EXPIRED', completedAt: nowIso, errorCode: 'ACTION_PREPARE_TIMEOUT', errorMessage: command_state_1.PREPARE_TIMEOUT_MESSAGE }, em));
        if (!won) {
            // The agent answered at the last moment: use its result.
            const after = await this.commands.findById(created.id);
            if (after && (0, command_state_1.isTerminal)(after.status))
                return after;
        }
        this.notifier.notifyCommand(created.id);
        throw new domain_error_1.DomainError('ACTION_PREPARE_TIMEOUT', 'Action prepare timed out waiting for agent.', {
            commandId: created.id,
            commandStatus: before.status,
            actionName: created.actionName,
            agentId: created.agentId,
            serviceId: created.serviceId,
        });
    }
    async answer(catalog, row) {
        const nowIso = this.clock.nowIso();
        const resultRow = await this.commands.findResult(row.id);
        const details = { commandId: row.id, commandStatus: row.status, actionName: row.actionName, agentId: row.agentId, serviceId: row.serviceId };
        if (row.status !== 'SUCCEEDED' || !resultRow) {
            const message = resultRow?.message ?? row.errorMessage ?? 'Action prepare failed.';
            const errorDetails = resultRow ? (0, sealed_values_1.parseObject)(resultRow.errorJson).details : undefined;
            throw new domain_error_1.DomainError(row.errorCode ?? 'ACTION_PREPARE_FAILED', message, errorDetails === undefined ? details : { ...details, agentDetails: errorDetails }, 424);
        }
        // The prepare response never consumes one-time fields: it shows the stored (redacted) data.
        const result = (0, command_mapper_1.toPublicResult)(resultRow);
        const data = result.data;
        const override = data.action !== null && typeof data.action === 'object' && !Array.isArray(data.action) ? data.action : {};
        const merged = { ...catalog, ...override };
        const catalogFields = catalog;
        for (const key of CATALOG_OWNED)
            merged[key] = catalogFields[key];
        const action = { ...merged, inputSchema: isObject(merged.inputSchema) ? merged.inputSchema : {} };
        return {
            action,
            initialPayload: isObject(data.initialPayload) ? data.initialPayload : (0, action_schema_validator_1.initialPayloadFromSchema)(action.inputSchema),
            currentState: isObject(data.currentState) ? data.currentState : {},
            prepareCommand: { ...(0, command_mapper_1.toPublicCommand)(row, nowIso), result },
        };
    }
};
exports.ActionExecutionService = ActionExecutionService;
exports.ActionExecutionService = ActionExecutionService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [commands_service_1.CommandsService,
        command_repository_1.CommandRepository,
        transaction_runner_1.TransactionRunner,
        command_notifier_1.CommandNotifier,
        clock_1.Clock])
], ActionExecutionService);
function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
//# sourceMappingURL=action-execution.service.js.map