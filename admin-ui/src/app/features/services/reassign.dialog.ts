import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { AgentsApi } from '../../api/agents.api';
import { CapsuleServicesApi } from '../../api/capsule-services.api';
import type { AgentResponse, CapsuleServiceResponse } from '@opstage/contracts';
import { ApiError, toApiError } from '../../core/http/api-error';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';

/** Owner-only: move a service to another agent (the explicit takeover rule: docs/agents.md, "Admin: Capsule Services"). */
@Component({
  selector: 'app-reassign-dialog',
  imports: [
    FormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    TranslatePipe,
    ErrorAlertComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'services.reassignTitle' | t: { name: service.name } }}</h2>
    <mat-dialog-content class="form-grid">
      <p>{{ 'services.reassignBody' | t }}</p>
      <app-error-alert [error]="error()" [retryable]="false" />
      <mat-form-field>
        <mat-label>{{ 'common.agent' | t }}</mat-label>
        <mat-select
          [ngModel]="agentId()"
          (ngModelChange)="agentId.set($event)"
          data-testid="reassign-agent"
        >
          @for (a of agents(); track a.id) {
            <mat-option [value]="a.id" [disabled]="a.id === service.agentId"
              >{{ a.code }} · {{ a.effectiveStatus }}</mat-option
            >
          }
        </mat-select>
      </mat-form-field>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
      <button
        mat-flat-button
        type="button"
        [disabled]="!agentId() || submitting()"
        (click)="submit()"
      >
        {{ 'services.reassign' | t }}
      </button>
    </mat-dialog-actions>
  `,
})
export class ReassignDialog {
  protected readonly service = inject<CapsuleServiceResponse>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<ReassignDialog, CapsuleServiceResponse>);
  private readonly api = inject(CapsuleServicesApi);
  protected readonly agents = signal<AgentResponse[]>([]);
  protected readonly agentId = signal<string | null>(null);
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  constructor() {
    inject(AgentsApi)
      .list({ pageSize: 100 })
      .subscribe({
        next: (page) => this.agents.set(page.items.filter((a) => a.status !== 'REVOKED')),
        error: (err: unknown) => this.error.set(toApiError(err)),
      });
  }

  submit(): void {
    const agentId = this.agentId();
    if (!agentId) {
      return;
    }
    this.submitting.set(true);
    this.api.reassign(this.service.id, agentId).subscribe({
      next: (saved) => this.ref.close(saved),
      error: (err: unknown) => {
        this.submitting.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}
