import { Inject, Injectable } from '@nestjs/common';
import { appConfig, AppConfig } from '../../config/configuration';
import { DELIVERY_TIMEOUT_MS } from './notifications.constants';
import { OutboxRepository } from './outbox.repository';
import { webhookBody } from './outbox.service';

export type DeliveryResult = 'delivered' | 'already_delivered' | 'gone';

/** Thrown for any answer but 2xx (or no answer): the job is retried with backoff. */
export class DeliveryFailed extends Error {}

/** POSTs one outbox row to the webhook and records the outcome on the row. */
@Injectable()
export class WebhookDeliveryService {
  constructor(
    private readonly outbox: OutboxRepository,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  async deliver(outboxId: number): Promise<DeliveryResult> {
    const row = await this.outbox.findById(outboxId);
    if (!row) {
      return 'gone';
    }
    // A job enqueued again after a success whose job record was lost: do not send twice.
    if (row.deliveredAt !== null) {
      return 'already_delivered';
    }
    const url = this.config.webhookUrl;
    if (!url) {
      throw new DeliveryFailed('WEBHOOK_URL is not configured');
    }
    let problem: string;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': row.idempotencyKey,
          'X-SMK-Event': row.type,
        },
        body: JSON.stringify(webhookBody(row)),
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      // Read the body so the connection goes back to the pool.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) {
        await this.outbox.markDelivered(outboxId);
        return 'delivered';
      }
      problem = `HTTP ${response.status}`;
    } catch (error) {
      problem = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    await this.outbox.markFailed(outboxId, problem);
    throw new DeliveryFailed(`event ${row.idempotencyKey} not delivered: ${problem}`);
  }
}
