import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { readDotEnv } from '../config/dotenv';
import { dataSourceOptions } from './data-source-options';

// Entry for the TypeORM CLI only (migration:generate/run/revert). The server builds its own.
const env = {
  OPSTAGE_SESSION_SECRET: 'cli-placeholder-secret-not-used-for-anything',
  ...readDotEnv(process.cwd()),
  ...process.env,
};
const config = loadConfig(env);

export default new DataSource(dataSourceOptions({ databasePath: config.databasePath }));
