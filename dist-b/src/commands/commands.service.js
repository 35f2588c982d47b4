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
exports.CommandsService = void 0;
exports.alreadyCompleted = alreadyCompleted;
const common_1 = require("@nestjs/common");
const audit_service_1 = require("../audit/audit.service");
const secret_sealer_1 = require("../common/crypto/secret-sealer");
const domain_events_1 = require("../common/events/domain-events");
const domain_error_1 = require("../common/errors/domain-error");
const id_generator_1 = require("../common/ids/id-generator");
const app_config_1 = require("../config/app-config");
const transaction_runner_1 = require("../database/transaction-runner");
const runtime_settings_service_1 = require("../settings/runtime-settings.service");
const workspace_entity_1 = require("../workspaces/workspace.entity");
const action_gating_1 = require("./action-gating");
const action_schema_validator_1 = require("./action-schema-validator");
const command_notifier_1 = require("./command-notifier");
const cancel_notice_index_1 = require("./cancel-notice-index");
const command_repository_1 = require("./command.repository");
const command_state_1 = require("./command-state");
const command_targets_1 = require("./command-targets");
const command_mapper_1 = require("./command.mapper");
const sealed_values_1 = require("./sealed-values");
/** Command creation, cancel, retry and the sweep hooks. Reads live in CommandQueriesService. */
let CommandsService = class CommandsService {
    config;
    commands;
    targets;
    tx;
    audit;
    ids;
    sealer;
    settings;
    notifier;
    events;
    cancelNotices;
    constructor(config, commands, targets, tx, audit, ids, sealer, settings, notifier, events, cancelNotices) {
        this.config = config;
        this.commands = commands;
        this.targets = targets;
        this.tx = tx;
        this.audit = audit;
        this.ids = ids;
        this.sealer = sealer;
        this.settings = settings;
        this.notifier = notifier;
        this.events = events;
        this.cancelNotices = cancelNotices;
    }
    /**
     * Validates (service, action, payload schema, confirmation, agent gating), stores the command
     * with its secret fields sealed, audits, and wakes the owning agent's long-poll.
     */
    async enqueue(ctx, input) {
        const row = await this.create(ctx, input, {
            type: 'ACTION_EXECUTE',
            audit: async (em, cmd) => {
                if (input.createdBy.type === 'USER') {
                    await this.audit.record(ctx, { action: 'service.action.requested', targetType: 'CapsuleService', targetId: cmd.serviceId, metadata: { actionName: cmd.actionName } }, em);
                }
                await this.audit.record(ctx, {
                    action: 'command.created',
                    targetType: 'Command',
                    targetId: cmd.id,
                    metadata: { serviceId: cmd.serviceId, actionName: cmd.actionName, createdByType: input.createdBy.type },
                }, em);
            },
        });
        return (0, command_mapper_1.toPublicCommand)(row, ctx.nowIso);
    }
    /** ACTION_PREPARE: no payload, no confirmation; the agent answers with a refined definition. */
    async createPrepare(ctx, serviceId, actionName, userId) {
        return this.create(ctx, { serviceId, actionName, payload: {}, createdBy: { type: 'USER', id: userId } }, {
            type: 'ACTION_PREPARE',
            audit: (em, cmd) => this.audit.record(ctx, { action: 'service.action.prepare_requested', targetType: 'CapsuleService', targetId: cmd.serviceId, metadata: { actionName: cmd.actionName, commandId: cmd.id } }, em),
        });
    }
    /** The catalog entry, 404 for unknown services/actions and 409 for disabled ones. */
    async loadAction(serviceId, actionName) {
        const service = await this.targets.findService(serviceId);
        if (!service)
            throw (0, domain_error_1.notFound)('CAPSULE_SERVICE_NOT_FOUND', 'Capsule Service not found.', { serviceId });
        const action = await this.targets.findAction(serviceId, actionName);
        if (!action)
            throw (0, domain_error_1.notFound)('ACTION_NOT_FOUND', 'Action not found.', { serviceId, actionName });
        return {
            action: this.targets.toPublicAction(action),
            agentId: service.agentId,
            raw: { timeoutSeconds: action.timeoutSeconds, requiresConfirmation: action.requiresConfirmation, dangerLevel: action.dangerLevel },
        };
    }
    async cancel(ctx, commandId) {
        const row = await this.commands.findById(commandId);
        if (!row)
            throw (0, domain_error_1.notFound)('COMMAND_NOT_FOUND', 'Command not found.', { commandId });
        if ((0, command_state_1.isExpiredAt)(row, ctx.nowIso)) {
            await this.tx.run((em) => this.commands.expire([row.id], ctx.nowIso, command_state_1.COMMAND_EXPIRED_CODE, command_state_1.COMMAND_EXPIRED_MESSAGE, em));
            throw alreadyCompleted(row.id);
        }
        const updated = await this.tx.run(async (em) => {
            const won = await this.commands.finish(row.id, command_state_1.OPEN_STATUSES, { status: 'CANCELLED', completedAt: ctx.nowIso }, em);
            if (!won)
                return null;
            await this.audit.record(ctx, { action: 'command.cancelled', targetType: 'Command', targetId: row.id, metadata: { previousStatus: row.status } }, em);
            return this.commands.findById(row.id, em);
        });
        if (!updated)
            throw alreadyCompleted(row.id);
        // A command the agent already holds is owed a cancel notice (decision 17); committed above.
        if (updated.startedAt !== null)
            this.cancelNotices.add(updated.agentId);
        // A waiting prepare request answers 424 at once; a RUNNING command's agent learns it on its next poll or heartbeat.
        this.notifier.notifyCommand(row.id);
        if (row.status === 'RUNNING')
            this.notifier.notifyAgent(row.agentId);
        return (0, command_mapper_1.toPublicCommand)(updated, ctx.nowIso);
    }
    /** Decision 18: a new command with the same payload, after the execute checks, for the service's current agent. */
    async retry(ctx, commandId, confirmation, userId) {
        const source = await this.commands.findById(commandId);
        if (!source)
            throw (0, domain_error_1.notFound)('COMMAND_NOT_FOUND', 'Command not found.', { commandId });
        if ((0, command_state_1.isExpiredAt)(source, ctx.nowIso)) {
            await this.tx.run((em) => this.commands.expire([source.id], ctx.nowIso, command_state_1.COMMAND_EXPIRED_CODE, command_state_1.COMMAND_EXPIRED_MESSAGE, em));
            source.status = 'EXPIRED';
        }
        const verdict = (0, command_state_1.retryVerdict)(source.type, source.status);
        if (!verdict.ok)
            throw new domain_error_1.DomainError('COMMAND_NOT_RETRYABLE', verdict.message, { commandId, type: source.type, status: source.status });
        const payload = (0, sealed_values_1.parseObject)(source.payloadJson);
        if ((0, sealed_values_1.hasRedactedParts)(payload) && !source.sealedPayload) {
            throw new domain_error_1.DomainError('COMMAND_PAYLOAD_SEALED', 'The command payload contained secrets that are no longer stored; open the action form and run it again.', { commandId });
        }
        const original = source.sealedPayload ? this.openPayload(source.sealedPayload) : payload;
        const row = await this.create(ctx, { serviceId: source.serviceId, actionName: source.actionName, payload: original, confirmation, createdBy: { type: 'USER', id: userId } }, {
            type: 'ACTION_EXECUTE',
            retryOfCommandId: source.id,
            audit: (em, cmd) => this.audit.record(ctx, { action: 'command.retried', targetType: 'Command', targetId: cmd.id, metadata: { sourceCommandId: source.id, serviceId: cmd.serviceId, actionName: cmd.actionName } }, em),
        });
        return (0, command_mapper_1.toPublicCommand)(row, ctx.nowIso);
    }
    /**
     * Sweep hook: persists EXPIRED for open commands past their deadline (at most `batchSize`)
     * and wipes one-time result secrets nobody read in time. Returns the number expired; the
     * maintenance sweep writes the aggregate `system.command.expired` audit.
     */
    async expireTimedOut(_ctx, nowIso, batchSize) {
        const ids = await this.commands.overdueIds(nowIso, batchSize);
        const count = ids.length === 0 ? 0 : await this.tx.run((em) => this.commands.expire(ids, nowIso, command_state_1.COMMAND_EXPIRED_CODE, command_state_1.COMMAND_EXPIRED_MESSAGE, em));
        await this.commands.wipeExpiredSealedResults(nowIso);
        for (const id of ids)
            this.notifier.notifyCommand(id);
        return count;
    }
    /** Retention hook: deletes up to `batchSize` terminal commands (and their results) created before the cutoff. */
    pruneOlderThan(_ctx, cutoffIso, batchSize) {
        return this.tx.run((em) => this.commands.pruneOlderThan(cutoffIso, batchSize, em));
    }
    async create(ctx, input, options) {
        const { action, agentId, raw } = await this.loadAction(input.serviceId, input.actionName);
        if (action.enabled === false)
            throw new domain_error_1.DomainError('ACTION_DISABLED', 'Action is disabled.', { serviceId: input.serviceId, actionName: input.actionName });
        const payload = input.payload ?? {};
        if (options.type === 'ACTION_EXECUTE') {
            const issues = (0, action_schema_validator_1.validateAgainstSchema)(action.inputSchema, payload);
            if (issues.length > 0)
                throw (0, domain_error_1.validationFailed)(issues, 'Action payload validation failed.');
            if ((raw.requiresConfirmation || raw.dangerLevel === 'HIGH') && input.confirmation !== true) {
                throw new domain_error_1.DomainError('ACTION_REQUIRES_CONFIRMATION', 'This action requires confirmation: send "confirmation": true.', { actionName: input.actionName });
            }
        }
        const agent = await this.targets.findAgent(agentId);
        (0, action_gating_1.assertAgentCanHandleAction)(agent, ctx.now.getTime(), this.settings.get().agentOfflineThresholdSeconds);
        const ttlSeconds = options.type === 'ACTION_PREPARE' ? this.config.actionPrepareTimeoutSeconds : (raw.timeoutSeconds ?? this.config.commandTtlSeconds);
        const { readable, secret } = (0, sealed_values_1.splitPayload)(payload);
        const row = {
            id: this.ids.next('cmd'),
            workspaceId: workspace_entity_1.DEFAULT_WORKSPACE_ID,
            agentId: agent.id,
            serviceId: input.serviceId,
            type: options.type,
            actionName: input.actionName,
            status: 'PENDING',
            payloadJson: JSON.stringify(readable),
            sealedPayload: secret ? this.sealer.seal(secret) : null,
            createdByUserId: input.createdBy.type === 'USER' ? input.createdBy.id : null,
            createdByType: input.createdBy.type,
            createdById: input.createdBy.id,
            retryOfCommandId: options.retryOfCommandId ?? null,
            errorCode: null,
            errorMessage: null,
            createdAt: ctx.nowIso,
            updatedAt: ctx.nowIso,
            startedAt: null,
            completedAt: null,
            expiresAt: new Date(ctx.now.getTime() + ttlSeconds * 1000).toISOString(),
            cancelNotifiedAt: null,
        };
        await this.tx.run(async (em) => {
            await this.commands.insert(row, em);
            await options.audit(em, row);
        });
        this.notifier.notifyAgent(row.agentId);
        this.events.emit('command.created', {
            commandId: row.id,
            type: row.type,
            serviceId: row.serviceId,
            agentId: row.agentId,
            actionName: row.actionName,
            createdBy: { type: input.createdBy.type, id: input.createdBy.id },
            occurredAt: ctx.nowIso,
            requestId: ctx.requestId,
        });
        return row;
    }
    openPayload(sealed) {
        const value = this.sealer.open(sealed);
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
            throw new domain_error_1.DomainError('COMMAND_PAYLOAD_SEALED', 'The sealed payload can no longer be opened; run the action again.');
        }
        return value;
    }
};
exports.CommandsService = CommandsService;
exports.CommandsService = CommandsService = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(app_config_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object, command_repository_1.CommandRepository,
        command_targets_1.CommandTargets,
        transaction_runner_1.TransactionRunner,
        audit_service_1.AuditService,
        id_generator_1.IdGenerator,
        secret_sealer_1.SecretSealer,
        runtime_settings_service_1.RuntimeSettingsService,
        command_notifier_1.CommandNotifier,
        domain_events_1.DomainEvents,
        cancel_notice_index_1.CancelNoticeIndex])
], CommandsService);
function alreadyCompleted(commandId) {
    return new domain_error_1.DomainError('COMMAND_ALREADY_COMPLETED', 'Command is already completed.', { commandId });
}
//# sourceMappingURL=commands.service.js.map