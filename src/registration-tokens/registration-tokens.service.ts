import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/context/request-context';
import { REGISTRATION_TOKEN_PREFIX, TokenService } from '../common/crypto/token-service';
import { conflict, notFound } from '../common/errors/domain-error';
import { Page } from '../common/http/envelope';
import { pageRequest, pagination } from '../common/http/pagination.dto';
import { IdGenerator } from '../common/ids/id-generator';
import type { BatchOutcome } from '../database/batches';
import { TransactionRunner } from '../database/transaction-runner';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import {
  DEFAULT_TOKEN_TTL_SECONDS,
  type CreateRegistrationTokenDto,
  type ListRegistrationTokensQueryDto,
} from './dto/registration-token.dto';
import type { RegistrationTokenEntity } from './registration-token.entity';
import { displayStatus, toRegistrationTokenResponse } from './registration-token.mapper';
import { RegistrationTokensRepository } from './registration-tokens.repository';
import type { Tx } from '../database/transaction';
import type { CreatedRegistrationTokenResponse, RegistrationTokenResponse } from '../contracts';

/** Why a registration token could not be used; only the audit row sees it (one 401 for all). */
export type TokenRejection =
  | 'malformed'
  | 'unknown'
  | 'used'
  | 'revoked'
  | 'expired'
  | 'agent_code_mismatch'
  | 'agent_code_taken';

export type TokenCheck =
  | { ok: true; token: RegistrationTokenEntity }
  | { ok: false; reason: TokenRejection; tokenId: string | null };

@Injectable()
export class RegistrationTokensService {
  constructor(
    private readonly tokens: RegistrationTokensRepository,
    private readonly tokenService: TokenService,
    private readonly ids: IdGenerator,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  async create(ctx: RequestContext, dto: CreateRegistrationTokenDto): Promise<CreatedRegistrationTokenResponse> {
    const raw = this.tokenService.generate(REGISTRATION_TOKEN_PREFIX);
    const ttl = dto.expiresInSeconds === undefined ? DEFAULT_TOKEN_TTL_SECONDS : dto.expiresInSeconds;
    const row: RegistrationTokenEntity = {
      id: this.ids.next('tok'),
      workspaceId: DEFAULT_WORKSPACE_ID,
      name: dto.name ?? 'Default registration token',
      tokenHash: this.tokenService.hash(raw),
      status: 'ACTIVE',
      agentCode: dto.agentCode ?? null,
      agentId: null,
      createdByUserId: ctx.principal.kind === 'user' ? ctx.principal.id : null,
      expiresAt: ttl === null ? null : new Date(ctx.now.getTime() + ttl * 1000).toISOString(),
      usedAt: null,
      revokedAt: null,
      createdAt: ctx.nowIso,
      updatedAt: ctx.nowIso,
    };
    await this.tx.run(async (em) => {
      await this.tokens.insert(row, em);
      await this.audit.record(
        ctx,
        {
          action: 'registration_token.created',
          targetType: 'RegistrationToken',
          targetId: row.id,
          metadata: { name: row.name, expiresAt: row.expiresAt, agentCode: row.agentCode },
        },
        em,
      );
    });
    return { ...toRegistrationTokenResponse(row, ctx.nowIso), token: raw, rawToken: raw };
  }

  async list(ctx: RequestContext, query: ListRegistrationTokensQueryDto): Promise<Page<RegistrationTokenResponse>> {
    const req = pageRequest(query);
    const { rows, total } = await this.tokens.list({
      status: query.status,
      nowIso: ctx.nowIso,
      offset: req.offset,
      limit: req.pageSize,
    });
    return new Page(
      rows.map((r) => toRegistrationTokenResponse(r, ctx.nowIso)),
      pagination(req, total),
    );
  }

  /** 404 before anything is written; only a usable (ACTIVE, unexpired) token can be revoked (docs/design/decisions.md,
   * "Registration token lifetime and revoke"). */
  async revoke(ctx: RequestContext, id: string): Promise<RegistrationTokenResponse> {
    return this.tx.run(async (em) => {
      const row = await this.getOrThrow(id, em);
      const patch = { status: 'REVOKED' as const, revokedAt: ctx.nowIso, updatedAt: ctx.nowIso };
      if (
        displayStatus(row, ctx.nowIso) !== 'ACTIVE' ||
        !(await this.tokens.transitionFromActive(id, patch, null, em))
      ) {
        throw conflict('REGISTRATION_TOKEN_NOT_ACTIVE', 'Only ACTIVE registration tokens can be revoked.', {
          status: displayStatus(row, ctx.nowIso),
        });
      }
      await this.audit.record(
        ctx,
        {
          action: 'registration_token.revoked',
          targetType: 'RegistrationToken',
          targetId: id,
          metadata: { name: row.name },
        },
        em,
      );
      return toRegistrationTokenResponse({ ...row, ...patch }, ctx.nowIso);
    });
  }

  /**
   * Only REVOKED and EXPIRED tokens can be deleted. An ACTIVE one must be revoked first; a USED one
   * is the record of which token registered which agent, so it stays.
   */
  async delete(ctx: RequestContext, id: string): Promise<RegistrationTokenResponse> {
    return this.tx.run(async (em) => {
      const row = await this.getOrThrow(id, em);
      const status = displayStatus(row, ctx.nowIso);
      if (status === 'ACTIVE' || status === 'USED') {
        const message =
          status === 'ACTIVE'
            ? 'ACTIVE registration tokens cannot be deleted; revoke it first.'
            : 'USED registration tokens cannot be deleted: they record which token registered which agent.';
        throw conflict('REGISTRATION_TOKEN_NOT_DELETABLE', message, { status });
      }
      await this.tokens.delete(id, em);
      await this.audit.record(
        ctx,
        {
          action: 'registration_token.deleted',
          targetType: 'RegistrationToken',
          targetId: id,
          metadata: { name: row.name, status },
        },
        em,
      );
      return toRegistrationTokenResponse(row, ctx.nowIso);
    });
  }

  /** Checks a raw token for use by `agentCode` (read only; `consume` makes it single-use). */
  async check(raw: string, agentCode: string, nowIso: string, em: Tx): Promise<TokenCheck> {
    if (!raw.startsWith(REGISTRATION_TOKEN_PREFIX)) return { ok: false, reason: 'malformed', tokenId: null };
    const token = await this.tokens.findByHash(this.tokenService.hash(raw), em);
    if (!token) return { ok: false, reason: 'unknown', tokenId: null };
    if (token.status === 'USED') return { ok: false, reason: 'used', tokenId: token.id };
    if (token.status === 'REVOKED' || token.revokedAt) return { ok: false, reason: 'revoked', tokenId: token.id };
    if (token.status === 'EXPIRED' || (token.expiresAt !== null && token.expiresAt < nowIso))
      return { ok: false, reason: 'expired', tokenId: token.id };
    if (token.agentCode !== null && token.agentCode !== agentCode)
      return { ok: false, reason: 'agent_code_mismatch', tokenId: token.id };
    return { ok: true, token };
  }

  /** The once-only ACTIVE → USED transition (docs/design/decisions.md, "Once-only transitions"); false when another request won. */
  consume(tokenId: string, agentId: string, nowIso: string, em: Tx): Promise<boolean> {
    return this.tokens.transitionFromActive(
      tokenId,
      { status: 'USED', agentId, usedAt: nowIso, updatedAt: nowIso },
      nowIso,
      em,
    );
  }

  /** Sweep step, one batch in its own transaction: ACTIVE tokens past `expiresAt` become EXPIRED. */
  expireDue(nowIso: string, limit: number): Promise<BatchOutcome> {
    return this.tx.run((em) => this.tokens.expireDue(nowIso, limit, em));
  }

  private async getOrThrow(id: string, em: Tx): Promise<RegistrationTokenEntity> {
    const row = await this.tokens.findById(id, em);
    if (!row) throw notFound('REGISTRATION_TOKEN_NOT_FOUND', 'Registration token not found.');
    return row;
  }
}
