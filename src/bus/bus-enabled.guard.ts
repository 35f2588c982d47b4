import { type CanActivate, Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * The feature flag. Applied with `@UseGuards` on the bus controllers, so it runs after the
 * global PolicyGuard (session 401 → CSRF 403 → role 403, or agent bearer 401/403) and before
 * body validation: with the flag off, an authorised caller always gets 404 CAPSULE_BUS_DISABLED.
 */
@Injectable()
export class BusEnabledGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(): boolean {
    if (!this.config.busEnabled) {
      throw new DomainError(
        'CAPSULE_BUS_DISABLED',
        'Capsule Bus is experimental and disabled. Set OPSTAGE_CAPSULE_BUS_ENABLED=true to enable controlled trials.',
      );
    }
    return true;
  }
}
