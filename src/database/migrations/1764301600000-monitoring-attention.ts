import { MigrationInterface, QueryRunner } from 'typeorm';

/** The "needs attention" list the daily monitoring reminders fill (monitoring_attention). */
export class MonitoringAttention1764301600000 implements MigrationInterface {
  name = 'MonitoringAttention1764301600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`monitoring_attention\` (\`placement_id\` int UNSIGNED NOT NULL, \`journal_missing_days\` smallint UNSIGNED NOT NULL DEFAULT 0, \`last_journal_date\` date NULL, \`unconfirmed_days\` smallint UNSIGNED NOT NULL DEFAULT 0, \`oldest_unconfirmed_day\` date NULL, \`detected_on\` date NOT NULL, \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), PRIMARY KEY (\`placement_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`monitoring_attention\` ADD CONSTRAINT \`FK_monitoring_attention_placement\` FOREIGN KEY (\`placement_id\`) REFERENCES \`placements\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `monitoring_attention` DROP FOREIGN KEY `FK_monitoring_attention_placement`',
    );
    await queryRunner.query('DROP TABLE `monitoring_attention`');
  }
}
