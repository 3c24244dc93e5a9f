import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row naming this database: a random id made by its first migration. Queue keys in Redis
 * carry it, so a database that is recreated or restored from a backup (whose ids start over)
 * never meets the Bull jobs of another one in the same Redis.
 */
@Entity('app_instance')
export class AppInstance {
  @PrimaryColumn({ type: 'tinyint', unsigned: true })
  id: number;

  @Column({ name: 'instance_id', type: 'char', length: 36 })
  instanceId: string;
}
