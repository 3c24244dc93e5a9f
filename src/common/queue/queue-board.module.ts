import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import Bull, { type Queue } from 'bull';
import { AuthModule } from '../../modules/auth/auth.module';
import { UsersModule } from '../../modules/users/users.module';
import {
  createQueueBoardRouter,
  QUEUE_BOARD_PATH,
  QueueBoardAuth,
  queueBoardGuard,
} from './queue-board';
import { QueueBoardController } from './queue-board.controller';

/** Bull Board at /admin/queues for admins, and the session call that opens it in a browser. */
@Module({
  imports: [DiscoveryModule, AuthModule, UsersModule],
  controllers: [QueueBoardController],
  providers: [QueueBoardAuth],
})
export class QueueBoardModule implements NestModule {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: QueueBoardAuth,
  ) {}

  /** Nest calls this for the HTTP app only: the worker, an application context, has no board. */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(queueBoardGuard(this.auth), createQueueBoardRouter(this.appQueues()))
      // One route for the board's page and everything under it ("/admin/queues", "/admin/queues/…").
      .forRoutes({ path: `${QUEUE_BOARD_PATH}{/*path}`, method: RequestMethod.ALL });
  }

  /** Every Bull queue any module registered, once each: a new feature queue shows up by itself. */
  private appQueues(): Queue[] {
    const byName = new Map<string, Queue>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (instance instanceof Bull && !byName.has(instance.name)) {
        byName.set(instance.name, instance);
      }
    }
    return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
