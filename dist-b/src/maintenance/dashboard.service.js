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
exports.DashboardService = void 0;
exports.statusCutoffs = statusCutoffs;
exports.workspaceSummary = workspaceSummary;
const common_1 = require("@nestjs/common");
const app_config_1 = require("../config/app-config");
const audit_mapper_1 = require("../audit/audit.mapper");
const effective_status_1 = require("../agents/effective-status");
const command_mapper_1 = require("../commands/command.mapper");
const runtime_settings_service_1 = require("../settings/runtime-settings.service");
const workspace_entity_1 = require("../workspaces/workspace.entity");
const stats_repository_1 = require("./stats.repository");
const RECENT = 10;
let DashboardService = class DashboardService {
    config;
    stats;
    settings;
    constructor(config, stats, settings) {
        this.config = config;
        this.stats = stats;
        this.settings = settings;
    }
    async summary(ctx) {
        const cutoffs = statusCutoffs(ctx, this.settings, this.config.serviceStaleThresholdSeconds);
        const [workspace, agentCounts, serviceCounts, commandCounts, auditEventCount, commands, audit] = await Promise.all([
            this.stats.findWorkspace(),
            this.stats.agentsByEffectiveStatus(cutoffs),
            this.stats.servicesByEffectiveStatus(cutoffs),
            this.stats.commandsByStatus(),
            this.stats.countAudit(),
            this.stats.recentCommands(RECENT),
            this.stats.recentAudit(RECENT),
        ]);
        return {
            workspace: workspaceSummary(workspace),
            agentCounts,
            serviceCounts,
            commandCounts,
            auditEventCount,
            recentCommands: commands.map((c) => (0, command_mapper_1.toPublicCommand)(c, ctx.nowIso)),
            recentAuditEvents: audit.map(audit_mapper_1.toPublicAuditEvent),
        };
    }
};
exports.DashboardService = DashboardService;
exports.DashboardService = DashboardService = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(app_config_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object, stats_repository_1.StatsRepository,
        runtime_settings_service_1.RuntimeSettingsService])
], DashboardService);
/** The same cutoffs the agents and services lists use: runtime offline threshold, env service-stale threshold. */
function statusCutoffs(ctx, settings, serviceStaleThresholdSeconds) {
    const nowMs = ctx.now.getTime();
    return {
        hbCutoff: (0, effective_status_1.heartbeatCutoffIso)(nowMs, settings.get().agentOfflineThresholdSeconds),
        rpCutoff: serviceStaleThresholdSeconds > 0 ? new Date(nowMs - serviceStaleThresholdSeconds * 1000).toISOString() : null,
    };
}
function workspaceSummary(row) {
    if (!row)
        return { id: workspace_entity_1.DEFAULT_WORKSPACE_ID, code: 'default', name: 'Default Workspace', status: 'ACTIVE' };
    return { id: row.id, code: row.code, name: row.name, status: row.status };
}
//# sourceMappingURL=dashboard.service.js.map