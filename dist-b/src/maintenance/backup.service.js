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
exports.BackupService = void 0;
exports.rotateBackups = rotateBackups;
const common_1 = require("@nestjs/common");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const app_config_1 = require("../config/app-config");
const audit_service_1 = require("../audit/audit.service");
const domain_error_1 = require("../common/errors/domain-error");
const stats_repository_1 = require("./stats.repository");
/** `opstage-2026-05-14T12-00-00-000Z.db`, optionally `-<n>` when several land in one millisecond. */
const BACKUP_NAME = /^opstage-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)(?:-(\d+))?\.db$/;
/**
 * Online SQLite backups (decision 26): a consistent copy through SQLite's backup API while the
 * server keeps running, written under a temporary name and renamed, then rotated to the newest
 * `OPSTAGE_BACKUP_KEEP`. Sealed secrets are ciphertext at rest, so a backup holds no plaintext.
 */
let BackupService = class BackupService {
    config;
    stats;
    audit;
    logger = new common_1.Logger('backup');
    constructor(config, stats, audit) {
        this.config = config;
        this.stats = stats;
        this.audit = audit;
    }
    async create(ctx) {
        const dir = this.config.backupDir;
        (0, node_fs_1.mkdirSync)(dir, { recursive: true });
        const filename = uniqueName(dir, ctx.nowIso);
        const path = (0, node_path_1.join)(dir, filename);
        const partial = `${path}.partial`;
        try {
            await this.stats.backupTo(partial);
            (0, node_fs_1.renameSync)(partial, path);
        }
        catch (error) {
            (0, node_fs_1.rmSync)(partial, { force: true });
            this.logger.error({ msg: 'backup failed', error: error instanceof Error ? error.message : String(error) });
            throw new domain_error_1.DomainError('BACKUP_FAILED', 'The SQLite backup could not be written.');
        }
        const removed = rotateBackups(dir, this.config.backupKeep);
        const sizeBytes = (0, node_fs_1.statSync)(path).size;
        await this.audit.record(ctx, { action: 'backup.sqlite.created', targetType: 'Backup', targetId: filename, metadata: { sizeBytes, rotatedOut: removed.length } });
        return { filename, path, sizeBytes };
    }
};
exports.BackupService = BackupService;
exports.BackupService = BackupService = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(app_config_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object, stats_repository_1.StatsRepository,
        audit_service_1.AuditService])
], BackupService);
function uniqueName(dir, nowIso) {
    const stamp = nowIso.replace(/[:.]/g, '-');
    let name = `opstage-${stamp}.db`;
    for (let n = 1; (0, node_fs_1.existsSync)((0, node_path_1.join)(dir, name)); n++)
        name = `opstage-${stamp}-${n}.db`;
    return name;
}
/** Deletes all but the newest `keep` backups this server wrote; other files in the folder are never touched. */
function rotateBackups(dir, keep) {
    const backups = (0, node_fs_1.readdirSync)(dir)
        .map((name) => ({ name, match: BACKUP_NAME.exec(name) }))
        .filter((b) => b.match !== null)
        .map((b) => ({ name: b.name, stamp: b.match[1] ?? '', seq: Number(b.match[2] ?? 0) }))
        .sort((a, b) => (a.stamp === b.stamp ? b.seq - a.seq : a.stamp < b.stamp ? 1 : -1));
    const doomed = backups.slice(Math.max(1, keep)).map((b) => b.name);
    for (const name of doomed)
        (0, node_fs_1.rmSync)((0, node_path_1.join)(dir, name), { force: true });
    return doomed;
}
//# sourceMappingURL=backup.service.js.map