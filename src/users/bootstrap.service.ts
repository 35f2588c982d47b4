import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuditService } from '../audit/audit.service';
import { RequestContext } from '../common/context/request-context';
import { PasswordHasher } from '../common/crypto/password-hasher';
import { IdGenerator } from '../common/ids/id-generator';
import { Clock } from '../common/time/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import { WorkspaceRepository } from '../workspaces/workspace.repository';
import { UsersRepository } from './users.repository';

export class BootstrapError extends Error {}

/**
 * First start: the default workspace, and the owner from OPSTAGE_ADMIN_USERNAME/PASSWORD when no
 * user exists at all. Later starts never touch users, so a changed env never overwrites a password.
 */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('bootstrap');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly workspaces: WorkspaceRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const ctx = RequestContext.system(this.clock);
    // Hash outside the transaction: it is slow and needs no lock.
    const needsOwner = (await this.users.count()) === 0;
    if (needsOwner && (!this.config.adminUsername || !this.config.adminPassword)) {
      await this.tx.run((tx) => this.workspaces.ensureDefault(ctx.nowIso, tx));
      throw new BootstrapError(
        'No admin user exists. Set OPSTAGE_ADMIN_USERNAME and OPSTAGE_ADMIN_PASSWORD for first bootstrap.',
      );
    }
    const passwordHash =
      needsOwner && this.config.adminPassword ? await this.hasher.hash(this.config.adminPassword) : undefined;
    await this.tx.run(async (em) => {
      await this.workspaces.ensureDefault(ctx.nowIso, em);
      if (!passwordHash || !this.config.adminUsername || (await this.users.count(em)) > 0) return;
      const id = this.ids.next('usr');
      await this.users.insert(
        {
          id,
          workspaceId: DEFAULT_WORKSPACE_ID,
          username: this.config.adminUsername,
          passwordHash,
          displayName: 'Administrator',
          role: 'owner',
          status: 'ACTIVE',
          lastLoginAt: null,
          createdAt: ctx.nowIso,
          updatedAt: ctx.nowIso,
        },
        em,
      );
      await this.audit.record(
        ctx,
        {
          action: 'system.bootstrap.completed',
          targetType: 'User',
          targetId: id,
          metadata: { username: this.config.adminUsername },
        },
        em,
      );
      this.logger.log({ msg: 'bootstrap owner created', username: this.config.adminUsername });
    });
  }
}
