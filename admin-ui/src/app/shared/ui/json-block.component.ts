import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { prettyJson } from '../util/format';

@Component({
  selector: 'app-json-block',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<pre
    class="json-block"
    [class.tall]="tall()"
    tabindex="0"
    [attr.data-testid]="testId()"
    >{{ text() }}</pre
  >`,
})
export class JsonBlockComponent {
  readonly value = input<unknown>();
  readonly tall = input(false);
  readonly testId = input<string | null>(null);
  protected readonly text = computed(() => prettyJson(this.value() ?? null));
}
