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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.CommandResultsService = void 0;
const common_1 = require("@nestjs/common");
const audit_service_1 = require("../audit/audit.service");
const secret_sealer_1 = require("../common/crypto/secret-sealer");
const domain_error_1 = require("../common/errors/domain-error");
const domain_events_1 = require("../common/events/domain-events");
const id_generator_1 = require("../common/ids/id-generator");
const redact_1 = require("../common/redaction/redact");
const app_config_1 = require("../config/app-config");
const transaction_runner_1 = require("../database/transaction-runner");
const counters_service_1 = require("../system/counters.service");
const command_notifier_1 = require("./command-notifier");
const command_repository_1 = require("./command.repository");
const command_state_1 = require("./command-state");
const command_mapper_1 = require("./command.mapper");
const commands_service_1 = require("./commands.service");
const sealed_values_1 = require("./sealed-values");
/** An agent's result (backend.md §7.3 with decisions 8, 9, 16, 19). */
let CommandResultsService = class CommandResultsService {
    config;
    commands;
    tx;
    audit;
    ids;
    sealer;
    counters;
    notifier;
    events;
    constructor(config, commands, tx, audit, ids, sealer, counters, notifier, events) {
        this.config = config;
        this.commands = commands;
        this.tx = tx;
        this.audit = audit;
        this.ids = ids;
        this.sealer = sealer;
        this.counters = counters;
        this.notifier = notifier;
        this.events = events;
    }
    async report(ctx, agentId, commandId, input) {
        const size = Buffer.byteLength(JSON.stringify({ message: input.message ?? null, data: input.data ?? {}, error: input.error ?? {} }), 'utf8');
        if (size > this.config.commandResultMaxBytes) {
            this.counters.increment('commands.results.oversized');
            throw new domain_error_1.DomainError('COMMAND_RESULT_TOO_LARGE', `Command result payload is too large (${size} bytes); max is ${this.config.commandResultMaxBytes} bytes.`, {
                size,
                max: this.config.commandResultMaxBytes,
            });
        }
        const command = await this.commands.findById(commandId);
        if (!command || command.agentId !== agentId)
            throw (0, domain_error_1.notFound)('COMMAND_NOT_FOUND', 'Command not found.', { commandId });
        if ((0, command_state_1.isTerminal)(command.status))
            throw (0, commands_service_1.alreadyCompleted)(commandId);
        if ((0, command_state_1.isExpiredAt)(command, ctx.nowIso)) {
            await this.tx.run((em) => this.commands.expire([command.id], ctx.nowIso, command_state_1.COMMAND_EXPIRED_CODE, command_state_1.COMMAND_EXPIRED_MESSAGE, em));
            this.notifier.notifyCommand(command.id);
            throw (0, commands_service_1.alreadyCompleted)(commandId);
        }
        if (command.status !== 'RUNNING')
            throw new domain_error_1.DomainError('COMMAND_NOT_RUNNING', 'Command was never claimed by a poll.', { commandId, status: command.status });
        const failure = input.success ? null : (0, command_state_1.failureReason)(input.message, input.error);
        const { readable, oneTime } = (0, sealed_values_1.splitResultData)(input.data ?? {});
        const reportedAt = ctx.nowIso;
        const result = {
            id: this.ids.next('crs'),
            commandId,
            agentId,
            success: input.success,
            message: input.message ?? null,
            dataJson: JSON.stringify(readable),
            errorJson: JSON.stringify((0, redact_1.redact)(input.error ?? {})),
            sealedData: oneTime ? this.sealer.seal(oneTime) : null,
            sealedExpiresAt: oneTime ? new Date(ctx.now.getTime() + sealed_values_1.ONE_TIME_TTL_MS).toISOString() : null,
            revealedAt: null,
            revealedByUserId: null,
            durationMs: (0, command_state_1.durationMs)(command.startedAt, reportedAt),
            startedAt: input.startedAt ?? null,
            finishedAt: input.finishedAt ?? null,
            reportedAt,
            createdAt: reportedAt,
        };
        const won = await this.tx.run(async (em) => {
            const ok = await this.commands.finish(commandId, ['RUNNING'], { status: input.success ? 'SUCCEEDED' : 'FAILED', completedAt: reportedAt, errorCode: failure?.errorCode ?? null, errorMessage: failure?.errorMessage ?? null }, em);
            if (!ok)
                return false;
            await this.commands.insertResult(result, em);
            await this.audit.record(ctx, {
                action: input.success ? 'command.completed' : 'command.failed',
                targetType: 'Command',
                targetId: commandId,
                result: input.success ? 'SUCCESS' : 'FAILURE',
                metadata: failure ? { errorCode: failure.errorCode, durationMs: result.durationMs } : { durationMs: result.durationMs },
            }, em);
            return true;
        });
        if (!won)
            throw (0, commands_service_1.alreadyCompleted)(commandId);
        this.notifier.notifyCommand(commandId);
        const base = { commandId, serviceId: command.serviceId, agentId, actionName: command.actionName, durationMs: result.durationMs, occurredAt: reportedAt, requestId: ctx.requestId };
        if (failure)
            this.events.emit('command.failed', { ...base, errorCode: failure.errorCode, errorMessage: failure.errorMessage });
        else
            this.events.emit('command.completed', base);
        return (0, command_mapper_1.toPublicResult)(result);
    }
};
exports.CommandResultsService = CommandResultsService;
exports.CommandResultsService = CommandResultsService = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(app_config_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object, command_repository_1.CommandRepository,
        transaction_runner_1.TransactionRunner,
        audit_service_1.AuditService,
        id_generator_1.IdGenerator,
        secret_sealer_1.SecretSealer,
        counters_service_1.CountersService,
        command_notifier_1.CommandNotifier,
        domain_events_1.DomainEvents])
], CommandResultsService);
//# sourceMappingURL=command-results.service.js.map