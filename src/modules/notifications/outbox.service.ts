import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page, toPage } from '../../common/pagination/pagination';
import { ListOutboxQuery } from './dto/outbox-event.dto';
import { OutboxEvent } from './outbox-event.entity';

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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    // ON DUPLICATE KEY rather than INSERT IGNORE: only the duplicate key is ignored, any
    // other problem (a too long key, a broken connection) still fails the caller's transaction.
    await manager.query(
      'INSERT INTO outbox_events (type, idempotency_key, payload) VALUES ? ' +
        'ON DUPLICATE KEY UPDATE id = id',
      [events.map((e) => [e.type, e.key, JSON.stringify(e.payload)])],
    );
  }

  async list(query: ListOutboxQuery): Promise<Page<OutboxEvent>> {
    const qb = this.dataSource.getRepository(OutboxEvent).createQueryBuilder('e');
    if (query.delivered !== undefined) {
      qb.andWhere(query.delivered ? 'e.delivered_at IS NOT NULL' : 'e.delivered_at IS NULL');
    }
    if (query.type) {
      qb.andWhere('e.type = :type', { type: query.type });
    }
    const [rows, total] = await qb
      .orderBy('e.id', 'DESC')
      .skip(query.skip)
      .take(query.pageSize)
      .getManyAndCount();
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
