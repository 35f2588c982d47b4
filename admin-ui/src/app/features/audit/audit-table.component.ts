import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { Router } from '@angular/router';
import { AuditEvent } from '../../api/models/domain';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { DateTimePipe } from '../../shared/util/dt.pipe';
import { ShortIdComponent } from '../../shared/ui/short-id.component';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';

/** Audit events table shared by the Audit page, the service "Audit" tab and the bus audit tab. */
@Component({
  selector: 'app-audit-table',
  imports: [TranslatePipe, DateTimePipe, ShortIdComponent, StatusTagComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="table-wrap">
      <table class="data-table" data-testid="audit-table">
        <thead>
          <tr>
            <th>{{ 'common.time' | t }}</th>
            <th>{{ 'audit.actorType' | t }}</th>
            <th>{{ 'audit.actorId' | t }}</th>
            <th>{{ 'audit.action' | t }}</th>
            <th>{{ 'audit.targetType' | t }}</th>
            <th>{{ 'audit.targetId' | t }}</th>
            <th>{{ 'audit.result' | t }}</th>
            <th>
              {{ 'audit.message' | t }}
              @if (showMetadata()) {
                / {{ 'audit.metadata' | t }}
              }
            </th>
          </tr>
        </thead>
        <tbody>
          @for (e of events(); track e.id) {
            <tr class="clickable" (click)="open(e)" [attr.data-testid]="'audit-row-' + e.id">
              <td>{{ e.createdAt | dt }}</td>
              <td>{{ 'actorType.' + e.actorType | t }}</td>
              <td><app-short-id [id]="e.actorId" /></td>
              <td class="mono">{{ e.action }}</td>
              <td>{{ e.targetType ?? '-' }}</td>
              <td><app-short-id [id]="e.targetId" /></td>
              <td><app-status-tag [value]="e.result" /></td>
              <td class="wrap">
                {{ e.message ?? '' }}
                @if (showMetadata()) {
                  <div class="mono muted meta" [attr.title]="metadataText(e)" data-testid="audit-metadata-preview">{{ metadataPreview(e) }}</div>
                }
              </td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `.meta { word-break: break-all; font-size: 11.5px; }`,
})
export class AuditTableComponent {
  private readonly router = inject(Router);
  readonly events = input.required<AuditEvent[]>();
  /** Adds a one-line metadata preview under the message (bus audit tab). */
  readonly showMetadata = input(false);

  protected metadataText(event: AuditEvent): string {
    return event.metadata ? JSON.stringify(event.metadata) : '';
  }

  protected metadataPreview(event: AuditEvent): string {
    const text = this.metadataText(event);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text || '-';
  }

  open(event: AuditEvent): void {
    void this.router.navigate(['/audit-events', event.id]);
  }
}
