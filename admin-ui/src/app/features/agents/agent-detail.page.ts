import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { AgentsApi } from '../../api/agents.api';
import type { AgentDetailResponse } from '@opstage/contracts';
import { SessionStore } from '../../core/auth/session.store';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { liveRefresh } from '../../core/live/live-refresh';
import { createLoader } from '../../shared/util/loader';
import { LiveStatusComponent } from '../../shared/ui/live-status.component';
import { TimeComponent } from '../../shared/ui/time.component';
import { DateTimePipe } from '../../shared/util/dt.pipe';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { ShortIdComponent } from '../../shared/ui/short-id.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { Notifier } from '../../shared/ui/notifier.service';
import { RecoveryTokenComponent } from './recovery-token.component';
import {
  AgentCommand,
  AgentOperationsService,
  agentOperations,
  effectiveAgentStatus,
} from './agent-operations.service';

@Component({
  selector: 'app-agent-detail-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslatePipe,
    DateTimePipe,
    StatusTagComponent,
    ShortIdComponent,
    ErrorAlertComponent,
    EmptyStateComponent,
    LiveStatusComponent,
    TimeComponent,
    RecoveryTokenComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './agent-detail.page.html',
})
export class AgentDetailPage {
  private readonly api = inject(AgentsApi);
  private readonly ops = inject(AgentOperationsService);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  protected readonly session = inject(SessionStore);
  /** Route param (component input binding). */
  readonly id = input.required<string>();
  protected readonly agent = createLoader<AgentDetailResponse>();
  protected readonly effective = effectiveAgentStatus;
  protected readonly operationsFor = agentOperations;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
    // Its own changes, and its services' (their ids are on the page).
    liveRefresh(['agents', 'services'], () => this.load(this.id(), true), {
      ids: () => [this.id(), ...(this.agent.value()?.services ?? []).map((s) => s.id)],
    });
  }

  load(id = this.id(), silent = false): void {
    this.agent.load(this.api.get(id), { silent });
  }

  refresh(): void {
    this.load();
    this.notifier.success('common.refreshed');
  }

  operate(agent: AgentDetailResponse, op: AgentCommand): void {
    this.ops.run(agent, op).subscribe({
      next: (done) => {
        if (!done) {
          return;
        }
        if (op === 'delete') {
          void this.router.navigate(['/agents']);
        } else {
          this.load(agent.id, true);
        }
      },
      error: (err: unknown) => this.notifier.apiError(err),
    });
  }
}
