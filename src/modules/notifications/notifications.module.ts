import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NOTIFICATIONS_QUEUE } from './notifications.constants';
import { NotificationsController } from './notifications.controller';
import { OutboxEvent } from './outbox-event.entity';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([OutboxEvent]),
    BullModule.registerQueue({ name: NOTIFICATIONS_QUEUE }),
  ],
  controllers: [NotificationsController],
  providers: [OutboxService, OutboxRepository],
  // OutboxService.record is called inside other features' transactions (placements, rounds);
  // the queue is shared with the worker module's relay.
  // The repository is exported for this folder's worker module only.
  exports: [OutboxService, OutboxRepository, BullModule],
})
export class NotificationsModule {}
