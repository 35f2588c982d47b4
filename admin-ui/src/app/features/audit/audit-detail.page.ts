import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { AuditApi } from '../../api/audit.api';
import type { PublicAuditEvent } from '@opstage/contracts';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { createLoader } from '../../shared/util/loader';
import { DateTimePipe } from '../../shared/util/dt.pipe';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { JsonBlockComponent } from '../../shared/ui/json-block.component';
import { ShortIdComponent } from '../../shared/ui/short-id.component';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';

/** Links a target to its console page when there is one. */
export function targetLink(type: string | null, id: string | null): string[] | null {
  if (!id) {
    return null;
  }
  switch (type) {
    case 'Agent':
      return ['/agents', id];
    case 'CapsuleService':
      return ['/services', id];
    case 'Command':
      return ['/commands', id];
    default:
      return null;
  }
}

@Component({
  selector: 'app-audit-detail-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslatePipe,
    DateTimePipe,
    ErrorAlertComponent,
    JsonBlockComponent,
    ShortIdComponent,
    StatusTagComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page" data-testid="page-audit-detail">
      <div class="page-header">
        <a mat-icon-button routerLink="/audit-events" [attr.aria-label]="'common.back' | t"
          ><mat-icon>arrow_back</mat-icon></a
        >
        <h1>{{ 'audit.detailTitle' | t }}</h1>
      </div>
      @if (event.loading()) {
        <mat-progress-bar mode="indeterminate" />
      }
      <app-error-alert [error]="event.error()" (retry)="load()" />
      @if (event.value(); as e) {
        <section class="card">
          <table class="kv">
            <tr>
              <th>{{ 'common.id' | t }}</th>
              <td class="mono">{{ e.id }}</td>
            </tr>
            <tr>
              <th>{{ 'common.time' | t }}</th>
              <td>
                {{ e.createdAt | dt }} <span class="muted mono">{{ e.createdAt }}</span>
              </td>
            </tr>
            <tr>
              <th>{{ 'audit.action' | t }}</th>
              <td class="mono">{{ e.action }}</td>
            </tr>
            <tr>
              <th>{{ 'audit.result' | t }}</th>
              <td><app-status-tag [value]="e.result" /></td>
            </tr>
            <tr>
              <th>{{ 'audit.actorType' | t }}</th>
              <td>{{ 'actorType.' + e.actorType | t }}</td>
            </tr>
            <tr>
              <th>{{ 'audit.actorId' | t }}</th>
              <td><app-short-id [id]="e.actorId" /></td>
            </tr>
            <tr>
              <th>{{ 'audit.targetType' | t }}</th>
              <td>{{ e.targetType ?? '-' }}</td>
            </tr>
            <tr>
              <th>{{ 'audit.targetId' | t }}</th>
              <td><app-short-id [id]="e.targetId" [link]="link(e)" /></td>
            </tr>
            <tr>
              <th>{{ 'audit.message' | t }}</th>
              <td>{{ e.message ?? '-' }}</td>
            </tr>
            <tr>
              <th>{{ 'audit.ip' | t }}</th>
              <td>{{ e.ipAddress ?? '-' }}</td>
            </tr>
            <tr>
              <th>{{ 'audit.userAgent' | t }}</th>
              <td>{{ e.userAgent ?? '-' }}</td>
            </tr>
          </table>
        </section>
        <section class="card">
          <h2>{{ 'audit.metadata' | t }}</h2>
          <app-json-block [value]="e.metadata" testId="audit-metadata" />
        </section>
      }
    </div>
  `,
})
export class AuditDetailPage {
  private readonly api = inject(AuditApi);
  readonly id = input.required<string>();
  protected readonly event = createLoader<PublicAuditEvent>();

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
  }

  load(id = this.id()): void {
    this.event.load(this.api.get(id));
  }

  link(e: PublicAuditEvent): string[] | null {
    return targetLink(e.targetType, e.targetId);
  }
}
