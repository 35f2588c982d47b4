import { Injectable, inject, signal } from '@angular/core';
import { Observable, catchError, map, of, shareReplay } from 'rxjs';
import { BusApi } from '../../api/bus.api';
import { SystemApi } from '../../api/system.api';
import { SystemVersion } from '../../api/models/domain';

/** Backend facts fetched once per session: version (sidebar) and whether the Capsule Bus is on. */
@Injectable({ providedIn: 'root' })
export class FeaturesStore {
  private readonly systemApi = inject(SystemApi);
  private readonly busApi = inject(BusApi);
  readonly version = signal<SystemVersion | null>(null);
  readonly busEnabled = signal(false);
  private bus$: Observable<boolean> | null = null;
  private versionRequested = false;

  loadVersion(): void {
    if (this.versionRequested) {
      return;
    }
    this.versionRequested = true;
    this.systemApi.version().subscribe({
      next: (v) => this.version.set(v),
      error: () => {
        this.versionRequested = false;
      },
    });
  }

  /** True unless the API answers 404 CAPSULE_BUS_DISABLED (or the probe fails). Cached. */
  probeBus(): Observable<boolean> {
    if (!this.bus$) {
      this.bus$ = this.busApi.routes({ page: 1, pageSize: 1 }).pipe(
        map(() => true),
        catchError(() => of(false)),
        map((enabled) => {
          this.busEnabled.set(enabled);
          return enabled;
        }),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.bus$;
  }

  reset(): void {
    this.bus$ = null;
    this.busEnabled.set(false);
  }
}
