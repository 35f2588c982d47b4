import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { Router } from '@angular/router';
import type { PublicAuditEvent } from '@opstage/contracts';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ShortIdComponent } from '../../shared/ui/short-id.component';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { TimeComponent } from '../../shared/ui/time.component';

/** Audit events table shared by the Audit page, the service "Audit" tab and the bus audit tab. */
@Component({
  selector: 'app-audit-table',
  imports: [TranslatePipe, ShortIdComponent, StatusTagComponent, TimeComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="table-wrap">
      <table class="data-table cards" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">{{ 'common.time' | t }}</th>
            <th scope="col">{{ 'audit.actorType' | t }}</th>
            <th scope="col">{{ 'audit.actorId' | t }}</th>
            <th scope="col">{{ 'audit.action' | t }}</th>
            <th scope="col">{{ 'audit.targetType' | t }}</th>
            <th scope="col">{{ 'audit.targetId' | t }}</th>
            <th scope="col">{{ 'audit.result' | t }}</th>
            <th scope="col">
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
              <td [attr.data-label]="'common.time' | t"><app-time [value]="e.createdAt" /></td>
              <td [attr.data-label]="'audit.actorType' | t">
                {{ 'actorType.' + e.actorType | t }}
              </td>
              <td [attr.data-label]="'audit.actorId' | t"><app-short-id [id]="e.actorId" /></td>
              <td class="mono" [attr.data-label]="'audit.action' | t">{{ e.action }}</td>
              <td [attr.data-label]="'audit.targetType' | t">{{ e.targetType ?? '-' }}</td>
              <td [attr.data-label]="'audit.targetId' | t"><app-short-id [id]="e.targetId" /></td>
              <td [attr.data-label]="'audit.result' | t"><app-status-tag [value]="e.result" /></td>
              <td class="wrap" [attr.data-label]="'audit.message' | t">
                {{ e.message ?? '' }}
                @if (showMetadata()) {
                  <div
                    class="mono muted meta"
                    [attr.title]="metadataText(e)"
                    data-testid="audit-metadata-preview"
                  >
                    {{ metadataPreview(e) }}
                  </div>
                }
              </td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    .meta {
      word-break: break-all;
      font-size: 11.5px;
    }
  `,
})
export class AuditTableComponent {
  private readonly router = inject(Router);
  readonly events = input.required<PublicAuditEvent[]>();
  /** Adds a one-line metadata preview under the message (bus audit tab). */
  readonly showMetadata = input(false);

  protected metadataText(event: PublicAuditEvent): string {
    return event.metadata ? JSON.stringify(event.metadata) : '';
  }

  protected metadataPreview(event: PublicAuditEvent): string {
    const text = this.metadataText(event);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text || '-';
  }

  open(event: PublicAuditEvent): void {
    void this.router.navigate(['/audit-events', event.id]);
  }
}
