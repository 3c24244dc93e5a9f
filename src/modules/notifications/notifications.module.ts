import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NOTIFICATIONS_QUEUE } from './notifications.constants';
import { NotificationsController } from './notifications.controller';
import { OutboxEvent } from './outbox-event.entity';
import { OutboxService } from './outbox.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([OutboxEvent]),
    BullModule.registerQueue({ name: NOTIFICATIONS_QUEUE }),
  ],
  controllers: [NotificationsController],
  providers: [OutboxService],
  // OutboxService.record is called inside other features' transactions (placements, rounds);
  // the queue is shared with the worker module's relay.
  exports: [OutboxService, BullModule],
})
export class NotificationsModule {}
