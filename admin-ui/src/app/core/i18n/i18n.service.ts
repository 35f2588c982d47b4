import { Injectable, computed, signal } from '@angular/core';
import { EN, TranslationKey } from './en';
import { ZH } from './zh';

export type Language = 'en-US' | 'zh-CN';
export const LANGUAGES: readonly Language[] = ['en-US', 'zh-CN'];
export const LANGUAGE_STORAGE_KEY = 'opstage.language';
export type TranslationParams = Record<string, string | number | null | undefined>;

const DICTIONARIES: Record<Language, Record<TranslationKey, string>> = { 'en-US': EN, 'zh-CN': ZH };

function isLanguage(value: unknown): value is Language {
  return value === 'en-US' || value === 'zh-CN';
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Stored choice if valid, else zh-CN when the browser language starts with "zh", else en-US (docs/console.md,
 * "Screens, themes, languages"). */
export function initialLanguage(): Language {
  const stored = storage()?.getItem(LANGUAGE_STORAGE_KEY);
  if (isLanguage(stored)) {
    return stored;
  }
  const nav = typeof navigator === 'undefined' ? '' : navigator.language || '';
  return nav.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
}

export function interpolate(template: string, params?: TranslationParams): string {
  if (!params) {
    return template;
  }
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

/** Small signal-based translation service: `t('key', {name})`; templates use the `t` pipe. */
@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly langSig = signal<Language>(initialLanguage());
  readonly language = this.langSig.asReadonly();
  readonly dictionary = computed(() => DICTIONARIES[this.langSig()]);

  constructor() {
    this.applyDocumentLang(this.langSig());
  }

  setLanguage(lang: Language): void {
    this.langSig.set(lang);
    storage()?.setItem(LANGUAGE_STORAGE_KEY, lang);
    this.applyDocumentLang(lang);
  }

  /** Looks up `key` (current language → en-US → the key itself) and fills `{placeholders}`. */
  t(key: string, params?: TranslationParams): string {
    const dict: Record<string, string> = this.dictionary();
    const fallback: Record<string, string> = EN;
    const template = dict[key] ?? fallback[key] ?? key;
    return interpolate(template, params);
  }

  /** Translates a key if it exists, else returns `fallback` (used for server enum values). */
  tOr(key: string, fallback: string, params?: TranslationParams): string {
    const dict: Record<string, string> = this.dictionary();
    return key in dict ? interpolate(dict[key] ?? fallback, params) : fallback;
  }

  private applyDocumentLang(lang: Language): void {
    if (typeof document !== 'undefined') {
      document.documentElement.lang = lang === 'zh-CN' ? 'zh-CN' : 'en';
    }
  }
}
