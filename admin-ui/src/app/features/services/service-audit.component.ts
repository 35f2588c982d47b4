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
import { AuditApi } from '../../api/audit.api';
import type { Paged, PublicAuditEvent } from '@opstage/contracts';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { liveRefresh } from '../../core/live/live-refresh';
import { createLoader } from '../../shared/util/loader';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { AuditTableComponent } from '../audit/audit-table.component';

/** Audit tab of a service: events whose target is this Capsule Service. */
@Component({
  selector: 'app-service-audit',
  imports: [
    RouterLink,
    MatButtonModule,
    MatPaginatorModule,
    TranslatePipe,
    EmptyStateComponent,
    ErrorAlertComponent,
    AuditTableComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="toolbar">
      <span class="spacer"></span>
      <a
        mat-button
        [routerLink]="['/audit-events']"
        [queryParams]="{ targetType: 'CapsuleService', targetId: serviceId() }"
      >
        {{ 'services.openInAudit' | t }}
      </a>
    </div>
    <app-error-alert [error]="list.error()" (retry)="load()" />
    @if (list.value(); as page) {
      @if (page.items.length) {
        <app-audit-table [events]="page.items" />
        <mat-paginator
          [length]="page.pagination.total"
          [pageIndex]="pageIndex()"
          [pageSize]="20"
          [hidePageSize]="true"
          (page)="onPage($event)"
        />
      } @else {
        <app-empty-state message="empty.audit" icon="history" />
      }
    }
  `,
})
export class ServiceAuditComponent {
  private readonly api = inject(AuditApi);
  readonly serviceId = input.required<string>();
  protected readonly list = createLoader<Paged<PublicAuditEvent>>();
  protected readonly pageIndex = signal(0);

  constructor() {
    effect(() => {
      this.serviceId();
      untracked(() => this.load());
    });
    liveRefresh(['audit'], () => this.load(true), { ids: () => [this.serviceId()] });
  }

  load(silent = false): void {
    this.list.load(
      this.api.list({
        targetType: 'CapsuleService',
        targetId: this.serviceId(),
        page: this.pageIndex() + 1,
        pageSize: 20,
      }),
      { silent },
    );
  }

  onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.load();
  }
}
