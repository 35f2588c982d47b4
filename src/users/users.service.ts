import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/context/request-context';
import { PasswordHasher } from '../common/crypto/password-hasher';
import { conflict, notFound } from '../common/errors/domain-error';
import { Page } from '../common/http/envelope';
import { pageRequest, pagination } from '../common/http/pagination.dto';
import { IdGenerator } from '../common/ids/id-generator';
import { TransactionRunner } from '../database/transaction-runner';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import { CreateUserDto, type ListUsersQueryDto, ResetPasswordDto, UpdateUserDto } from './dto/users.dto';
import { parseBody } from './dto/parse-body';
import type { UserEntity } from './user.entity';
import { toPublicUser } from './users.mapper';
import { UsersRepository } from './users.repository';
import { UserSessions } from './user-sessions.port';
import type { PublicUser } from '../contracts';

/** Owner-only user management (docs/operators.md, "Users (owner only)"); credential or privilege changes end sessions
 * (docs/design/decisions.md, "Sessions in the database"). */
@Injectable()
export class UsersService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly users: UsersRepository,
    private readonly sessions: UserSessions,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
    private readonly ids: IdGenerator,
  ) {}

  async list(_ctx: RequestContext, query: ListUsersQueryDto): Promise<Page<PublicUser>> {
    const page = pageRequest(query);
    const [rows, total] = await this.users.list(
      { role: query.role, status: query.status, q: query.q },
      page.offset,
      page.pageSize,
    );
    return new Page(rows.map(toPublicUser), pagination(page, total));
  }

  async create(ctx: RequestContext, dto: CreateUserDto): Promise<PublicUser> {
    if (await this.users.findByUsername(dto.username)) throw userExists();
    // Hashing is slow and needs no lock, so it happens before the transaction.
    const passwordHash = await this.hasher.hash(dto.password);
    return this.tx.run(async (em) => {
      if (await this.users.findByUsername(dto.username, em)) throw userExists();
      const user: Omit<UserEntity, 'usernameKey'> = {
        id: this.ids.next('usr'),
        workspaceId: DEFAULT_WORKSPACE_ID,
        username: dto.username,
        passwordHash,
        displayName: dto.displayName ?? null,
        role: dto.role ?? 'viewer',
        status: 'ACTIVE',
        lastLoginAt: null,
        createdAt: ctx.nowIso,
        updatedAt: ctx.nowIso,
      };
      await this.users.insert(user, em);
      await this.audit.record(
        ctx,
        {
          action: 'user.created',
          targetType: 'User',
          targetId: user.id,
          metadata: { username: user.username, role: user.role },
        },
        em,
      );
      return toPublicUser(user);
    });
  }

  /** The reference's order: unknown user (404) before the body (422). */
  async update(ctx: RequestContext, userId: string, rawBody: unknown): Promise<PublicUser> {
    await this.requireUser(userId);
    const dto = parseBody(UpdateUserDto, rawBody);
    return this.tx.run(async (em) => {
      const user = await this.users.findById(userId, em);
      if (!user) throw userNotFound();
      const role = dto.role ?? user.role;
      const status = dto.status ?? user.status;
      const losesOwnership =
        user.role === 'owner' && user.status === 'ACTIVE' && (role !== 'owner' || status !== 'ACTIVE');
      if (losesOwnership && (await this.users.countActiveOwners(em)) <= 1) {
        throw conflict('LAST_OWNER_REQUIRED', 'At least one active owner is required.');
      }
      const patch = { displayName: dto.displayName ?? user.displayName, role, status, updatedAt: ctx.nowIso };
      await this.users.update(user.id, patch, em);
      const endSessions = role !== user.role || (status === 'DISABLED' && user.status !== 'DISABLED');
      const sessionsEnded = endSessions ? await this.sessions.revokeAllForUser(user.id, em) : 0;
      await this.audit.record(
        ctx,
        {
          action: 'user.updated',
          targetType: 'User',
          targetId: user.id,
          metadata: { role, status, previousRole: user.role, previousStatus: user.status, sessionsEnded },
        },
        em,
      );
      return toPublicUser({ ...user, ...patch });
    });
  }

  async resetPassword(ctx: RequestContext, userId: string, rawBody: unknown): Promise<PublicUser> {
    await this.requireUser(userId);
    const dto = parseBody(ResetPasswordDto, rawBody);
    const passwordHash = await this.hasher.hash(dto.password);
    return this.tx.run(async (em) => {
      const user = await this.users.findById(userId, em);
      if (!user) throw userNotFound();
      await this.users.update(user.id, { passwordHash, updatedAt: ctx.nowIso }, em);
      const sessionsEnded = await this.sessions.revokeAllForUser(user.id, em);
      await this.audit.record(
        ctx,
        { action: 'user.password.reset', targetType: 'User', targetId: user.id, metadata: { sessionsEnded } },
        em,
      );
      return toPublicUser({ ...user, updatedAt: ctx.nowIso });
    });
  }

  private async requireUser(userId: string): Promise<UserEntity> {
    const user = await this.users.findById(userId);
    if (!user) throw userNotFound();
    return user;
  }
}

const userExists = () => conflict('USER_ALREADY_EXISTS', 'A user with this username already exists.');
const userNotFound = () => notFound('USER_NOT_FOUND', 'User not found.');
