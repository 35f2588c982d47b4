import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { I18nService, Language } from './i18n.service';
import { TranslatePipe } from './translate.pipe';

@Component({
  selector: 'app-language-switcher',
  imports: [MatButtonToggleModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-button-toggle-group
      hideSingleSelectionIndicator
      [value]="i18n.language()"
      (change)="set($event.value)"
      [attr.aria-label]="'header.language' | t"
      data-testid="language-switcher"
    >
      <mat-button-toggle value="en-US" data-testid="lang-en" lang="en">English</mat-button-toggle>
      <mat-button-toggle value="zh-CN" data-testid="lang-zh" lang="zh-CN"
        >简体中文</mat-button-toggle
      >
    </mat-button-toggle-group>
  `,
  styles: `
    :host {
      --mat-button-toggle-height: 30px;
      --mat-standard-button-toggle-height: 30px;
      display: inline-block;
    }
    mat-button-toggle-group {
      font-size: 12px;
    }
  `,
})
export class LanguageSwitcherComponent {
  protected readonly i18n = inject(I18nService);

  set(value: Language): void {
    this.i18n.setLanguage(value);
  }
}
