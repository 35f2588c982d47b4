import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { findPage } from '../database/list-query';
import { TransactionRunner } from '../database/transaction-runner';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import { UserEntity } from './user.entity';
import { usernameKey } from './username-key';
import type { Tx } from '../database/transaction';
import type { Role, UserStatus } from '../contracts';

export interface UserListFilter {
  role?: Role;
  status?: UserStatus;
  q?: string;
}

/** `%`, `_` and the escape char itself are literal in `q` (the reference let them act as wildcards). */
export function likeContains(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

@Injectable()
export class UsersRepository {
  constructor(private readonly tx: TransactionRunner) {}

  count(em: EntityManager = this.tx.manager): Promise<number> {
    return em.count(UserEntity);
  }

  findById(id: string, em: EntityManager = this.tx.manager): Promise<UserEntity | null> {
    return em.findOne(UserEntity, { where: { id } });
  }

  /** The exact spelling first, then any spelling with the same `usernameKey` (case, width, NFKC). */
  async findByUsername(username: string, em: EntityManager = this.tx.manager): Promise<UserEntity | null> {
    return (
      (await em.findOne(UserEntity, { where: { username } })) ??
      em.findOne(UserEntity, { where: { usernameKey: usernameKey(username) } })
    );
  }

  /** `usernameKey` is derived here, so no caller can store a name without its comparison form. */
  async insert(user: Omit<UserEntity, 'usernameKey'>, em: Tx): Promise<void> {
    await em.insert(UserEntity, { ...user, usernameKey: usernameKey(user.username) });
  }

  async update(id: string, patch: Partial<Omit<UserEntity, 'id'>>, em: Tx): Promise<void> {
    await em.update(UserEntity, { id }, patch);
  }

  countActiveOwners(em: EntityManager = this.tx.manager): Promise<number> {
    return em.count(UserEntity, { where: { workspaceId: DEFAULT_WORKSPACE_ID, role: 'owner', status: 'ACTIVE' } });
  }

  /** Newest first; `id` (a ULID) breaks ties within one millisecond so pages never overlap. */
  async list(
    filter: UserListFilter,
    offset: number,
    limit: number,
    em: EntityManager = this.tx.manager,
  ): Promise<[UserEntity[], number]> {
    const qb = em.createQueryBuilder(UserEntity, 'u').where('u.workspaceId = :ws', { ws: DEFAULT_WORKSPACE_ID });
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.status) qb.andWhere('u.status = :status', { status: filter.status });
    if (filter.q) {
      qb.andWhere(
        "(LOWER(u.username) LIKE LOWER(:q) ESCAPE '\\' OR LOWER(COALESCE(u.displayName, '')) LIKE LOWER(:q) ESCAPE '\\')",
        {
          q: likeContains(filter.q),
        },
      );
    }
    return findPage(qb.orderBy('u.createdAt', 'DESC').addOrderBy('u.id', 'DESC'), offset, limit);
  }
}
