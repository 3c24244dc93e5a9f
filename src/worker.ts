import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { logUnhandledRejections } from './common/unhandled-rejections';
import { ConfigValidationError } from './config/env.validation';

/** The queue worker: Bull processors only, no HTTP listener. SIGTERM lets the running job end. */
async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule.register({ worker: true }), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  logUnhandledRejections(app.get(Logger));
  app.enableShutdownHooks();
  app.get(Logger).log('Worker started');
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigValidationError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Worker failed to start: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
