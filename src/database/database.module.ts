import { type DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type MigrationInterface } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { dataSourceOptions, postgresDataSourceOptions } from './data-source-options';
import { migrate } from './migrate';
import { TransactionRunner } from './transaction-runner';
import { StorageGuard } from './storage-guard';
import { WalCheckpointer } from './wal-checkpointer';

export interface DatabaseModuleOptions {
  extraEntities?: readonly (abstract new (...args: never[]) => object)[];
  extraMigrations?: readonly (new () => MigrationInterface)[];
}

/**
 * Opens the database (SQLite with WAL, foreign keys and a busy timeout, or a PostgreSQL pool when
 * `DATABASE_URL` names one) and runs migrations before anything else starts.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions = {}): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            if (config.databaseKind === 'postgres' && config.databaseUrl !== undefined) {
              return {
                ...postgresDataSourceOptions({
                  url: config.databaseUrl,
                  poolSize: config.databasePoolSize,
                  replicaId: config.replicaId,
                  extraEntities: options.extraEntities,
                  extraMigrations: options.extraMigrations,
                }),
                // Start-up fails with one clear line instead of retrying for ~30 s; an orchestrator restarts it.
                retryAttempts: 0,
              };
            }
            return {
              ...dataSourceOptions({
                databasePath: config.databasePath,
                extraEntities: options.extraEntities,
                extraMigrations: options.extraMigrations,
                maxSizeBytes: config.databaseMaxBytes,
              }),
              // A local file either opens or it does not: fail the boot at once instead of retrying for ~30 s.
              retryAttempts: 0,
            };
          },
          dataSourceFactory: async (opts) => {
            if (!opts) throw new Error('missing data source options');
            const dataSource = await new DataSource(opts).initialize();
            const ran = await migrate(dataSource);
            if (ran.length > 0) new Logger('database').log({ msg: 'migrations applied', migrations: ran });
            return dataSource;
          },
        }),
      ],
      providers: [TransactionRunner, WalCheckpointer, StorageGuard],
      exports: [TransactionRunner, StorageGuard],
    };
  }
}
