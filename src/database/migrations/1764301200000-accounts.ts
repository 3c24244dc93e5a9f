import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts: users get a display name (existing users get their email's local part), admins
 * issue one-time set-password tokens, and the audit trail records password changes and resets
 * (an account event names the user it is about instead of a student).
 */
export class Accounts1764301200000 implements MigrationInterface {
  name = 'Accounts1764301200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `users` ADD `name` varchar(100) NULL');
    await queryRunner.query(
      "UPDATE `users` SET `name` = LEFT(SUBSTRING_INDEX(`email`, '@', 1), 100)",
    );
    await queryRunner.query('ALTER TABLE `users` MODIFY `name` varchar(100) NOT NULL');
    await queryRunner.query(
      `CREATE TABLE \`password_reset_tokens\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`user_id\` int UNSIGNED NOT NULL, \`token_hash\` char(64) NOT NULL, \`issued_by\` int UNSIGNED NOT NULL, \`expires_at\` datetime(3) NOT NULL, \`used_at\` datetime(3) NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`IDX_password_reset_tokens_user\` (\`user_id\`), UNIQUE INDEX \`UQ_password_reset_tokens_hash\` (\`token_hash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`password_reset_tokens\` ADD CONSTRAINT \`FK_password_reset_tokens_user\` FOREIGN KEY (\`user_id\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      'ALTER TABLE `audit_events` MODIFY `student_id` int UNSIGNED NULL DEFAULT NULL',
    );
    await queryRunner.query(
      'ALTER TABLE `audit_events` ADD `subject_user_id` int UNSIGNED NULL DEFAULT NULL AFTER `student_id`',
    );
    await queryRunner.query(
      "ALTER TABLE `audit_events` MODIFY `action` enum ('read', 'create', 'update', 'password_change', 'password_reset_issue', 'password_reset') NOT NULL",
    );
    await queryRunner.query(
      'CREATE INDEX `IDX_audit_events_subject_user` ON `audit_events` (`subject_user_id`, `id`)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `IDX_audit_events_subject_user` ON `audit_events`');
    await queryRunner.query('DELETE FROM `audit_events` WHERE `student_id` IS NULL');
    await queryRunner.query(
      "ALTER TABLE `audit_events` MODIFY `action` enum ('read', 'create', 'update') NOT NULL",
    );
    await queryRunner.query('ALTER TABLE `audit_events` DROP COLUMN `subject_user_id`');
    await queryRunner.query('ALTER TABLE `audit_events` MODIFY `student_id` int UNSIGNED NOT NULL');
    await queryRunner.query(
      'ALTER TABLE `password_reset_tokens` DROP FOREIGN KEY `FK_password_reset_tokens_user`',
    );
    await queryRunner.query('DROP TABLE `password_reset_tokens`');
    await queryRunner.query('ALTER TABLE `users` DROP COLUMN `name`');
  }
}
