import { Injectable, inject } from '@angular/core';
import { Observable, map, of, switchMap } from 'rxjs';
import { AgentOperation, AgentsApi } from '../../api/agents.api';
import type { AgentResponse, AgentStatus } from '@opstage/contracts';
import { ConfirmService } from '../../shared/ui/confirm-dialog.component';
import { Notifier } from '../../shared/ui/notifier.service';

export type AgentCommand = AgentOperation | 'delete';

export function effectiveAgentStatus(agent: AgentResponse): AgentStatus {
  return agent.effectiveStatus ?? agent.status;
}

/** Which operations make sense for an agent in its current state. */
export function agentOperations(agent: AgentResponse): AgentCommand[] {
  const status = effectiveAgentStatus(agent);
  const ops: AgentCommand[] = [];
  if (status === 'REVOKED') {
    ops.push('delete');
    return ops;
  }
  ops.push(status === 'DISABLED' ? 'enable' : 'disable');
  ops.push('revoke');
  if (status === 'OFFLINE') {
    ops.push('delete');
  }
  return ops;
}

/** Confirm → call → toast, shared by the agents list and the agent detail page. */
@Injectable({ providedIn: 'root' })
export class AgentOperationsService {
  private readonly api = inject(AgentsApi);
  private readonly confirm = inject(ConfirmService);
  private readonly notifier = inject(Notifier);

  run(agent: AgentResponse, op: AgentCommand): Observable<boolean> {
    const name = agent.code;
    return this.confirm
      .ask({
        title: `agents.confirm.${op}.title`,
        message: `agents.confirm.${op}.message`,
        params: { name },
        confirmLabel: `agents.op.${op}`,
        danger: op !== 'enable',
        typedText: op === 'revoke' || op === 'delete' ? agent.code : undefined,
      })
      .pipe(
        switchMap((ok) => {
          if (!ok) {
            return of(false);
          }
          const call: Observable<unknown> =
            op === 'delete' ? this.api.remove(agent.id) : this.api.operate(agent.id, op);
          return call.pipe(map(() => true));
        }),
        map((done) => {
          if (done) {
            this.notifier.success(`agents.done.${op}`, { name });
          }
          return done;
        }),
      );
  }
}
