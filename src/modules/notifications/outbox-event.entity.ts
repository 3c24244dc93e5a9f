import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../../database/columns';

/**
 * One event to deliver to the webhook, written in the same transaction as the change it
 * describes (transactional outbox): it exists if and only if the change committed, and it
 * stays here until the receiver has answered 2xx, whatever happens to Redis meanwhile.
 */
@Entity('outbox_events')
// The relay reads the oldest undelivered rows first.
@Index('IDX_outbox_events_delivered', ['deliveredAt', 'id'])
export class OutboxEvent {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  /** One event per key: recording the same key twice keeps the first. */
  @Index('UQ_outbox_events_idempotency_key', { unique: true })
  @Column({ name: 'idempotency_key', type: 'varchar', length: 191 })
  idempotencyKey: string;

  /** The event's data as a JSON string. */
  @Column({ type: 'text' })
  payload: string;

  @CreatedAtColumn()
  createdAt: Date;

  @Column({ name: 'delivered_at', type: 'datetime', precision: 3, nullable: true, default: null })
  deliveredAt: Date | null;

  /** Delivery attempts made so far (successful or not). */
  @Column({ type: 'int', unsigned: true, default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true, default: null })
  lastError: string | null;
}
