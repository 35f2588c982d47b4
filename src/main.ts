import 'reflect-metadata';
import type { Server } from 'node:http';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import { readDotEnv } from './config/dotenv';
import { defaultStaticDir, packageInfo } from './config/package-info';
import { createApp } from './create-app';
import { builtInExtensions, loadInstalledExtensions } from './extensions/extension-loader';
import { AppLogger } from './common/logging/app-logger';
import { redactString } from './common/redaction/redact';
import { checkDatabaseReachable, StartupError } from './database/startup-check';

const SHUTDOWN_GRACE_MS = 10_000;

function readConfig(): AppConfig {
  const info = packageInfo();
  // Real environment variables override .env (12-factor); process.env is read only here.
  const env = { ...readDotEnv(process.cwd()), ...process.env };
  try {
    return loadConfig(env, { packageVersion: info.version, defaultStaticDir: defaultStaticDir(info) });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Node's default accept queue (511) overflows when a fleet reconnects at once (after a restart,
 * or thousands of agents starting their long-polls): the kernel drops the connections and agents
 * see resets (bench fleet hold). The kernel caps the value at net.core.somaxconn.
 */
const LISTEN_BACKLOG = 4096;

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = new AppLogger(config.logLevel);
  await checkDatabaseReachable(config);
  // Built-in extensions first, then the installed packages named in OPSTAGE_EXTENSIONS.
  const extensions = [...builtInExtensions(config), ...loadInstalledExtensions(config.extensions)];
  const app = await createApp({ config, extensions }, logger);
  await app.init();
  const server = app.getHttpServer();
  await listen(server, config.port, config.host);
  logger.log({
    msg: 'Opstage CE listening',
    url: `http://${config.host}:${config.port}`,
    version: config.version,
    database: config.databaseKind === 'sqlite' ? config.databasePath : 'postgres',
    replicaId: config.replicaId,
  });

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.log({ msg: 'shutting down', signal });
    // Stop accepting, let in-flight requests finish, then cut what is left (long-polls end early anyway).
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    force.unref();
    app
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error(error instanceof Error ? error : String(error));
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  // StartupError is one safe line already; anything else is masked (a driver message may quote the URL).
  const message =
    error instanceof StartupError
      ? error.message
      : redactString(error instanceof Error ? error.message : String(error));
  process.stderr.write(`Opstage CE failed to start: ${message}\n`);
  process.exit(1);
});
