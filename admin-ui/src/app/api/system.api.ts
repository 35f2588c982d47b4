import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { unwrap } from './api-helpers';
import type { SuccessEnvelope, SystemVersion } from '@opstage/contracts';

@Injectable({ providedIn: 'root' })
export class SystemApi {
  private readonly http = inject(HttpClient);

  version(): Observable<SystemVersion> {
    return this.http.get<SuccessEnvelope<SystemVersion>>('/api/system/version').pipe(unwrap());
  }
}
