import { Injectable, inject } from '@angular/core';
import { Router } from '@angular/router';
import { Observable, catchError, map, of, switchMap, throwError } from 'rxjs';
import { CommandsApi } from '../../api/commands.api';
import { CapsuleServicesApi } from '../../api/capsule-services.api';
import type { PublicCommand } from '@opstage/contracts';
import { isApiError } from '../../core/http/api-error';
import { ConfirmService } from '../../shared/ui/confirm-dialog.component';
import { Notifier } from '../../shared/ui/notifier.service';
import { ActionLauncher } from '../actions/action-launcher.service';
import { needsConfirmation } from '../actions/action-rules';

/** Cancel/retry with confirmation; a sealed payload reopens the action form instead (docs/actions-and-commands.md,
 * "Cancel and retry"). */
@Injectable({ providedIn: 'root' })
export class CommandOperationsService {
  private readonly api = inject(CommandsApi);
  private readonly servicesApi = inject(CapsuleServicesApi);
  private readonly confirm = inject(ConfirmService);
  private readonly notifier = inject(Notifier);
  private readonly launcher = inject(ActionLauncher);
  private readonly router = inject(Router);

  cancel(command: PublicCommand): Observable<boolean> {
    return this.confirm
      .ask({
        title: 'commands.confirmCancel.title',
        message: 'commands.confirmCancel.message',
        params: { name: command.actionName },
        confirmLabel: 'commands.cancel',
        danger: true,
      })
      .pipe(
        switchMap((ok) => (ok ? this.api.cancel(command.id).pipe(map(() => true)) : of(false))),
        map((done) => {
          if (done) {
            this.notifier.success('commands.cancelRequested');
          }
          return done;
        }),
      );
  }

  /** Dangerous actions (HIGH / requiresConfirmation) need the typed action name again. */
  retry(command: PublicCommand, openNew = true): Observable<boolean> {
    const definition = this.servicesApi
      .action(command.serviceId, command.actionName)
      .pipe(catchError(() => of(null)));
    let dangerous = false;
    return definition.pipe(
      switchMap((action) => {
        dangerous = action !== null && needsConfirmation(action);
        return this.confirm.ask({
          title: 'commands.confirmRetry.title',
          message: 'commands.confirmRetry.message',
          params: { name: command.actionName },
          confirmLabel: 'commands.retry',
          danger: dangerous,
          typedText: dangerous ? command.actionName : undefined,
        });
      }),
      switchMap((ok) => {
        if (!ok) {
          return of(false);
        }
        return this.api.retry(command.id, dangerous).pipe(
          map((created) => {
            this.notifier.success('commands.retried');
            if (openNew) {
              void this.router.navigate(['/commands', created.id]);
            }
            return true;
          }),
          catchError((err: unknown) => {
            if (isApiError(err, 409, 'COMMAND_PAYLOAD_SEALED')) {
              this.notifier.info('commands.sealedReopen');
              this.reopenAction(command);
              return of(false);
            }
            return throwError(() => err);
          }),
        );
      }),
    );
  }

  private reopenAction(command: PublicCommand): void {
    this.servicesApi.get(command.serviceId).subscribe({
      next: (service) =>
        this.launcher
          .open({
            serviceId: service.id,
            serviceName: service.name,
            actionName: command.actionName,
            catalog: service.actions ?? [],
          })
          .subscribe(),
      error: (err: unknown) => this.notifier.apiError(err),
    });
  }
}
