import { MigrationInterface, QueryRunner } from 'typeorm';

/** The notifications outbox: events written with the change they describe, delivered later. */
export class Outbox1764300500000 implements MigrationInterface {
  name = 'Outbox1764300500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`outbox_events\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`type\` varchar(64) NOT NULL, \`idempotency_key\` varchar(191) NOT NULL, \`payload\` text NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`delivered_at\` datetime(3) NULL, \`attempts\` int UNSIGNED NOT NULL DEFAULT '0', \`last_error\` varchar(500) NULL, UNIQUE INDEX \`UQ_outbox_events_idempotency_key\` (\`idempotency_key\`), INDEX \`IDX_outbox_events_delivered\` (\`delivered_at\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`outbox_events\``);
  }
}
