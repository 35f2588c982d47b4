import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ApprovalSettings, DangerLevel } from '@opstage/contracts';
import { SettingsApi } from '../../api/settings.api';
import { SessionStore } from '../../core/auth/session.store';
import { ApiError, toApiError } from '../../core/http/api-error';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { Notifier } from '../../shared/ui/notifier.service';

const LEVELS: readonly DangerLevel[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/** Which danger levels need a second person, and for how long a request waits (owners edit). */
@Component({
  selector: 'app-approval-settings-panel',
  imports: [
    FormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    ErrorAlertComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2>{{ 'approvals.settings' | t }}</h2>
    <p class="muted">{{ 'approvals.settingsHelp' | t }}</p>
    <app-error-alert [error]="error()" (retry)="load()" />
    @if (value(); as v) {
      <div class="toolbar">
        @for (level of levels; track level) {
          <mat-checkbox
            [checked]="v.dangerLevels.includes(level)"
            [disabled]="!session.isOwner()"
            (change)="toggle(level, $event.checked)"
            [attr.data-testid]="'approval-level-' + level"
            >{{ 'status.' + level | t }}</mat-checkbox
          >
        }
      </div>
      <mat-form-field>
        <mat-label>{{ 'approvals.ttlSeconds' | t }}</mat-label>
        <input
          matInput
          type="number"
          min="60"
          max="604800"
          [readonly]="!session.isOwner()"
          [ngModel]="v.approvalTtlSeconds"
          (ngModelChange)="setTtl($event)"
          data-testid="approval-ttl"
        />
      </mat-form-field>
      @if (session.isOwner()) {
        <button
          mat-flat-button
          type="button"
          [disabled]="saving()"
          (click)="save()"
          data-testid="approval-settings-save"
        >
          {{ 'common.save' | t }}
        </button>
      }
    }
  `,
})
export class ApprovalSettingsPanelComponent {
  private readonly api = inject(SettingsApi);
  private readonly notifier = inject(Notifier);
  protected readonly session = inject(SessionStore);
  protected readonly levels = LEVELS;
  protected readonly value = signal<ApprovalSettings | null>(null);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly saving = signal(false);

  constructor() {
    this.load();
  }

  load(): void {
    this.api.getApprovals().subscribe({
      next: (v) => {
        this.error.set(null);
        this.value.set(v);
      },
      error: (e: unknown) => this.error.set(toApiError(e)),
    });
  }

  toggle(level: DangerLevel, on: boolean): void {
    this.value.update((v) => {
      if (!v) return v;
      const set = new Set(v.dangerLevels);
      if (on) set.add(level);
      else set.delete(level);
      return { ...v, dangerLevels: LEVELS.filter((l) => set.has(l)) };
    });
  }

  setTtl(raw: number | string | null): void {
    this.value.update((v) => (v ? { ...v, approvalTtlSeconds: Number(raw) } : v));
  }

  /** The server validates (422 with paths); its message is shown as it is. */
  save(): void {
    const v = this.value();
    if (!v) return;
    this.saving.set(true);
    this.api.updateApprovals(v).subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.value.set(saved);
        this.notifier.success('approvals.settingsSaved');
      },
      error: (e: unknown) => {
        this.saving.set(false);
        this.notifier.apiError(e);
      },
    });
  }
}
