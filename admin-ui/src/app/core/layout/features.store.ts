import { Injectable, computed, inject, signal } from '@angular/core';
import { Observable, catchError, map, of, shareReplay, tap } from 'rxjs';
import { SystemApi } from '../../api/system.api';
import type { SystemVersion } from '@opstage/contracts';

/**
 * Backend facts fetched once: the version (sidebar) and the features the server runs with
 * (`/api/system/version` → `features`). The console asks this store, never a disabled feature's
 * own endpoint, so a page never produces a failed request for a feature that is off.
 */
@Injectable({ providedIn: 'root' })
export class FeaturesStore {
  private readonly systemApi = inject(SystemApi);
  readonly version = signal<SystemVersion | null>(null);
  readonly busEnabled = signal(false);
  /**
   * Whether the SQLite backup button makes sense: not on PostgreSQL, where the endpoint answers 409
   * BACKUP_NOT_SUPPORTED and backups are the operator's pg_dump. Shown while the version is unknown (the
   * server still says why if it refuses).
   */
  readonly sqliteBackup = computed(() => this.version()?.database !== 'postgres');
  private version$: Observable<SystemVersion | null> | null = null;

  loadVersion(): void {
    this.load().subscribe();
  }

  /** Whether the Capsule Bus is on (false while the version cannot be read). Cached. */
  probeBus(): Observable<boolean> {
    return this.load().pipe(map((v) => v?.features.capsuleBus ?? false));
  }

  /** One request shared by every caller; a failed one is tried again on the next call. */
  private load(): Observable<SystemVersion | null> {
    if (!this.version$) {
      this.version$ = this.systemApi.version().pipe(
        tap((v) => {
          this.version.set(v);
          this.busEnabled.set(v.features.capsuleBus);
        }),
        catchError(() => {
          this.version$ = null;
          return of(null);
        }),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.version$;
  }
}
