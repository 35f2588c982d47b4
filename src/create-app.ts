import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule, type AppModuleOptions } from './app.module';
import { configureApp } from './app.setup';
import { EnvelopeExpressAdapter } from './common/http/envelope';
import { AppLogger } from './common/logging/app-logger';

/** Builds the configured (not yet listening) application; used by main.ts and the tests. */
export async function createApp(
  options: AppModuleOptions,
  logger = new AppLogger(options.config.logLevel),
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(options),
    new EnvelopeExpressAdapter(),
    { logger, bodyParser: false, abortOnError: false },
  );
  configureApp(app, options.config);
  return app;
}
