import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { redisConfig, RedisConfig } from '../../config/configuration';

/**
 * Bull's shared Redis connection. Feature modules register their queues with the names in
 * their own `*.constants.ts`; processors live in the feature's worker module.
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [redisConfig.KEY],
      useFactory: (config: RedisConfig) => ({
        redis: { host: config.host, port: config.port, db: config.db },
        prefix: `${config.prefix}:bull`,
      }),
    }),
  ],
})
export class QueueModule {}
