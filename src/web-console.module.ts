import { DynamicModule, Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import { ExpressLoader, type ServeStaticModuleOptions } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join, resolve, sep } from 'node:path';

/** The console's build output, web/dist, beside src/ and dist/ alike. */
export const WEB_CONSOLE_DIR = resolve(__dirname, '..', 'web', 'dist');

/** Paths the console never answers: the API, Swagger, health and the queue board stay Nest's. */
export const WEB_CONSOLE_EXCLUDE = [
  '/api{/*path}',
  '/docs{/*path}',
  '/docs-json',
  '/health',
  '/admin{/*path}',
];

/** Hashed assets never change under their name; index.html must be fetched anew every time. */
export function setConsoleCacheHeaders(res: ServerResponse, filePath: string): void {
  const hashed = filePath.includes(`${sep}assets${sep}`);
  res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
}

const OPTIONS = Symbol('WEB_CONSOLE_OPTIONS');

/**
 * Serves the built console at `/`, with index.html for deep links such as /rounds/12, through
 * @nestjs/serve-static's Express loader. The loader is called at module init rather than through
 * ServeStaticModule.forRoot, whose factory picks a no-op loader when the HTTP adapter is not yet
 * known (a testing module compiles before its app exists). Without a build (web/dist missing)
 * or without an HTTP server (the worker), the app runs without the console.
 */
@Module({})
export class WebConsoleModule implements OnModuleInit {
  private readonly logger = new Logger(WebConsoleModule.name);

  constructor(
    @Inject(OPTIONS) private readonly options: ServeStaticModuleOptions | null,
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: ApplicationConfig,
  ) {}

  static register(dir = WEB_CONSOLE_DIR): DynamicModule {
    const built = existsSync(join(dir, 'index.html'));
    const options: ServeStaticModuleOptions | null = built
      ? {
          rootPath: dir,
          exclude: WEB_CONSOLE_EXCLUDE,
          serveStaticOptions: { index: 'index.html', setHeaders: setConsoleCacheHeaders },
        }
      : null;
    return { module: WebConsoleModule, providers: [{ provide: OPTIONS, useValue: options }] };
  }

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) {
      return;
    }
    if (!this.options) {
      this.logger.log(`No console build in ${WEB_CONSOLE_DIR}: serving the API only`);
      return;
    }
    new ExpressLoader().register(adapter, this.config, [this.options]);
  }
}
