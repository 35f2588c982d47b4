import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { bearerToken } from '../agent-gateway/agent-authenticator';
import { LoginThrottle } from '../auth/login-throttle';
import { CapsuleServicesService } from '../capsule-services/capsule-services.service';
import { CommandQueriesService } from '../commands/command-queries.service';
import { ApiTokenAuthenticator } from '../common/auth/authenticators';
import type { ApiTokenPrincipal } from '../common/auth/principal';
import { roleAtLeast } from '../common/auth/role';
import { clientIp } from '../common/context/request-context';
import { TokenService } from '../common/crypto/token-service';
import { DomainError, unauthorized } from '../common/errors/domain-error';
import { Clock } from '../common/time/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { UsersRepository } from '../users/users.repository';
import type { ApiTokenEntity } from './api-token.entity';
import { scopeOf } from './api-token.mapper';
import { ApiTokensRepository } from './api-tokens.repository';
import { API_TOKEN_PREFIX } from './api-tokens.service';

/** `lastUsedAt` is written at most this often per token, so a busy script does not write on every request. */
export const API_TOKEN_LAST_USED_THROTTLE_MS = 60_000;

/**
 * `Authorization: Bearer opstage_api_…` on the admin API (docs/api-tokens-and-cli.md): looked up by SHA-256 (the
 * secret is 256 random bits, so a fast hash is enough), compared in constant time, then checked for revocation,
 * expiry and, for a user's token, that user being ACTIVE; the role is capped at the user's current role. Bad tokens
 * spend the login throttle's address budget.
 */
@Injectable()
export class HashedApiTokenAuthenticator extends ApiTokenAuthenticator {
  constructor(
    private readonly tokens: ApiTokensRepository,
    private readonly users: UsersRepository,
    private readonly tokenService: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly services: CapsuleServicesService,
    private readonly commands: CommandQueriesService,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {
    super();
  }

  presents(req: Request): boolean {
    return /^\s*bearer(\s|$)/i.test(req.header('authorization') ?? '');
  }

  async authenticate(req: Request): Promise<ApiTokenPrincipal> {
    const ip = clientIp(req);
    await this.throttle.assertAddressOpen(ip);
    const raw = bearerToken(req.header('authorization'));
    const hash = raw?.startsWith(API_TOKEN_PREFIX) ? this.tokenService.hash(raw) : null;
    const row = hash === null ? null : await this.tokens.findByHash(hash);
    if (!row || hash === null || !this.tokenService.safeEqual(row.tokenHash, hash)) {
      await this.throttle.addressFailed(ip);
      throw unauthorized('Invalid API token.');
    }
    const nowMs = this.clock.nowMs();
    const nowIso = new Date(nowMs).toISOString();
    if (row.status === 'REVOKED') throw new DomainError('API_TOKEN_REVOKED', 'This API token was revoked.');
    if (row.expiresAt <= nowIso) throw new DomainError('API_TOKEN_EXPIRED', 'This API token has expired.');
    const role = await this.effectiveRole(row);
    await this.noteUse(row, nowMs, ip);
    return { kind: 'api-token', id: row.id, name: row.name, role, userId: row.userId, scope: scopeOf(row) };
  }

  async assertInScope(principal: ApiTokenPrincipal, target: { serviceId?: string; commandId?: string }): Promise<void> {
    if (principal.scope === null) return;
    const serviceId =
      target.serviceId ?? (target.commandId ? await this.commands.serviceIdOf(target.commandId) : undefined);
    // An unknown target is left to the route, which answers 404 as it would for anyone.
    if (serviceId === undefined || serviceId === null) return;
    if ((await this.services.labelsMatch(serviceId, principal.scope)) === false)
      throw new DomainError('API_TOKEN_OUT_OF_SCOPE', 'This token is not allowed to use this service.', {
        serviceId,
      });
  }

  /** A user's token never acts above that user's current role, and stops with the user. */
  private async effectiveRole(row: ApiTokenEntity): Promise<ApiTokenPrincipal['role']> {
    if (row.userId === null) return row.role;
    const user = await this.users.findById(row.userId);
    if (!user || user.status !== 'ACTIVE') throw unauthorized('The user of this API token is disabled or gone.');
    return roleAtLeast(user.role, row.role) ? row.role : 'viewer';
  }

  private async noteUse(row: ApiTokenEntity, nowMs: number, ip: string | null): Promise<void> {
    const last = row.lastUsedAt === null ? Number.NaN : Date.parse(row.lastUsedAt);
    if (!Number.isNaN(last) && nowMs - last < API_TOKEN_LAST_USED_THROTTLE_MS) return;
    await this.tx.run((em) => this.tokens.touch(row.id, new Date(nowMs).toISOString(), ip, em));
  }
}
