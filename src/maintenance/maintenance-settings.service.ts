import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/context/request-context';
import { TransactionRunner } from '../database/transaction-runner';
import { RuntimeSettingsService } from '../settings/runtime-settings.service';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import type { UpdateMaintenanceSettingsDto } from './dto/maintenance-settings.dto';
import { MaintenanceService } from './maintenance.service';
import type { MaintenanceSettings, MaintenanceSettingsView, SweepResult } from '../contracts';

const KEYS: (keyof MaintenanceSettings)[] = [
  'agentOfflineThresholdSeconds',
  'auditRetentionDays',
  'maintenanceIntervalSeconds',
  'commandRetentionDays',
  'healthReportsKeep',
];

/** The maintenance settings use cases (read, pin, reset) and the manual sweep; all writes audited. */
@Injectable()
export class MaintenanceSettingsService {
  constructor(
    private readonly settings: RuntimeSettingsService,
    private readonly maintenance: MaintenanceService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  /** Read from the database, not the cache: a change just made on another replica shows at once. */
  async view(_ctx: RequestContext): Promise<MaintenanceSettingsView> {
    await this.settings.reload();
    return this.toView();
  }

  /** Only the keys sent are pinned; the rest keep following the environment (unlike the reference, which pins all). */
  async update(ctx: RequestContext, dto: UpdateMaintenanceSettingsDto): Promise<MaintenanceSettingsView> {
    const patch: Partial<MaintenanceSettings> = {};
    for (const key of KEYS) {
      const value = dto[key];
      if (value !== undefined) patch[key] = value;
    }
    await this.tx.run(async (em) => {
      const effective = await this.settings.update(patch, em);
      await this.audit.record(
        ctx,
        {
          action: 'settings.maintenance.updated',
          targetType: 'Workspace',
          targetId: DEFAULT_WORKSPACE_ID,
          metadata: { ...effective, changed: Object.keys(patch) },
        },
        em,
      );
    });
    return this.toView();
  }

  async reset(ctx: RequestContext): Promise<MaintenanceSettingsView> {
    await this.tx.run(async (em) => {
      const effective = await this.settings.reset(em);
      await this.audit.record(
        ctx,
        {
          action: 'settings.maintenance.updated',
          targetType: 'Workspace',
          targetId: DEFAULT_WORKSPACE_ID,
          metadata: { ...effective, reset: true },
        },
        em,
      );
    });
    return this.toView();
  }

  async runNow(ctx: RequestContext): Promise<SweepResult> {
    const result = await this.maintenance.run();
    await this.audit.recordNow(ctx, {
      action: 'maintenance.triggered',
      targetType: 'Workspace',
      targetId: DEFAULT_WORKSPACE_ID,
      metadata: { ...result },
    });
    return result;
  }

  private toView(): MaintenanceSettingsView {
    const overrides = this.settings.storedOverrides();
    return {
      ...this.settings.get(),
      overridden: KEYS.filter((k) => overrides[k] !== undefined),
      defaults: this.settings.defaults(),
    };
  }
}
