import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from './app-config';
import { Clock, SystemClock } from '../common/time/clock';
import { CryptoRandomSource, RandomSource } from '../common/crypto/random-source';
import { IdGenerator } from '../common/ids/id-generator';
import { TokenService } from '../common/crypto/token-service';
import { SecretSealer } from '../common/crypto/secret-sealer';
import { PasswordHasher } from '../common/crypto/password-hasher';

export interface CoreProvidersOptions {
  config: AppConfig;
  clock?: Clock;
  random?: RandomSource;
}

/** Config plus the injected building blocks every module uses (time, ids, randomness, crypto). */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(options: CoreProvidersOptions): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: options.config },
      { provide: Clock, useValue: options.clock ?? new SystemClock() },
      { provide: RandomSource, useValue: options.random ?? new CryptoRandomSource() },
      IdGenerator,
      TokenService,
      {
        provide: SecretSealer,
        useFactory: (random: RandomSource) => new SecretSealer(options.config.sessionSecret, random),
        inject: [RandomSource],
      },
      PasswordHasher,
    ];
    return { module: ConfigModule, providers, exports: providers.map((p) => ('provide' in p ? p.provide : p)) };
  }
}
