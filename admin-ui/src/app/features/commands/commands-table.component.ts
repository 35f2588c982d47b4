import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import type { PublicCommand } from '@opstage/contracts';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { DurationPipe } from '../../shared/util/duration.pipe';
import { Selection } from '../../shared/util/selection';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { TimeComponent } from '../../shared/ui/time.component';
import { SelectAllComponent } from '../../shared/ui/select-all.component';
import { canCancel, canRetry } from './command-rules';

/** Commands table shared by the Commands page and the service detail "Commands" tab. */
@Component({
  selector: 'app-commands-table',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    TranslatePipe,
    DurationPipe,
    StatusTagComponent,
    TimeComponent,
    SelectAllComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="table-wrap">
      <table class="data-table fleet cards" data-testid="commands-table">
        <colgroup>
          @if (selection()) {
            <col style="width: 40px" />
          }
          <col style="width: 112px" />
          <col style="width: 18%" />
          @if (showTarget()) {
            <col />
            <col style="width: 16%" />
          }
          <col style="width: 130px" />
          <col style="width: 80px" />
          <col [style.width]="showTarget() ? '18%' : 'auto'" />
          @if (canOperate()) {
            <col style="width: 150px" />
          }
        </colgroup>
        <thead>
          <tr>
            @if (selection(); as sel) {
              <th scope="col" class="select-cell">
                <app-select-all [selection]="sel" [ids]="cancelableIds()" />
              </th>
            }
            <th scope="col">{{ 'common.status' | t }}</th>
            <th scope="col">{{ 'commands.action' | t }}</th>
            @if (showTarget()) {
              <th scope="col">{{ 'common.service' | t }}</th>
              <th scope="col">{{ 'common.agent' | t }}</th>
            }
            <th scope="col">{{ 'common.createdAt' | t }}</th>
            <th scope="col">{{ 'commands.duration' | t }}</th>
            <th scope="col">{{ 'commands.error' | t }}</th>
            @if (canOperate()) {
              <th scope="col" class="actions-cell">{{ 'common.operations' | t }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (c of commands(); track c.id) {
            <tr
              class="clickable"
              (click)="open(c)"
              [attr.data-testid]="'command-row-' + c.id"
              [attr.data-action]="c.actionName"
              [attr.data-type]="c.type"
            >
              @if (selection(); as sel) {
                <td class="select-cell" (click)="$event.stopPropagation()">
                  @if (cancelable(c)) {
                    <mat-checkbox
                      [checked]="sel.has(c.id)"
                      (change)="sel.toggle(c.id, $event.checked)"
                      [aria-label]="'bulk.select' | t: { name: c.actionName }"
                      [attr.data-testid]="'select-' + c.id"
                    />
                  }
                </td>
              }
              <td [attr.data-label]="'common.status' | t"><app-status-tag [value]="c.status" /></td>
              <td class="mono" [attr.data-label]="'commands.action' | t">
                <span class="truncate" [title]="c.actionName + ' (' + c.id + ')'">{{
                  c.actionName
                }}</span>
                @if (c.type === 'ACTION_PREPARE') {
                  <app-status-tag value="PREPARE" />
                }
              </td>
              @if (showTarget()) {
                <td [attr.data-label]="'common.service' | t">
                  <a
                    class="truncate"
                    [routerLink]="['/services', c.serviceId]"
                    (click)="$event.stopPropagation()"
                    [title]="(c.serviceCode ?? '') + ' (' + c.serviceId + ')'"
                    >{{ c.serviceName || c.serviceCode || c.serviceId }}</a
                  >
                </td>
                <td [attr.data-label]="'common.agent' | t">
                  <a
                    class="truncate"
                    [routerLink]="['/agents', c.agentId]"
                    (click)="$event.stopPropagation()"
                    [title]="(c.agentCode ?? '') + ' (' + c.agentId + ')'"
                    >{{ c.agentName || c.agentCode || c.agentId }}</a
                  >
                </td>
              }
              <td [attr.data-label]="'common.createdAt' | t"><app-time [value]="c.createdAt" /></td>
              <td [attr.data-label]="'commands.duration' | t">{{ c.durationMs | duration }}</td>
              <td [attr.data-label]="'commands.error' | t">
                @if (c.errorCode) {
                  <span
                    class="truncate danger-text"
                    [title]="c.errorCode + (c.errorMessage ? ': ' + c.errorMessage : '')"
                    ><span class="mono">{{ c.errorCode }}</span
                    >{{ c.errorMessage ? ' ' + c.errorMessage : '' }}</span
                  >
                }
              </td>
              @if (canOperate()) {
                <td class="actions-cell" (click)="$event.stopPropagation()">
                  @if (cancelable(c)) {
                    <button
                      mat-button
                      type="button"
                      class="danger-text"
                      (click)="cancel.emit(c)"
                      data-testid="command-cancel"
                    >
                      {{ 'commands.cancel' | t }}
                    </button>
                  }
                  @if (retryable(c)) {
                    <button
                      mat-button
                      type="button"
                      (click)="retry.emit(c)"
                      data-testid="command-retry"
                    >
                      {{ 'commands.retry' | t }}
                    </button>
                  }
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
})
export class CommandsTableComponent {
  private readonly router = inject(Router);
  readonly commands = input.required<PublicCommand[]>();
  readonly showTarget = input(true);
  readonly canOperate = input(false);
  /** Row selection for bulk cancel (only open commands can be selected); null hides the column. */
  readonly selection = input<Selection | null>(null);
  readonly cancel = output<PublicCommand>();
  readonly retry = output<PublicCommand>();
  protected readonly cancelable = canCancel;
  protected readonly retryable = canRetry;
  protected readonly cancelableIds = computed(() =>
    this.commands()
      .filter(canCancel)
      .map((c) => c.id),
  );

  open(command: PublicCommand): void {
    void this.router.navigate(['/commands', command.id]);
  }
}
