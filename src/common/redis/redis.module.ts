import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { redisConfig, RedisConfig } from '../../config/configuration';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** Closes the shared client after the app has stopped taking requests. */
@Injectable()
class RedisShutdown implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly client: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

/** Boot does not fail when Redis is down (health reports it), but normally waits for it. */
function waitUntilReady(client: Redis, deadlineMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, deadlineMs);
    client.once('ready', done);
    function done(): void {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    }
  });
}

/**
 * One ioredis client for the app's own short commands (login throttling, health).
 * Commands fail fast while Redis is down instead of queueing, so /health can say so.
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [redisConfig.KEY],
      useFactory: async (config: RedisConfig) => {
        const client = new Redis({
          host: config.host,
          port: config.port,
          db: config.db,
          keyPrefix: `${config.prefix}:app:`,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          connectTimeout: 2000,
          retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
        });
        await waitUntilReady(client, 3000);
        return client;
      },
    },
    RedisShutdown,
  ],
  exports: [REDIS_CLIENT],
})
export class RedisModule {}
