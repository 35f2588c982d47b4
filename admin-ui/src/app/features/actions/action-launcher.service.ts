import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { Observable } from 'rxjs';
import type { CommandDetail } from '@opstage/contracts';
import { ActionDialogComponent, ActionDialogData } from './action-dialog.component';

@Injectable({ providedIn: 'root' })
export class ActionLauncher {
  private readonly dialog = inject(MatDialog);

  /** Opens the action panel (prepare → form → run → result). Emits the last command on close. */
  open(data: ActionDialogData): Observable<CommandDetail | undefined> {
    return this.dialog
      .open<ActionDialogComponent, ActionDialogData, CommandDetail | undefined>(
        ActionDialogComponent,
        {
          data,
          width: '920px',
          maxWidth: '96vw',
          autoFocus: 'first-tabbable',
          disableClose: false,
          panelClass: 'action-dialog-panel',
        },
      )
      .afterClosed();
  }
}
