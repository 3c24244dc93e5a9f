import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { DELIVER_EVENT_JOB, DeliverEventJob, NOTIFICATIONS_QUEUE } from './notifications.constants';
import { DeliveryResult, WebhookDeliveryService } from './webhook-delivery.service';

@Processor(NOTIFICATIONS_QUEUE)
export class NotificationsProcessor {
  private readonly logger = new Logger(NotificationsProcessor.name);

  constructor(private readonly delivery: WebhookDeliveryService) {}

  // Several at once: each job mostly waits on the receiver.
  @Process({ name: DELIVER_EVENT_JOB, concurrency: 4 })
  async handle(job: Job<DeliverEventJob>): Promise<DeliveryResult> {
    const outboxId = Number(job.data?.outboxId);
    if (!Number.isInteger(outboxId) || outboxId < 1) {
      // A malformed job stays malformed: no retry.
      await job.discard();
      throw new Error(`notifications job ${job.id} has no valid outboxId`);
    }
    const started = Date.now();
    const result = await this.delivery.deliver(outboxId);
    this.logger.log(
      `outbox event ${outboxId}: ${result} in ${Date.now() - started} ms (attempt ${job.attemptsMade + 1})`,
    );
    return result;
  }
}
