import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { tap } from 'rxjs';
import { SettingsApi } from '../../api/settings.api';
import { DashboardApi } from '../../api/dashboard.api';
import type { MaintenanceSettings, MetricsView, SweepResult } from '@opstage/contracts';
import { SessionStore } from '../../core/auth/session.store';
import { FeaturesStore } from '../../core/layout/features.store';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { autoRefresh } from '../../core/util/auto-refresh';
import { fileNameFrom, saveBlob } from '../../core/util/download';
import { createLoader } from '../../shared/util/loader';
import { ConfirmService } from '../../shared/ui/confirm-dialog.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { Notifier } from '../../shared/ui/notifier.service';
import { MetricsPanelComponent } from './metrics-panel.component';
import { DiagnosticsPanelComponent } from './diagnostics-panel.component';
import { ApprovalSettingsPanelComponent } from './approval-settings-panel.component';
import { diagRows } from './diagnostics-format';
import { I18nService } from '../../core/i18n/i18n.service';

@Component({
  selector: 'app-settings-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatExpansionModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    TranslatePipe,
    ErrorAlertComponent,
    MetricsPanelComponent,
    DiagnosticsPanelComponent,
    ApprovalSettingsPanelComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './settings.page.html',
})
export class SettingsPage {
  private readonly api = inject(SettingsApi);
  private readonly dashboardApi = inject(DashboardApi);
  private readonly confirm = inject(ConfirmService);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18nService);
  protected readonly session = inject(SessionStore);
  protected readonly features = inject(FeaturesStore);
  protected readonly settings = createLoader<MaintenanceSettings>();
  protected readonly metrics = createLoader<MetricsView>();
  protected readonly saving = signal(false);
  protected readonly running = signal(false);
  protected readonly backingUp = signal(false);
  protected readonly lastRun = signal<SweepResult | null>(null);
  protected readonly readOnly = computed(() => !this.session.isOwner());
  /** The last manual sweep as labelled rows (counts, when it ran, how long it took). */
  protected readonly runRows = computed(() => {
    const run = this.lastRun();
    return run
      ? diagRows(run, this.i18n.language(), (b) => this.i18n.t(b ? 'common.yes' : 'common.no'))
      : [];
  });
  protected readonly form = inject(FormBuilder).nonNullable.group({
    agentOfflineThresholdSeconds: [60, [Validators.required, Validators.min(1)]],
    auditRetentionDays: [0, [Validators.required, Validators.min(0)]],
    maintenanceIntervalSeconds: [0, [Validators.required, Validators.min(0)]],
  });

  constructor() {
    this.loadSettings();
    this.loadMetrics();
    autoRefresh(() => this.loadMetrics(true), 5000);
  }

  pathLabel(path: readonly string[]): string {
    return path.map((p) => this.i18n.tOr(`diag.${p}`, p)).join(' › ');
  }

  loadSettings(): void {
    this.settings.load(this.api.getMaintenance().pipe(tap((s) => this.apply(s))));
  }

  loadMetrics(silent = false): void {
    this.metrics.load(this.dashboardApi.metrics(), { silent });
  }

  private apply(settings: MaintenanceSettings): void {
    this.form.reset(settings);
    if (this.readOnly()) {
      this.form.disable();
    }
  }

  save(): void {
    if (this.form.invalid || this.readOnly()) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.api.updateMaintenance(this.form.getRawValue()).subscribe({
      next: (s) => {
        this.saving.set(false);
        this.settings.value.set(s);
        this.apply(s);
        this.notifier.success('settings.saved');
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.notifier.apiError(err);
      },
    });
  }

  resetDefaults(): void {
    this.confirm
      .ask({
        title: 'settings.confirmReset.title',
        message: 'settings.confirmReset.message',
        danger: true,
      })
      .subscribe((ok) => {
        if (!ok) {
          return;
        }
        this.api.resetMaintenance().subscribe({
          next: (s) => {
            this.settings.value.set(s);
            this.apply(s);
            this.notifier.success('settings.resetDone');
          },
          error: (err: unknown) => this.notifier.apiError(err),
        });
      });
  }

  runNow(): void {
    this.running.set(true);
    this.api.runMaintenance().subscribe({
      next: (result) => {
        this.running.set(false);
        this.lastRun.set(result);
        this.notifier.success('settings.ranMaintenance');
        this.loadMetrics(true);
      },
      error: (err: unknown) => {
        this.running.set(false);
        this.notifier.apiError(err);
      },
    });
  }

  backup(): void {
    this.backingUp.set(true);
    this.api.backup().subscribe({
      next: (res) => {
        this.backingUp.set(false);
        if (res.body) {
          saveBlob(res.body, fileNameFrom(res, 'opstage-backup.db'));
          this.notifier.success('settings.backupDone');
        }
      },
      error: (err: unknown) => {
        this.backingUp.set(false);
        this.notifier.apiError(err);
      },
    });
  }
}
