import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { CapsuleServiceDetailResponse } from '@opstage/contracts';
import { SessionStore } from '../../core/auth/session.store';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { ActionLauncher } from '../actions/action-launcher.service';
import { groupActions, needsConfirmation } from '../actions/action-rules';

/**
 * The server refuses actions unless the owning agent is connected (docs/actions-and-commands.md);
 * the buttons say so up front instead of failing after a click.
 */
export function actionsUnavailable(
  service: Pick<CapsuleServiceDetailResponse, 'status' | 'agentStatus'>,
): string | null {
  const agent = service.agentStatus;
  if (agent === null) return 'actions.unavailable.NO_AGENT';
  if (agent === 'DISABLED' || agent === 'REVOKED' || agent === 'OFFLINE' || agent === 'PENDING')
    return `actions.unavailable.${agent}`;
  return null;
}

/** Actions tab: buttons grouped by category; viewers get a read-only catalog (no forms). */
@Component({
  selector: 'app-service-actions',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatTooltipModule,
    TranslatePipe,
    EmptyStateComponent,
    StatusTagComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (!session.canOperate()) {
      <div class="banner info" data-testid="readonly-banner">
        <mat-icon aria-hidden="true">visibility</mat-icon
        ><span>{{ 'actions.viewerReadOnly' | t }}</span>
      </div>
    }
    @if (session.canOperate() && unavailable(); as reason) {
      <div
        class="banner warn"
        id="actions-unavailable"
        role="status"
        data-testid="actions-unavailable"
      >
        <mat-icon aria-hidden="true">block</mat-icon><span>{{ reason | t }}</span>
      </div>
    }
    @for (group of groups(); track group.category) {
      <section class="group">
        <h2 class="sub-heading">{{ categoryLabel(group.category) }}</h2>
        @if (session.canOperate()) {
          <div class="buttons">
            @for (a of group.actions; track a.name) {
              <span
                [matTooltip]="unavailable() ? (unavailable()! | t) : (a.description ?? '')"
                [matTooltipDisabled]="!unavailable() && !a.description"
              >
                <button
                  mat-stroked-button
                  type="button"
                  [class.danger-text]="a.dangerLevel !== 'LOW' || a.requiresConfirmation"
                  [disabled]="unavailable() !== null"
                  [attr.aria-describedby]="unavailable() ? 'actions-unavailable' : null"
                  (click)="run(a.name)"
                  [attr.data-testid]="'action-' + a.name"
                >
                  @if (confirmNeeded(a)) {
                    <mat-icon>warning</mat-icon>
                  }
                  {{ a.label }}
                </button>
              </span>
            }
          </div>
        } @else {
          <table class="kv">
            @for (a of group.actions; track a.name) {
              <tr [attr.data-testid]="'action-readonly-' + a.name">
                <th>{{ a.label }}</th>
                <td class="catalog-row">
                  <span class="mono">{{ a.name }}</span
                  ><app-status-tag [value]="a.dangerLevel" /><span>{{ a.description ?? '' }}</span>
                </td>
              </tr>
            }
          </table>
        }
      </section>
    } @empty {
      <app-empty-state message="services.noActions" icon="bolt" />
    }
  `,
  styles: `
    .group {
      margin-bottom: 12px;
    }
    h2.sub-heading {
      font-size: 13px;
      font-weight: 500;
      color: var(--ops-text-2);
      margin: 4px 0 6px;
      text-transform: none;
    }
    .banner {
      margin-bottom: 10px;
    }
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .catalog-row {
      display: flex;
      gap: 8px;
      align-items: center;
      flex-wrap: wrap;
    }
  `,
})
export class ServiceActionsComponent {
  protected readonly session = inject(SessionStore);
  private readonly launcher = inject(ActionLauncher);
  private readonly i18n = inject(I18nService);
  readonly service = input.required<CapsuleServiceDetailResponse>();
  protected readonly groups = computed(() => groupActions(this.service().actions ?? []));
  protected readonly confirmNeeded = needsConfirmation;
  /** Why the owning agent cannot run actions now (translation key), or null. */
  protected readonly unavailable = computed(() => actionsUnavailable(this.service()));

  categoryLabel(category: string): string {
    return this.i18n.tOr(`category.${category}`, category);
  }

  run(actionName: string): void {
    const service = this.service();
    this.launcher
      .open({
        serviceId: service.id,
        serviceName: service.name,
        actionName,
        catalog: service.actions ?? [],
      })
      .subscribe();
  }
}
