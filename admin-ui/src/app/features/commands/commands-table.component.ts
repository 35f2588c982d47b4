import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { Router } from '@angular/router';
import { inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Command } from '../../api/models/domain';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { DateTimePipe } from '../../shared/util/dt.pipe';
import { DurationPipe } from '../../shared/util/duration.pipe';
import { ShortIdComponent } from '../../shared/ui/short-id.component';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { canCancel, canRetry } from './command-rules';

/** Commands table shared by the Commands page and the service detail "Commands" tab. */
@Component({
  selector: 'app-commands-table',
  imports: [MatButtonModule, TranslatePipe, DateTimePipe, DurationPipe, ShortIdComponent, StatusTagComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="table-wrap">
      <table class="data-table" data-testid="commands-table">
        <thead>
          <tr>
            <th>{{ 'common.id' | t }}</th>
            <th>{{ 'commands.type' | t }}</th>
            <th>{{ 'commands.action' | t }}</th>
            <th>{{ 'common.status' | t }}</th>
            @if (showTarget()) {
              <th>{{ 'common.agentId' | t }}</th>
              <th>{{ 'common.serviceId' | t }}</th>
            }
            <th>{{ 'common.createdAt' | t }}</th>
            <th>{{ 'commands.completedAt' | t }}</th>
            <th>{{ 'commands.duration' | t }}</th>
            <th>{{ 'commands.errorCode' | t }}</th>
            @if (canOperate()) {
              <th class="actions-cell">{{ 'common.operations' | t }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (c of commands(); track c.id) {
            <tr class="clickable" (click)="open(c)" [attr.data-testid]="'command-row-' + c.id" [attr.data-action]="c.actionName">
              <td><app-short-id [id]="c.id" [link]="['/commands', c.id]" /></td>
              <td><app-status-tag [value]="c.type === 'ACTION_PREPARE' ? 'PREPARE' : 'EXECUTE'" /></td>
              <td class="mono">{{ c.actionName }}</td>
              <td><app-status-tag [value]="c.status" /></td>
              @if (showTarget()) {
                <td><app-short-id [id]="c.agentId" [link]="['/agents', c.agentId]" /></td>
                <td><app-short-id [id]="c.serviceId" [link]="['/services', c.serviceId]" /></td>
              }
              <td>{{ c.createdAt | dt }}</td>
              <td>{{ c.completedAt | dt }}</td>
              <td>{{ c.durationMs | duration }}</td>
              <td class="mono danger-text">{{ c.errorCode ?? '' }}</td>
              @if (canOperate()) {
                <td class="actions-cell" (click)="$event.stopPropagation()">
                  @if (cancelable(c)) {
                    <button mat-button type="button" class="danger-text" (click)="cancel.emit(c)" data-testid="command-cancel">
                      {{ 'commands.cancel' | t }}
                    </button>
                  }
                  @if (retryable(c)) {
                    <button mat-button type="button" (click)="retry.emit(c)" data-testid="command-retry">{{ 'commands.retry' | t }}</button>
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
  readonly commands = input.required<Command[]>();
  readonly showTarget = input(true);
  readonly canOperate = input(false);
  readonly cancel = output<Command>();
  readonly retry = output<Command>();
  protected readonly cancelable = canCancel;
  protected readonly retryable = canRetry;

  open(command: Command): void {
    void this.router.navigate(['/commands', command.id]);
  }
}
