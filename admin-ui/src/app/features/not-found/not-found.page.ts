import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/** Unknown console URLs say so (and keep the URL) instead of silently landing on the dashboard. */
@Component({
  selector: 'app-not-found-page',
  imports: [RouterLink, MatButtonModule, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page" data-testid="page-not-found">
      <div class="page-header">
        <h1>{{ 'notFound.title' | t }}</h1>
      </div>
      <section class="card">
        <p>{{ 'notFound.body' | t: { path: path } }}</p>
        <a mat-flat-button routerLink="/"
          ><mat-icon>dashboard</mat-icon>{{ 'notFound.home' | t }}</a
        >
      </section>
    </div>
  `,
})
export class NotFoundPage {
  protected readonly path = inject(Router).url;
}
