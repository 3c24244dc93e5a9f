import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { redisConfig, RedisConfig } from '../../config/configuration';
import { readInstanceId } from '../../database/app-instance.repository';

/**
 * Bull's shared Redis connection. Feature modules register their queues with the names in
 * their own `*.constants.ts`; processors live in the feature's worker module.
 * Keys are `<QUEUE_PREFIX>:<database instance>:bull:...`: job ids derived from row ids can
 * never collide with another database's (a recreated or restored one) in the same Redis.
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [redisConfig.KEY, DataSource],
      useFactory: async (config: RedisConfig, dataSource: DataSource) => {
        const instanceId = await readInstanceId(dataSource);
        if (!instanceId) {
          throw new Error(
            'app_instance is empty: run the migrations first (npm run migration:run)',
          );
        }
        return {
          redis: {
            host: config.host,
            port: config.port,
            db: config.db,
            // Back within a second of Redis (ioredis's default backoff left jobs un-enqueued
            // for 5–8 s after a Redis restart).
            retryStrategy: (attempt: number) => Math.min(attempt * 200, 1_000),
          },
          prefix: `${config.prefix}:${instanceId.slice(0, 8)}:bull`,
        };
      },
    }),
  ],
})
export class QueueModule {}
