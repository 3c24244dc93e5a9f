import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { Page, toPage } from '../../common/pagination/pagination';
import { ListOutboxQuery } from './dto/outbox-event.dto';
import type { OutboxEvent } from './outbox-event.entity';
import { OutboxRepository } from './outbox.repository';

export interface OutboxEventInput {
  /** e.g. `placement.accepted` */
  type: string;
  /** The idempotency key: one event per key, ever (e.g. `placement.accepted:42`). */
  key: string;
  payload: Record<string, unknown>;
}

/** The body POSTed to the webhook; also what the admin list shows. */
export interface WebhookBody {
  id: string;
  idempotencyKey: string;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

@Injectable()
export class OutboxService {
  constructor(private readonly outbox: OutboxRepository) {}

  /**
   * Writes the event with the caller's transaction manager, so it commits or rolls back with
   * the change it describes. A key already recorded is kept as it was (a retried transition,
   * or a deadlock retry of the caller's transaction, writes nothing twice).
   */
  async record(manager: EntityManager, event: OutboxEventInput): Promise<void> {
    await this.recordAll(manager, [event]);
  }

  /** Many events in one multi-row insert (a published round announces thousands of offers). */
  async recordAll(manager: EntityManager, events: OutboxEventInput[]): Promise<void> {
    if (events.length === 0) {
      return;
    }
    await this.outbox.insertAll(
      manager,
      events.map((e) => ({ type: e.type, key: e.key, payload: JSON.stringify(e.payload) })),
    );
  }

  async list(query: ListOutboxQuery, user: AuthUser): Promise<Page<OutboxEvent>> {
    const [rows, total] = await this.outbox.page(query, user);
    return toPage(rows, total, query);
  }
}

export function webhookBody(row: OutboxEvent): WebhookBody {
  return {
    id: row.idempotencyKey,
    idempotencyKey: row.idempotencyKey,
    type: row.type,
    occurredAt: row.createdAt.toISOString(),
    data: JSON.parse(row.payload) as Record<string, unknown>,
  };
}
