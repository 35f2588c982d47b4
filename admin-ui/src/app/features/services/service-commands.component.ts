import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { CommandsApi } from '../../api/commands.api';
import type { ActionDefinitionResponse, Paged, PublicCommand } from '@opstage/contracts';
import { SessionStore } from '../../core/auth/session.store';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { liveRefresh } from '../../core/live/live-refresh';
import { createLoader } from '../../shared/util/loader';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { Notifier } from '../../shared/ui/notifier.service';
import { CommandsTableComponent } from '../commands/commands-table.component';
import { CommandOperationsService } from '../commands/command-operations.service';

/** Commands tab of a service: its commands, newest first, refreshed every 5 s while visible. */
@Component({
  selector: 'app-service-commands',
  imports: [
    RouterLink,
    MatButtonModule,
    MatPaginatorModule,
    MatSlideToggleModule,
    TranslatePipe,
    EmptyStateComponent,
    ErrorAlertComponent,
    CommandsTableComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="toolbar">
      <mat-slide-toggle [checked]="allTypes()" (change)="toggleTypes($event.checked)">{{
        'commands.showAllTypes' | t
      }}</mat-slide-toggle>
      <span class="spacer"></span>
      <a mat-button [routerLink]="['/commands']" [queryParams]="{ serviceId: serviceId() }">{{
        'services.openInCommands' | t
      }}</a>
    </div>
    <app-error-alert [error]="list.error()" (retry)="load()" />
    @if (list.value(); as page) {
      @if (page.items.length) {
        <app-commands-table
          [commands]="page.items"
          [showTarget]="false"
          [canOperate]="session.canOperate()"
          (cancel)="cancel($event)"
          (retry)="retry($event)"
        />
        <mat-paginator
          [length]="page.pagination.total"
          [pageIndex]="pageIndex()"
          [pageSize]="20"
          [hidePageSize]="true"
          (page)="onPage($event)"
        />
      } @else {
        <app-empty-state message="empty.commands" icon="terminal" />
      }
    }
  `,
})
export class ServiceCommandsComponent {
  private readonly api = inject(CommandsApi);
  private readonly ops = inject(CommandOperationsService);
  private readonly notifier = inject(Notifier);
  protected readonly session = inject(SessionStore);
  readonly serviceId = input.required<string>();
  readonly serviceName = input('');
  readonly catalog = input<ActionDefinitionResponse[]>([]);
  protected readonly list = createLoader<Paged<PublicCommand>>();
  protected readonly pageIndex = signal(0);
  protected readonly allTypes = signal(false);

  constructor() {
    effect(() => {
      this.serviceId();
      untracked(() => this.load());
    });
    liveRefresh(['commands'], () => this.load(true), { ids: () => [this.serviceId()] });
  }

  load(silent = false): void {
    this.list.load(
      this.api.list({
        serviceId: this.serviceId(),
        type: this.allTypes() ? undefined : 'ACTION_EXECUTE',
        page: this.pageIndex() + 1,
        pageSize: 20,
      }),
      { silent },
    );
  }

  toggleTypes(value: boolean): void {
    this.allTypes.set(value);
    this.pageIndex.set(0);
    this.load();
  }

  onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.load();
  }

  cancel(command: PublicCommand): void {
    this.ops
      .cancel(command)
      .subscribe({ next: () => this.load(true), error: (e: unknown) => this.notifier.apiError(e) });
  }

  retry(command: PublicCommand): void {
    this.ops
      .retry(command, false)
      .subscribe({ next: () => this.load(true), error: (e: unknown) => this.notifier.apiError(e) });
  }
}
