import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monitoring at a province's scale: running totals per placement for the reports
 * (monitoring_totals, filled from the rows already there), and an index for the daily
 * reminders' search of attendance still unconfirmed.
 */
export class MonitoringTotals1764301700000 implements MigrationInterface {
  name = 'MonitoringTotals1764301700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`monitoring_totals\` (\`placement_id\` int UNSIGNED NOT NULL, \`attendance_days\` int NOT NULL DEFAULT 0, \`attendance_present\` int NOT NULL DEFAULT 0, \`journals_waiting\` int NOT NULL DEFAULT 0, PRIMARY KEY (\`placement_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE INDEX \`IDX_attendance_records_unconfirmed\` ON \`attendance_records\` (\`placement_id\`, \`confirmed_at\`, \`day\`)`,
    );
    await queryRunner.query(
      `ALTER TABLE \`monitoring_totals\` ADD CONSTRAINT \`FK_monitoring_totals_placement\` FOREIGN KEY (\`placement_id\`) REFERENCES \`placements\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO monitoring_totals (placement_id, attendance_days, attendance_present)
       SELECT placement_id, COUNT(*), SUM(status = 'hadir') FROM attendance_records GROUP BY placement_id`,
    );
    await queryRunner.query(
      `INSERT INTO monitoring_totals (placement_id, journals_waiting)
       SELECT placement_id, COUNT(*) FROM journal_entries WHERE status = 'submitted' GROUP BY placement_id
       ON DUPLICATE KEY UPDATE journals_waiting = VALUES(journals_waiting)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `monitoring_totals` DROP FOREIGN KEY `FK_monitoring_totals_placement`',
    );
    await queryRunner.query(
      'DROP INDEX `IDX_attendance_records_unconfirmed` ON `attendance_records`',
    );
    await queryRunner.query('DROP TABLE `monitoring_totals`');
  }
}
