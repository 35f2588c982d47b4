import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ADMIN, enc, toParams, unwrap, unwrapPage } from './api-helpers';
import type { Paged, PublicUser, Role, SuccessEnvelope } from '@opstage/contracts';
import { Query } from './view-types';

export interface CreateUserInput {
  username: string;
  password: string;
  displayName?: string;
  role: Role;
}

export interface UpdateUserInput {
  displayName?: string;
  role?: Role;
  status?: 'ACTIVE' | 'DISABLED';
}

@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  list(query: Query): Observable<Paged<PublicUser>> {
    return this.http
      .get<SuccessEnvelope<PublicUser[]>>(`${ADMIN}/users`, { params: toParams(query) })
      .pipe(unwrapPage());
  }

  create(input: CreateUserInput): Observable<PublicUser> {
    return this.http.post<SuccessEnvelope<PublicUser>>(`${ADMIN}/users`, input).pipe(unwrap());
  }

  update(id: string, input: UpdateUserInput): Observable<PublicUser> {
    return this.http
      .patch<SuccessEnvelope<PublicUser>>(`${ADMIN}/users/${enc(id)}`, input)
      .pipe(unwrap());
  }

  resetPassword(id: string, password: string): Observable<PublicUser> {
    return this.http
      .post<SuccessEnvelope<PublicUser>>(`${ADMIN}/users/${enc(id)}/reset-password`, { password })
      .pipe(unwrap());
  }
}
