import { MigrationInterface, QueryRunner } from 'typeorm';

/** Students' contact fields, student imports (the file kept for resumable jobs, per-row errors) and the personal-data audit trail. */
export class SchoolsImportsAudit1764300200000 implements MigrationInterface {
  name = 'SchoolsImportsAudit1764300200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `students` ADD `phone` varchar(20) NOT NULL DEFAULT ''");
    await queryRunner.query("ALTER TABLE `students` ADD `email` varchar(254) NOT NULL DEFAULT ''");
    await queryRunner.query(
      `CREATE TABLE \`audit_events\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`occurred_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`actor_user_id\` int UNSIGNED NULL, \`actor_role\` varchar(20) NOT NULL, \`action\` enum ('read', 'create', 'update') NOT NULL, \`student_id\` int UNSIGNED NOT NULL, \`fields\` varchar(100) NOT NULL, \`import_id\` int UNSIGNED NULL, INDEX \`IDX_audit_events_actor\` (\`actor_user_id\`, \`id\`), INDEX \`IDX_audit_events_student\` (\`student_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`imports\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`kind\` enum ('students', 'competencies') NOT NULL, \`school_id\` int UNSIGNED NOT NULL, \`created_by\` int UNSIGNED NOT NULL, \`status\` enum ('queued', 'running', 'completed', 'failed') NOT NULL DEFAULT 'queued', \`file_name\` varchar(255) NOT NULL DEFAULT '', \`content\` longtext NOT NULL, \`content_sha256\` char(64) NOT NULL, \`total_rows\` int UNSIGNED NOT NULL DEFAULT '0', \`next_row\` int UNSIGNED NOT NULL DEFAULT '0', \`created_count\` int UNSIGNED NOT NULL DEFAULT '0', \`updated_count\` int UNSIGNED NOT NULL DEFAULT '0', \`unchanged_count\` int UNSIGNED NOT NULL DEFAULT '0', \`rejected_count\` int UNSIGNED NOT NULL DEFAULT '0', \`failure\` varchar(500) NOT NULL DEFAULT '', \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`finished_at\` datetime(3) NULL, INDEX \`IDX_imports_school\` (\`school_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`import_row_errors\` (\`import_id\` int UNSIGNED NOT NULL, \`row_number\` int UNSIGNED NOT NULL, \`field\` varchar(50) NOT NULL, \`reason\` varchar(255) NOT NULL, PRIMARY KEY (\`import_id\`, \`row_number\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`imports\` ADD CONSTRAINT \`FK_imports_school\` FOREIGN KEY (\`school_id\`) REFERENCES \`schools\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`import_row_errors\` ADD CONSTRAINT \`FK_import_row_errors_import\` FOREIGN KEY (\`import_id\`) REFERENCES \`imports\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`import_row_errors\` DROP FOREIGN KEY \`FK_import_row_errors_import\``,
    );
    await queryRunner.query(`ALTER TABLE \`imports\` DROP FOREIGN KEY \`FK_imports_school\``);
    await queryRunner.query(`DROP TABLE \`import_row_errors\``);
    await queryRunner.query(`DROP INDEX \`IDX_imports_school\` ON \`imports\``);
    await queryRunner.query(`DROP TABLE \`imports\``);
    await queryRunner.query(`DROP INDEX \`IDX_audit_events_student\` ON \`audit_events\``);
    await queryRunner.query(`DROP INDEX \`IDX_audit_events_actor\` ON \`audit_events\``);
    await queryRunner.query(`DROP TABLE \`audit_events\``);
    await queryRunner.query('ALTER TABLE `students` DROP COLUMN `email`');
    await queryRunner.query('ALTER TABLE `students` DROP COLUMN `phone`');
  }
}
