import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import {
  MatAutocompleteModule,
  MatAutocompleteSelectedEvent,
} from '@angular/material/autocomplete';
import { MatIconModule } from '@angular/material/icon';
import { catchError, debounceTime, distinctUntilChanged, of, switchMap } from 'rxjs';
import { OverviewApi } from '../../api/search.api';
import type { SearchResults } from '@opstage/contracts';
import { TranslatePipe } from '../i18n/translate.pipe';

export interface SearchHit {
  kind: 'service' | 'agent' | 'command';
  id: string;
  label: string;
  detail: string;
  link: string[];
}

/** Flattens the search answer into one option list (services, agents, commands). */
export function searchHits(r: SearchResults): SearchHit[] {
  return [
    ...r.services.map(
      (s): SearchHit => ({
        kind: 'service',
        id: s.id,
        label: s.name,
        detail: `${s.code} · ${s.status}`,
        link: ['/services', s.id],
      }),
    ),
    ...r.agents.map(
      (a): SearchHit => ({
        kind: 'agent',
        id: a.id,
        label: a.name || a.code,
        detail: `${a.code} · ${a.effectiveStatus ?? a.status}`,
        link: ['/agents', a.id],
      }),
    ),
    ...r.commands.map(
      (c): SearchHit => ({
        kind: 'command',
        id: c.id,
        label: `${c.actionName} · ${c.serviceName ?? c.serviceId}`,
        detail: `${c.id} · ${c.status}`,
        link: ['/commands', c.id],
      }),
    ),
  ];
}

/** Top-bar search: services and agents by name, code or id, commands by id (two characters at least). */
@Component({
  selector: 'app-global-search',
  imports: [FormsModule, MatAutocompleteModule, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <label class="box">
      <mat-icon aria-hidden="true">search</mat-icon>
      <span class="visually-hidden">{{ 'search.label' | t }}</span>
      <input
        type="search"
        [placeholder]="'search.placeholder' | t"
        [ngModel]="query()"
        (ngModelChange)="query.set($event)"
        [matAutocomplete]="auto"
        (keydown.enter)="enter()"
        autocomplete="off"
        data-testid="global-search"
      />
    </label>
    <mat-autocomplete
      #auto="matAutocomplete"
      (optionSelected)="select($event)"
      [hideSingleSelectionIndicator]="true"
      class="search-panel"
    >
      @for (hit of hits(); track hit.kind + hit.id) {
        <mat-option [value]="hit" [attr.data-testid]="'search-hit-' + hit.id">
          <span class="kind">{{ 'search.kind.' + hit.kind | t }}</span>
          <span class="label">{{ hit.label }}</span>
          <span class="detail">{{ hit.detail }}</span>
        </mat-option>
      }
      @if (searched() && hits().length === 0) {
        <mat-option disabled>{{ 'search.none' | t }}</mat-option>
      }
    </mat-autocomplete>
  `,
  styles: `
    :host {
      display: block;
    }
    .box {
      display: flex;
      align-items: center;
      gap: 6px;
      border: 1px solid var(--ops-border);
      border-radius: 18px;
      padding: 0 10px;
      background: var(--ops-surface-2);
      height: 34px;
    }
    .box:focus-within {
      border-color: var(--ops-focus);
    }
    .box .mat-icon {
      color: var(--ops-muted);
      font-size: 20px;
      width: 20px;
      height: 20px;
    }
    input {
      border: 0;
      background: transparent;
      color: inherit;
      font: inherit;
      flex: 1 1 auto;
      min-width: 0;
      outline: none;
      height: 100%;
    }
    .kind {
      font-size: 11px;
      text-transform: uppercase;
      color: var(--ops-muted);
      margin-right: 8px;
    }
    .label {
      font-weight: 500;
      margin-right: 8px;
    }
    .detail {
      font-size: 12px;
      color: var(--ops-muted);
    }
  `,
})
export class GlobalSearchComponent {
  private readonly api = inject(OverviewApi);
  private readonly router = inject(Router);
  protected readonly query = signal('');
  protected readonly hits = signal<SearchHit[]>([]);
  protected readonly searched = signal(false);

  constructor() {
    toObservable(this.query)
      .pipe(
        debounceTime(250),
        distinctUntilChanged(),
        switchMap((q) => {
          const term = typeof q === 'string' ? q.trim() : '';
          if (term.length < 2) return of(null);
          return this.api.search(term).pipe(catchError(() => of(null)));
        }),
        takeUntilDestroyed(),
      )
      .subscribe((r) => {
        this.hits.set(r ? searchHits(r) : []);
        this.searched.set(r !== null);
      });
  }

  select(event: MatAutocompleteSelectedEvent): void {
    const hit = event.option.value as SearchHit;
    this.query.set('');
    this.hits.set([]);
    void this.router.navigate(hit.link);
  }

  /** Enter on a full id opens it directly. */
  enter(): void {
    const q = this.query().trim();
    const route = q.startsWith('cmd_')
      ? '/commands'
      : q.startsWith('svc_')
        ? '/services'
        : q.startsWith('agt_')
          ? '/agents'
          : null;
    if (route && /^[a-z]{3}_[A-Za-z0-9]{10,}$/.test(q)) {
      this.query.set('');
      void this.router.navigate([route, q]);
    }
  }
}
