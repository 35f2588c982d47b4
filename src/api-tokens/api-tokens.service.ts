import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { roleAtLeast } from '../common/auth/role';
import type { RequestContext } from '../common/context/request-context';
import { TokenService } from '../common/crypto/token-service';
import { conflict, DomainError, notFound, validationFailed } from '../common/errors/domain-error';
import { Page } from '../common/http/envelope';
import { pageRequest, pagination } from '../common/http/pagination.dto';
import { IdGenerator } from '../common/ids/id-generator';
import type { BatchOutcome } from '../database/batches';
import { TransactionRunner } from '../database/transaction-runner';
import { UsersRepository } from '../users/users.repository';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import type { ApiTokenEntity } from './api-token.entity';
import { displayStatus, toApiTokenResponse } from './api-token.mapper';
import { ApiTokensRepository } from './api-tokens.repository';
import { DEFAULT_API_TOKEN_DAYS, type CreateApiTokenDto, type ListApiTokensQueryDto } from './dto/api-token.dto';
import type { ApiTokenLabel, ApiTokenResponse, CreatedApiTokenResponse } from '../contracts';

export const API_TOKEN_PREFIX = 'opstage_api_';
const DAY_MS = 86_400_000;

/** Creating, listing and revoking API tokens; every step audited (docs/api-tokens-and-cli.md). */
@Injectable()
export class ApiTokensService {
  constructor(
    private readonly tokens: ApiTokensRepository,
    private readonly users: UsersRepository,
    private readonly tokenService: TokenService,
    private readonly ids: IdGenerator,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  async create(ctx: RequestContext, dto: CreateApiTokenDto): Promise<CreatedApiTokenResponse> {
    if ((dto.userId === undefined) === (dto.serviceAccount === undefined)) {
      throw validationFailed(
        [{ path: 'userId', message: 'give exactly one of userId and serviceAccount' }],
        'API token validation failed.',
      );
    }
    if (dto.userId !== undefined) {
      const user = await this.users.findById(dto.userId);
      if (!user || user.status !== 'ACTIVE')
        throw new DomainError('API_TOKEN_USER_INVALID', 'The user does not exist or is disabled.', {
          issues: [{ path: 'userId', message: 'no ACTIVE user with this id' }],
        });
      if (!roleAtLeast(user.role, dto.role))
        throw new DomainError('API_TOKEN_USER_INVALID', 'A token cannot carry more than its user’s role.', {
          issues: [{ path: 'role', message: `the user is ${user.role}` }],
        });
    }
    const raw = this.tokenService.generate(API_TOKEN_PREFIX);
    const scope = parseScope(dto.scope);
    const row: ApiTokenEntity = {
      id: this.ids.next('atk'),
      workspaceId: DEFAULT_WORKSPACE_ID,
      name: dto.name,
      tokenHash: this.tokenService.hash(raw),
      hint: raw.slice(-4),
      role: dto.role,
      subjectType: dto.userId !== undefined ? 'USER' : 'SERVICE_ACCOUNT',
      userId: dto.userId ?? null,
      serviceAccount: dto.serviceAccount ?? null,
      scopeJson: scope === null ? null : JSON.stringify(scope),
      status: 'ACTIVE',
      expiresAt: new Date(ctx.now.getTime() + (dto.expiresInDays ?? DEFAULT_API_TOKEN_DAYS) * DAY_MS).toISOString(),
      lastUsedAt: null,
      lastUsedIp: null,
      createdByUserId: ctx.principal.kind === 'user' ? ctx.principal.id : null,
      revokedAt: null,
      createdAt: ctx.nowIso,
      updatedAt: ctx.nowIso,
    };
    await this.tx.run(async (em) => {
      await this.tokens.insert(row, em);
      await this.audit.record(
        ctx,
        {
          action: 'api_token.created',
          targetType: 'ApiToken',
          targetId: row.id,
          metadata: {
            name: row.name,
            role: row.role,
            userId: row.userId,
            serviceAccount: row.serviceAccount,
            scope,
            expiresAt: row.expiresAt,
          },
        },
        em,
      );
    });
    return { ...toApiTokenResponse(row, ctx.nowIso), token: raw };
  }

  /** The user a token acts for (`null` for a service account or a token gone), so four-eyes knows the requester. */
  async userIdOf(tokenId: string): Promise<string | null> {
    return (await this.tokens.findById(tokenId))?.userId ?? null;
  }

  async list(ctx: RequestContext, query: ListApiTokensQueryDto): Promise<Page<ApiTokenResponse>> {
    const req = pageRequest(query);
    const { rows, total } = await this.tokens.list({
      status: query.status,
      nowIso: ctx.nowIso,
      offset: req.offset,
      limit: req.pageSize,
    });
    return new Page(
      rows.map((r) => toApiTokenResponse(r, ctx.nowIso)),
      pagination(req, total),
    );
  }

  /** Only an ACTIVE, unexpired token can be revoked; the next request with it is 401 `API_TOKEN_REVOKED`. */
  async revoke(ctx: RequestContext, id: string): Promise<ApiTokenResponse> {
    return this.tx.run(async (em) => {
      const row = await this.tokens.findById(id, em);
      if (!row) throw notFound('API_TOKEN_NOT_FOUND', 'API token not found.', { tokenId: id });
      if (!(await this.tokens.revoke(id, ctx.nowIso, em)))
        throw conflict('API_TOKEN_NOT_ACTIVE', 'Only ACTIVE API tokens can be revoked.', {
          status: displayStatus(row, ctx.nowIso),
        });
      await this.audit.record(
        ctx,
        { action: 'api_token.revoked', targetType: 'ApiToken', targetId: id, metadata: { name: row.name } },
        em,
      );
      const revoked = { ...row, status: 'REVOKED' as const, revokedAt: ctx.nowIso, updatedAt: ctx.nowIso };
      return toApiTokenResponse(revoked, ctx.nowIso);
    });
  }

  /** Sweep step, one batch in its own transaction: tokens revoked or expired before the cutoff are deleted. */
  purgeStale(cutoffIso: string, limit: number): Promise<BatchOutcome> {
    return this.tx.run((em) => this.tokens.purgeBatch(cutoffIso, limit, em));
  }
}

function parseScope(items: readonly string[] | undefined): ApiTokenLabel[] | null {
  if (items === undefined || items.length === 0) return null;
  return items.map((item) => {
    const at = item.indexOf(':');
    return { key: item.slice(0, at), value: item.slice(at + 1) };
  });
}
