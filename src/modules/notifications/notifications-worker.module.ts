import { Module } from '@nestjs/common';
import { NotificationsModule } from './notifications.module';
import { NotificationsProcessor } from './notifications.processor';
import { OutboxRelay } from './outbox-relay.service';
import { WebhookDeliveryService } from './webhook-delivery.service';

/** The outbox relay and the webhook processor: loaded by the worker (and by tests) only. */
@Module({
  imports: [NotificationsModule],
  providers: [WebhookDeliveryService, NotificationsProcessor, OutboxRelay],
  exports: [OutboxRelay],
})
export class NotificationsWorkerModule {}
