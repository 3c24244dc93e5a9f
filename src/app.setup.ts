import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { bodyErrorHandler, jsonBodyParser, urlencodedParser } from './common/http/body-parsing';
import { assignRequestId } from './common/http/request-id';
import { appConfig, AppConfig } from './config/configuration';
import { createValidationPipe } from './common/validation/validation.pipe';
import { createOpenApiDocument } from './openapi';

/** Everything main.ts and the e2e tests must set up identically on the HTTP app. */
export function configureHttpApp(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  const config = app.get<AppConfig>(appConfig.KEY);
  const express = app.getHttpAdapter().getInstance() as { set: (k: string, v: unknown) => void };
  express.set('trust proxy', config.trustProxy);
  const server = app.getHttpServer() as Server;
  server.requestTimeout = config.requestTimeoutMs;
  server.headersTimeout = Math.min(config.requestTimeoutMs, 60_000);
  app.use(assignRequestId);
  app.use(helmet());
  if (config.corsOrigins.length > 0) {
    app.enableCors({ origin: config.corsOrigins, exposedHeaders: ['X-Request-Id', 'Retry-After'] });
  }
  // Registered before Nest's own parsers, so Nest keeps this JSON parser and its limits.
  app.use(jsonBodyParser(config.bodyLimitBytes));
  app.use(urlencodedParser);
  app.use(bodyErrorHandler);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  SwaggerModule.setup('docs', app, createOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  app.enableShutdownHooks();
}
