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
exports.CommandQueriesService = void 0;
const common_1 = require("@nestjs/common");
const audit_service_1 = require("../audit/audit.service");
const role_1 = require("../common/auth/role");
const secret_sealer_1 = require("../common/crypto/secret-sealer");
const domain_error_1 = require("../common/errors/domain-error");
const envelope_1 = require("../common/http/envelope");
const pagination_dto_1 = require("../common/http/pagination.dto");
const transaction_runner_1 = require("../database/transaction-runner");
const command_repository_1 = require("./command.repository");
const command_mapper_1 = require("./command.mapper");
const sealed_values_1 = require("./sealed-values");
/** Command list and detail; the detail is where one-time result fields are revealed (decision 9). */
let CommandQueriesService = class CommandQueriesService {
    commands;
    tx;
    sealer;
    audit;
    logger = new common_1.Logger('CommandQueries');
    constructor(commands, tx, sealer, audit) {
        this.commands = commands;
        this.tx = tx;
        this.sealer = sealer;
        this.audit = audit;
    }
    async list(ctx, query) {
        const req = (0, pagination_dto_1.pageRequest)(query);
        const filter = {
            status: query.status,
            type: query.type,
            actionName: query.actionName,
            agentId: query.agentId,
            serviceId: query.serviceId,
            createdByUserId: query.createdByUserId,
            from: query.from ? new Date(query.from).toISOString() : undefined,
            to: query.to ? new Date(query.to).toISOString() : undefined,
        };
        if (filter.from && filter.to && filter.from > filter.to) {
            throw (0, domain_error_1.validationFailed)([{ path: 'from', message: 'from must be before or equal to to' }], 'Command query validation failed.');
        }
        const [rows, total] = await this.commands.list(filter, ctx.nowIso, req.offset, req.pageSize);
        return new envelope_1.Page(rows.map((r) => (0, command_mapper_1.toPublicCommand)(r, ctx.nowIso)), (0, pagination_dto_1.pagination)(req, total));
    }
    async detail(ctx, commandId) {
        const row = await this.commands.findById(commandId);
        if (!row)
            throw (0, domain_error_1.notFound)('COMMAND_NOT_FOUND', 'Command not found.', { commandId });
        const result = await this.commands.findResult(commandId);
        return { ...(0, command_mapper_1.toPublicCommand)(row, ctx.nowIso), result: result ? await this.resultFor(ctx, result) : null };
    }
    /**
     * The first operator/owner reading within the window takes the one-time fields: a
     * conditional UPDATE wipes the sealed copy and records who got it, so exactly one reader
     * ever sees the plaintext. Viewers never do. A stale sealed copy is wiped on sight.
     */
    async resultFor(ctx, result) {
        if (!result.sealedData)
            return (0, command_mapper_1.toPublicResult)(result);
        if (!result.sealedExpiresAt || result.sealedExpiresAt < ctx.nowIso) {
            await this.commands.wipeExpiredSealedResults(ctx.nowIso);
            return (0, command_mapper_1.toPublicResult)(result);
        }
        const principal = ctx.principal;
        if (principal.kind !== 'user' || !(0, role_1.roleAtLeast)(principal.role, 'operator'))
            return (0, command_mapper_1.toPublicResult)(result);
        const sealed = result.sealedData;
        const taken = await this.tx.run(async (em) => {
            const won = await this.commands.takeSealedResult(result.id, principal.id, ctx.nowIso, em);
            if (won) {
                await this.audit.record(ctx, { action: 'command.secret.revealed', targetType: 'Command', targetId: result.commandId, metadata: { resultId: result.id } }, em);
            }
            return won;
        });
        if (!taken)
            return (0, command_mapper_1.toPublicResult)(result);
        const opened = this.sealer.open(sealed);
        if (opened === null || typeof opened !== 'object' || Array.isArray(opened)) {
            this.logger.warn({ msg: 'one-time result fields could not be opened', commandId: result.commandId });
            return (0, command_mapper_1.toPublicResult)(result);
        }
        return (0, command_mapper_1.toPublicResult)(result, { ...(0, sealed_values_1.parseObject)(result.dataJson), ...opened });
    }
};
exports.CommandQueriesService = CommandQueriesService;
exports.CommandQueriesService = CommandQueriesService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [command_repository_1.CommandRepository,
        transaction_runner_1.TransactionRunner,
        secret_sealer_1.SecretSealer,
        audit_service_1.AuditService])
], CommandQueriesService);
//# sourceMappingURL=command-queries.service.js.map