import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { DashboardApi } from '../../api/dashboard.api';
import { OverviewApi } from '../../api/search.api';
import type { DashboardOverview, DashboardSummary, DashboardTile } from '@opstage/contracts';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { liveRefresh, watchServices } from '../../core/live/live-refresh';
import { createLoader } from '../../shared/util/loader';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { LiveStatusComponent } from '../../shared/ui/live-status.component';
import { TimeComponent } from '../../shared/ui/time.component';

const LIST_ROUTE: Record<DashboardTile['list'], string> = {
  services: '/services',
  agents: '/agents',
  commands: '/commands',
};
/** Tiles that mean trouble when not zero. */
const ALERT_TILES = new Set(['services-problem', 'agents-offline', 'commands-failed']);

export interface TileView extends DashboardTile {
  label: string;
  link: string;
  alert: boolean;
}

/** A tile's link is its list page with exactly the query the server counted. */
export function tileView(tile: DashboardTile): TileView {
  return {
    ...tile,
    label: `dashboard.tile.${tile.id}`,
    link: LIST_ROUTE[tile.list],
    alert: ALERT_TILES.has(tile.id) && tile.count > 0,
  };
}

/** "What is wrong now": problem services, recent failed runs and offline agents first, counts below. */
@Component({
  selector: 'app-dashboard-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslatePipe,
    StatusTagComponent,
    ErrorAlertComponent,
    EmptyStateComponent,
    LiveStatusComponent,
    TimeComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dashboard.page.html',
  styleUrl: './dashboard.page.css',
})
export class DashboardPage {
  private readonly api = inject(DashboardApi);
  private readonly overviewApi = inject(OverviewApi);
  protected readonly overview = createLoader<DashboardOverview>();
  protected readonly summary = createLoader<DashboardSummary>();
  protected readonly tiles = computed(() => (this.overview.value()?.tiles ?? []).map(tileView));
  protected readonly tileQuery = (id: string) => this.tiles().find((t) => t.id === id)?.query ?? {};
  protected readonly tileCount = (id: string) => this.tiles().find((t) => t.id === id)?.count ?? 0;

  constructor() {
    this.refresh();
    liveRefresh(['services', 'agents', 'commands', 'audit'], () => this.refresh(true));
    watchServices(() => this.overview.value()?.problemServices.map((s) => s.id) ?? []);
  }

  refresh(silent = false): void {
    this.overview.load(this.overviewApi.dashboard(), { silent });
    this.summary.load(this.api.summary(), { silent });
  }
}
