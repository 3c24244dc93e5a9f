import { ExecutionContext, Injectable, Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import {
  ThrottlerException,
  ThrottlerGuard,
  ThrottlerModule,
  ThrottlerRequest,
} from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { Request } from 'express';
import type Redis from 'ioredis';
import { appConfig, AppConfig } from '../../config/configuration';
import type { AuthUser } from '../auth/auth-user';
import { REDIS_CLIENT } from '../redis/redis.module';
import { ContentTypeGuard } from './content-type.guard';

const MINUTE_MS = 60_000;
const LOGIN_PATH = '/api/v1/auth/login';

function requestOf(context: ExecutionContext): Request & { user?: AuthUser } {
  return context.switchToHttp().getRequest();
}

/**
 * Rate limits kept in Redis, so every API replica counts the same hits: sign-in attempts per
 * client address, and writes (any method but GET/HEAD/OPTIONS) per signed-in user, or per
 * address before sign-in. Over the limit: 429 with Retry-After. Reads are not limited.
 * If Redis is away the limits are not enforced (the request is let through and logged)
 * rather than refusing every write.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly log = new Logger(RateLimitGuard.name);

  protected override async handleRequest(requestProps: ThrottlerRequest): Promise<boolean> {
    try {
      return await super.handleRequest(requestProps);
    } catch (error) {
      if (error instanceof ThrottlerException) {
        throw error;
      }
      this.log.warn(`rate limits not enforced, the store failed: ${(error as Error).message}`);
      return true;
    }
  }

  protected override getTracker(req: Request & { user?: AuthUser }): Promise<string> {
    return Promise.resolve(req.user ? `user:${req.user.id}` : `ip:${req.ip ?? 'unknown'}`);
  }

  /** One count per limit and client across every route (not per route). */
  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    name: string,
  ): string {
    return `rate:${name}:${tracker}`;
  }

  /** Both limits answer the standard header, whatever their name. */
  protected override setResponseHeader(
    res: { header: (name: string, value: string | number) => unknown },
    name: string,
    value: string | number,
  ): void {
    res.header(name.startsWith('Retry-After') ? 'Retry-After' : name, value);
  }
}

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [appConfig.KEY, REDIS_CLIENT],
      useFactory: (config: AppConfig, redis: Redis) => ({
        storage: new ThrottlerStorageRedisService(redis),
        throttlers: [
          {
            name: 'login',
            ttl: MINUTE_MS,
            limit: config.loginRatePerMinute,
            skipIf: (context) => requestOf(context).path !== LOGIN_PATH,
          },
          {
            name: 'writes',
            ttl: MINUTE_MS,
            limit: config.writeRatePerMinute,
            skipIf: (context) => {
              const req = requestOf(context);
              return ['GET', 'HEAD', 'OPTIONS'].includes(req.method) || req.path === LOGIN_PATH;
            },
          },
        ],
      }),
    }),
  ],
  providers: [
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: ContentTypeGuard },
  ],
})
export class HttpEdgeModule {}
