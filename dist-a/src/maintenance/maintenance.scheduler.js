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
exports.MaintenanceScheduler = exports.MAINTENANCE_TICK_UNIT_MS = exports.MAINTENANCE_INTERVAL_NAME = void 0;
const common_1 = require("@nestjs/common");
const schedule_1 = require("@nestjs/schedule");
const runtime_settings_service_1 = require("../settings/runtime-settings.service");
const maintenance_service_1 = require("./maintenance.service");
exports.MAINTENANCE_INTERVAL_NAME = 'opstage-maintenance';
/** Milliseconds per configured "second"; tests inject a smaller unit to see several ticks quickly. */
exports.MAINTENANCE_TICK_UNIT_MS = Symbol('MAINTENANCE_TICK_UNIT_MS');
/**
 * Runs the sweep every effective `maintenanceIntervalSeconds` (0 = off). The first run is one
 * interval after boot; a settings change re-arms the timer at once; a tick that finds a sweep
 * still running is skipped (the service's in-flight guard).
 */
let MaintenanceScheduler = class MaintenanceScheduler {
    registry;
    settings;
    maintenance;
    unitMs;
    logger = new common_1.Logger('maintenance');
    currentSeconds = 0;
    stopped = false;
    constructor(registry, settings, maintenance, unitMs) {
        this.registry = registry;
        this.settings = settings;
        this.maintenance = maintenance;
        this.unitMs = unitMs;
    }
    onApplicationBootstrap() {
        this.settings.onChange((s) => this.schedule(s.maintenanceIntervalSeconds));
        this.schedule(this.settings.get().maintenanceIntervalSeconds);
    }
    onApplicationShutdown() {
        this.stopped = true;
        this.clear();
    }
    /** The period in effect (0 = off). */
    get intervalSeconds() {
        return this.currentSeconds;
    }
    schedule(seconds) {
        this.clear();
        this.currentSeconds = 0;
        if (this.stopped || !(seconds > 0))
            return;
        const timer = setInterval(() => void this.tick(), seconds * this.unitMs);
        timer.unref();
        this.registry.addInterval(exports.MAINTENANCE_INTERVAL_NAME, timer);
        this.currentSeconds = seconds;
    }
    /** One scheduled run; errors are already logged and surfaced in /api/system/health by the service. */
    async tick() {
        if (this.maintenance.running) {
            this.logger.warn({ msg: 'maintenance sweep still running; tick skipped' });
            return;
        }
        try {
            await this.maintenance.run();
        }
        catch {
            // Logged by MaintenanceService; the next tick tries again.
        }
    }
    clear() {
        if (this.registry.doesExist('interval', exports.MAINTENANCE_INTERVAL_NAME))
            this.registry.deleteInterval(exports.MAINTENANCE_INTERVAL_NAME);
    }
};
exports.MaintenanceScheduler = MaintenanceScheduler;
exports.MaintenanceScheduler = MaintenanceScheduler = __decorate([
    (0, common_1.Injectable)(),
    __param(3, (0, common_1.Inject)(exports.MAINTENANCE_TICK_UNIT_MS)),
    __metadata("design:paramtypes", [schedule_1.SchedulerRegistry,
        runtime_settings_service_1.RuntimeSettingsService,
        maintenance_service_1.MaintenanceService, Number])
], MaintenanceScheduler);
//# sourceMappingURL=maintenance.scheduler.js.map