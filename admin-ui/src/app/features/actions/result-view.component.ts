import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatIconModule } from '@angular/material/icon';
import type { CommandDetail } from '@opstage/contracts';
import { isJsonObject } from '../../api/view-types';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { JsonBlockComponent } from '../../shared/ui/json-block.component';
import { ResultCellComponent } from './result-cell.component';
import { ResultDetailComponent } from './result-detail.component';
import { ResultTableComponent } from './result-table.component';
import { OneTimeRevealComponent } from './one-time-reveal.component';
import { SecretRevealComponent } from './secret-reveal.component';
import {
  ActionLaunch,
  OneTimeSecret,
  extractSecrets,
  hasConsumedSecrets,
  maskSecrets,
  normalizeDetail,
  normalizeList,
  plainEntries,
} from './result-model';

/**
 * Renders a command's result: message text, error, one-time secrets, detail view, table and
 * plain key/value data, plus the raw JSON (with revealed secrets masked).
 */
@Component({
  selector: 'app-result-view',
  imports: [
    MatExpansionModule,
    MatIconModule,
    TranslatePipe,
    JsonBlockComponent,
    ResultCellComponent,
    ResultDetailComponent,
    ResultTableComponent,
    SecretRevealComponent,
    OneTimeRevealComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './result-view.component.html',
})
export class ResultViewComponent {
  readonly command = input.required<CommandDetail>();
  /** Secrets captured on the first read; the parent keeps them so later reads do not hide them. */
  readonly secrets = input<OneTimeSecret[] | null>(null);
  readonly available = input<readonly string[] | null>(null);
  readonly busy = input(false);
  readonly launch = output<ActionLaunch>();

  protected readonly data = computed(() => this.command().result?.data);
  protected readonly shownSecrets = computed(() => this.secrets() ?? extractSecrets(this.data()));
  protected readonly message = computed(() => {
    const message = this.command().result?.message;
    return typeof message === 'string' && message ? message : null;
  });
  protected readonly detail = computed(() => {
    const data = this.data();
    return isJsonObject(data) ? normalizeDetail(data['detail']) : null;
  });
  protected readonly list = computed(() => {
    const data = this.data();
    return isJsonObject(data) ? normalizeList(data['list']) : null;
  });
  protected readonly entries = computed(() =>
    plainEntries(
      this.data(),
      this.shownSecrets().map((s) => s.key),
    ),
  );
  protected readonly failed = computed(() =>
    ['FAILED', 'EXPIRED', 'CANCELLED'].includes(this.command().status),
  );
  protected readonly rawJson = computed(() => {
    const command = this.command();
    const result = command.result;
    if (!result) {
      return { errorCode: command.errorCode, errorMessage: command.errorMessage };
    }
    return { ...result, data: maskSecrets(result.data, this.shownSecrets()) };
  });
  /** One-time fields of this result, handed out only by an explicit reveal. */
  protected readonly oneTime = computed(() => this.command().result?.oneTime ?? null);
  protected readonly redactedSecret = computed(
    () => this.shownSecrets().length === 0 && !this.oneTime() && hasConsumedSecrets(this.data()),
  );
}
