import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { REDIS_CLIENT } from '../../common/redis/redis.module';
import { authConfig, AuthConfig } from '../../config/configuration';
import { AuthException } from './auth.exception';

/**
 * Counts failed logins per email in Redis (shared by all API replicas). The count is kept
 * for any email, registered or not, so a 429 reveals nothing about which emails exist.
 * If Redis is down, login fails closed (503) rather than allowing unlimited guessing.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
  ) {}

  async assertAllowed(email: string): Promise<void> {
    const key = this.key(email);
    const [count, ttl] = await this.guard(async () =>
      Promise.all([this.redis.get(key), this.redis.ttl(key)]),
    );
    if (Number(count ?? 0) >= this.config.loginMaxFailures) {
      throw AuthException.tooManyAttempts(Math.max(ttl, 1));
    }
  }

  async recordFailure(email: string): Promise<void> {
    const key = this.key(email);
    await this.guard(async () => {
      const failures = await this.redis.incr(key);
      if (failures === 1) {
        await this.redis.expire(key, this.config.loginFailureWindowSeconds);
      }
    });
  }

  async reset(email: string): Promise<void> {
    await this.guard(() => this.redis.del(this.key(email)));
  }

  private key(email: string): string {
    // Hashed so Redis never holds the email addresses people typed.
    return `login-failures:${createHash('sha256').update(email.toLowerCase()).digest('hex')}`;
  }

  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch {
      throw AuthException.throttleUnavailable();
    }
  }
}
