import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { DashboardApi } from '../../api/dashboard.api';
import { DashboardSummary } from '../../api/models/domain';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { autoRefresh } from '../../core/util/auto-refresh';
import { createLoader } from '../../shared/util/loader';
import { DateTimePipe } from '../../shared/util/dt.pipe';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';

interface Tile {
  id: string;
  label: string;
  value: string | number;
  alert?: boolean;
  link?: string;
  query?: Record<string, string>;
}

function sum(counts: Record<string, number> | undefined, keys?: string[]): number {
  if (!counts) {
    return 0;
  }
  return Object.entries(counts)
    .filter(([key]) => !keys || keys.includes(key))
    .reduce((total, [, n]) => total + (Number(n) || 0), 0);
}

export function dashboardTiles(s: DashboardSummary): Tile[] {
  const problemServices = sum(s.serviceCounts, ['UNHEALTHY', 'STALE', 'OFFLINE']);
  const failed = sum(s.commandCounts, ['FAILED', 'EXPIRED']);
  return [
    { id: 'workspace', label: 'dashboard.workspace', value: s.workspace?.name ?? '-' },
    { id: 'agents-online', label: 'dashboard.onlineAgents', value: `${sum(s.agentCounts, ['ONLINE'])} / ${sum(s.agentCounts)}`, link: '/agents' },
    { id: 'services-healthy', label: 'dashboard.healthyServices', value: `${sum(s.serviceCounts, ['HEALTHY'])} / ${sum(s.serviceCounts)}`, link: '/services' },
    { id: 'services-problem', label: 'dashboard.problemServices', value: problemServices, alert: problemServices > 0, link: '/services' },
    { id: 'commands-running', label: 'dashboard.runningCommands', value: sum(s.commandCounts, ['RUNNING', 'PENDING']), link: '/commands', query: { status: 'RUNNING' } },
    { id: 'commands-failed', label: 'dashboard.failedCommands', value: failed, alert: failed > 0, link: '/commands', query: { status: 'FAILED' } },
    { id: 'audit', label: 'dashboard.auditEvents', value: s.auditEventCount ?? 0, link: '/audit-events' },
  ];
}

@Component({
  selector: 'app-dashboard-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslatePipe,
    DateTimePipe,
    StatusTagComponent,
    ErrorAlertComponent,
    EmptyStateComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dashboard.page.html',
})
export class DashboardPage {
  private readonly api = inject(DashboardApi);
  protected readonly summary = createLoader<DashboardSummary>();
  protected readonly tiles = computed(() => {
    const s = this.summary.value();
    return s ? dashboardTiles(s) : [];
  });

  constructor() {
    this.refresh();
    autoRefresh(() => this.refresh(true), 5000);
  }

  refresh(silent = false): void {
    this.summary.load(this.api.summary(), { silent });
  }
}
