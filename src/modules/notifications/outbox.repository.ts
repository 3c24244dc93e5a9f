import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { scopeList } from '../../common/access/access-policy';
import type { AuthUser } from '../../common/auth/auth-user';
import type { ListOutboxQuery } from './dto/outbox-event.dto';
import { OutboxEvent } from './outbox-event.entity';

/** Every query on the outbox_events table. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(OutboxEvent);
  }

  /**
   * One multi-row insert in the caller's transaction. ON DUPLICATE KEY rather than INSERT
   * IGNORE: only the duplicate key is ignored, any other problem (a too long key, a broken
   * connection) still fails the caller's transaction.
   */
  async insertAll(
    manager: EntityManager,
    rows: { type: string; key: string; payload: string }[],
  ): Promise<void> {
    await manager.query(
      'INSERT INTO outbox_events (type, idempotency_key, payload) VALUES ? ' +
        'ON DUPLICATE KEY UPDATE id = id',
      [rows.map((e) => [e.type, e.key, e.payload])],
    );
  }

  /** A page of the events the user may see (the access policy's scope), newest first. */
  page(query: ListOutboxQuery, user: AuthUser): Promise<[OutboxEvent[], number]> {
    const qb = this.repo().createQueryBuilder('e');
    if (query.delivered !== undefined) {
      qb.andWhere(query.delivered ? 'e.delivered_at IS NOT NULL' : 'e.delivered_at IS NULL');
    }
    if (query.type) {
      qb.andWhere('e.type = :type', { type: query.type });
    }
    scopeList(qb, user, 'notification', 'e');
    return qb.orderBy('e.id', 'DESC').skip(query.skip).take(query.pageSize).getManyAndCount();
  }

  /** The oldest undelivered ids. */
  async undeliveredIds(limit: number): Promise<number[]> {
    const rows = await this.repo().find({
      select: { id: true },
      where: { deliveredAt: IsNull() },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((r) => Number(r.id));
  }

  async isUndelivered(id: number): Promise<boolean> {
    return this.repo().exists({ where: { id, deliveredAt: IsNull() } });
  }

  findById(id: number): Promise<OutboxEvent | null> {
    return this.repo().findOneBy({ id });
  }

  async markDelivered(id: number): Promise<void> {
    await this.repo()
      .createQueryBuilder()
      .update(OutboxEvent)
      .set({
        deliveredAt: () => 'CURRENT_TIMESTAMP(3)',
        attempts: () => 'attempts + 1',
        lastError: null,
      })
      .where('id = :id AND delivered_at IS NULL', { id })
      .execute();
  }

  async markFailed(id: number, problem: string): Promise<void> {
    await this.repo()
      .createQueryBuilder()
      .update(OutboxEvent)
      .set({ attempts: () => 'attempts + 1', lastError: problem.slice(0, 500) })
      .where('id = :id', { id })
      .execute();
  }
}
