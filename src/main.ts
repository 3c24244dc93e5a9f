import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureHttpApp } from './app.setup';
import { logUnhandledRejections } from './common/unhandled-rejections';
import { readEnvironment } from './config/configuration';
import { ConfigValidationError } from './config/env.validation';

async function bootstrap(): Promise<void> {
  const env = readEnvironment();
  const app = await NestFactory.create(AppModule.register({ worker: env.RUN_WORKER }), {
    bufferLogs: true,
  });
  configureHttpApp(app);
  logUnhandledRejections(app.get(Logger));
  await app.listen(env.PORT, '0.0.0.0');
  app
    .get(Logger)
    .log(`API listening on :${env.PORT}${env.RUN_WORKER ? ' (with the queue worker)' : ''}`);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigValidationError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`API failed to start: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
