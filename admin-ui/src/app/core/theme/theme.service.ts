import { Injectable, computed, signal } from '@angular/core';

export type ThemeMode = 'system' | 'light' | 'dark';
export const THEME_STORAGE_KEY = 'opstage.theme';
const MODES: readonly ThemeMode[] = ['system', 'light', 'dark'];

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function initialTheme(): ThemeMode {
  const stored = storage()?.getItem(THEME_STORAGE_KEY);
  return MODES.includes(stored as ThemeMode) ? (stored as ThemeMode) : 'system';
}

/** The next mode of the header toggle: system → light → dark → system. */
export function nextTheme(mode: ThemeMode): ThemeMode {
  return MODES[(MODES.indexOf(mode) + 1) % MODES.length] ?? 'system';
}

/**
 * Light, dark, or the system setting (default). Every colour is a `light-dark()` pair (Material's
 * tokens and ours in styles.scss), so switching only sets `color-scheme` through a class on <html>.
 */
@Injectable({ providedIn: 'root' })
export class ThemeService {
  private readonly modeSig = signal<ThemeMode>(initialTheme());
  readonly mode = this.modeSig.asReadonly();
  private readonly systemDark = signal(
    typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches,
  );
  /** What is on screen now. */
  readonly dark = computed(
    () => this.modeSig() === 'dark' || (this.modeSig() === 'system' && this.systemDark()),
  );

  constructor() {
    if (typeof matchMedia === 'function') {
      matchMedia('(prefers-color-scheme: dark)').addEventListener('change', (e) =>
        this.systemDark.set(e.matches),
      );
    }
    this.apply(this.modeSig());
  }

  set(mode: ThemeMode): void {
    this.modeSig.set(mode);
    if (mode === 'system') storage()?.removeItem(THEME_STORAGE_KEY);
    else storage()?.setItem(THEME_STORAGE_KEY, mode);
    this.apply(mode);
  }

  cycle(): void {
    this.set(nextTheme(this.modeSig()));
  }

  private apply(mode: ThemeMode): void {
    if (typeof document === 'undefined') return;
    const root = document.documentElement;
    root.classList.toggle('theme-light', mode === 'light');
    root.classList.toggle('theme-dark', mode === 'dark');
  }
}
