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
/** The public certificate check, limited per address. */
const VERIFY_PATH = '/api/v1/verify/';
/** Public routes that take a secret (password, set-password token): limited per address. */
const CREDENTIAL_PATHS = new Set(['/api/v1/auth/login', '/api/v1/auth/password/reset']);

function requestOf(context: ExecutionContext): Request & { user?: AuthUser } {
  return context.switchToHttp().getRequest();
}

/**
 * Rate limits kept in Redis, so every API replica counts the same hits: sign-in and
 * set-password attempts per client address, and writes (any method but GET/HEAD/OPTIONS) per signed-in user, or per
 * address before sign-in, and certificate verifications per address. Over the limit: 429 with
 * Retry-After. Other reads are not limited.
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
            skipIf: (context) => !CREDENTIAL_PATHS.has(requestOf(context).path),
          },
          {
            // The public certificate check: per address, so codes cannot be guessed in bulk.
            name: 'verify',
            ttl: MINUTE_MS,
            limit: config.verifyRatePerMinute,
            skipIf: (context) => !requestOf(context).path.startsWith(VERIFY_PATH),
          },
          {
            name: 'writes',
            ttl: MINUTE_MS,
            limit: config.writeRatePerMinute,
            skipIf: (context) => {
              const req = requestOf(context);
              return (
                ['GET', 'HEAD', 'OPTIONS'].includes(req.method) || CREDENTIAL_PATHS.has(req.path)
              );
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
