import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { catchError, forkJoin, of } from 'rxjs';
import { BulkApi } from '../../api/bulk.api';
import { CapsuleServicesApi } from '../../api/capsule-services.api';
import type { ActionDefinitionResponse, BulkResult } from '@opstage/contracts';
import { toApiError, ApiError } from '../../core/http/api-error';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { HIDDEN_CATEGORIES, needsConfirmation } from '../actions/action-rules';
import { SchemaFormComponent } from '../actions/schema-form.component';
import { SchemaForm, buildSchemaForm, schemaFormValue } from '../actions/schema-form';

export interface BulkActionDialogData {
  services: { id: string; name: string }[];
}

/** Actions every selected service offers (same name), in the first service's catalog order. */
export function commonActions(
  catalogs: readonly (readonly ActionDefinitionResponse[])[],
): ActionDefinitionResponse[] {
  const [first, ...rest] = catalogs;
  if (!first) return [];
  return first.filter(
    (a) =>
      a.enabled !== false &&
      !HIDDEN_CATEGORIES.includes(a.category ?? '') &&
      rest.every((c) => c.some((b) => b.name === a.name && b.enabled !== false)),
  );
}

/**
 * One action on several services: each becomes its own command (own audit record). The operator
 * confirms once by typing the number of services; dangerous actions need nothing more.
 */
@Component({
  selector: 'app-bulk-action-dialog',
  imports: [
    FormsModule,
    RouterLink,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslatePipe,
    ErrorAlertComponent,
    StatusTagComponent,
    SchemaFormComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'bulk.runTitle' | t: { count: data.services.length } }}</h2>
    <mat-dialog-content data-testid="bulk-action-dialog">
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" />
      }
      @if (!loading() && !result()) {
        @if (actions().length === 0) {
          <p>{{ 'bulk.noCommonAction' | t }}</p>
        } @else {
          <mat-form-field class="full">
            <mat-label>{{ 'commands.action' | t }}</mat-label>
            <mat-select
              [value]="actionName()"
              (selectionChange)="choose($event.value)"
              data-testid="bulk-action-select"
            >
              @for (a of actions(); track a.name) {
                <mat-option [value]="a.name" [attr.data-testid]="'bulk-action-option-' + a.name"
                  >{{ a.label }} ({{ a.name }})</mat-option
                >
              }
            </mat-select>
          </mat-form-field>
          @if (form(); as f) {
            <app-schema-form [form]="f" />
          }
          @if (action(); as a) {
            @if (danger()) {
              <div class="banner error">
                <span>{{ 'actions.requiresConfirmation' | t: { level: a.dangerLevel } }}</span>
              </div>
            }
            <mat-form-field class="full">
              <mat-label>{{ 'bulk.typeCount' | t: { count: data.services.length } }}</mat-label>
              <input
                matInput
                [ngModel]="typed()"
                (ngModelChange)="typed.set($event)"
                autocomplete="off"
                data-testid="bulk-confirm-count"
              />
            </mat-form-field>
          }
        }
        <app-error-alert [error]="error()" [retryable]="false" />
      }
      @if (result(); as r) {
        <p>{{ 'bulk.resultTitle' | t: { ok: r.succeeded, failed: r.failed } }}</p>
        <ul class="results" data-testid="bulk-action-results">
          @for (item of r.items; track item.id) {
            <li [attr.data-ok]="item.ok">
              <app-status-tag [value]="item.ok ? 'SUCCESS' : 'FAILURE'" />
              <span>{{ nameOf(item.id) }}</span>
              @if (item.commandId) {
                <a
                  class="mono"
                  [routerLink]="['/commands', item.commandId]"
                  (click)="ref.close(true)"
                  >{{ item.commandId }}</a
                >
              } @else if (item.error) {
                <span class="muted">{{ item.error.message }} ({{ item.error.code }})</span>
              }
            </li>
          }
        </ul>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button
        mat-button
        type="button"
        (click)="ref.close(result() !== null)"
        data-testid="bulk-action-close"
      >
        {{ 'common.close' | t }}
      </button>
      @if (!result()) {
        <button
          mat-flat-button
          type="button"
          [class.danger-button]="danger()"
          [disabled]="!canRun()"
          (click)="run()"
          data-testid="bulk-action-run"
        >
          {{ 'bulk.runOn' | t: { count: data.services.length } }}
        </button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    .full {
      width: 100%;
    }
    .results {
      list-style: none;
      padding: 0;
      margin: 0;
      display: flex;
      flex-direction: column;
      gap: 6px;
    }
    .results li {
      display: flex;
      gap: 8px;
      align-items: center;
      flex-wrap: wrap;
    }
  `,
})
export class BulkActionDialog {
  protected readonly data = inject<BulkActionDialogData>(MAT_DIALOG_DATA);
  protected readonly ref = inject(MatDialogRef<BulkActionDialog, boolean>);
  private readonly servicesApi = inject(CapsuleServicesApi);
  private readonly bulkApi = inject(BulkApi);
  protected readonly loading = signal(true);
  protected readonly actions = signal<ActionDefinitionResponse[]>([]);
  protected readonly actionName = signal<string | null>(null);
  protected readonly form = signal<SchemaForm | null>(null);
  protected readonly typed = signal('');
  protected readonly error = signal<ApiError | null>(null);
  protected readonly result = signal<BulkResult | null>(null);
  private readonly running = signal(false);
  protected readonly action = computed(
    () => this.actions().find((a) => a.name === this.actionName()) ?? null,
  );
  protected readonly danger = computed(() => {
    const a = this.action();
    return a ? needsConfirmation(a) || a.dangerLevel !== 'LOW' : false;
  });
  protected readonly canRun = computed(
    () =>
      !this.running() &&
      this.action() !== null &&
      this.typed().trim() === String(this.data.services.length),
  );

  constructor() {
    forkJoin(
      this.data.services.map((s) =>
        this.servicesApi.actions(s.id).pipe(catchError(() => of([] as ActionDefinitionResponse[]))),
      ),
    ).subscribe((catalogs) => {
      this.actions.set(commonActions(catalogs));
      this.loading.set(false);
    });
  }

  choose(name: string): void {
    this.actionName.set(name);
    const action = this.action();
    this.form.set(action ? buildSchemaForm(action.inputSchema ?? {}, {}) : null);
  }

  nameOf(id: string): string {
    return this.data.services.find((s) => s.id === id)?.name ?? id;
  }

  run(): void {
    const action = this.action();
    const form = this.form();
    if (!action || !this.canRun()) return;
    if (form && form.group.invalid) {
      form.group.markAllAsTouched();
      return;
    }
    this.running.set(true);
    this.error.set(null);
    const payload = form ? schemaFormValue(form, {}) : {};
    this.bulkApi
      .execute(
        action.name,
        this.data.services.map((s) => s.id),
        payload,
        needsConfirmation(action),
      )
      .subscribe({
        next: (r) => {
          this.running.set(false);
          this.result.set(r);
        },
        error: (err: unknown) => {
          this.running.set(false);
          this.error.set(toApiError(err));
        },
      });
  }
}
