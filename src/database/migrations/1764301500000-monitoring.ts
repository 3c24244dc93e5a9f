import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monitoring during the apprenticeship: the roles teacher and mentor, a placement's assigned
 * teacher and mentor, the daily journal, attendance, the teacher's visits, the mentor's final
 * assessment and the certificate; competencies reached in an apprenticeship get their source.
 */
export class Monitoring1764301500000 implements MigrationInterface {
  name = 'Monitoring1764301500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`journal_entries\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`placement_id\` int UNSIGNED NOT NULL, \`entry_date\` date NOT NULL, \`activities\` text NOT NULL, \`unit_codes\` varchar(500) NOT NULL DEFAULT '', \`hours\` tinyint UNSIGNED NOT NULL, \`status\` enum ('submitted', 'approved', 'returned') NOT NULL DEFAULT 'submitted', \`mentor_comment\` text NULL, \`reviewed_by\` int UNSIGNED NULL, \`reviewed_at\` datetime(3) NULL, \`teacher_comment\` text NULL, \`commented_by\` int UNSIGNED NULL, \`commented_at\` datetime(3) NULL, \`photo_key\` varchar(120) NULL, \`photo_type\` varchar(20) NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`IDX_journal_entries_status\` (\`status\`, \`placement_id\`), UNIQUE INDEX \`UQ_journal_entries_day\` (\`placement_id\`, \`entry_date\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`attendance_records\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`placement_id\` int UNSIGNED NOT NULL, \`day\` date NOT NULL, \`status\` enum ('hadir', 'izin', 'sakit', 'alpa') NOT NULL, \`note\` varchar(500) NOT NULL DEFAULT '', \`evidence_key\` varchar(120) NULL, \`evidence_type\` varchar(20) NULL, \`confirmed_by\` int UNSIGNED NULL, \`confirmed_at\` datetime(3) NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE INDEX \`UQ_attendance_records_day\` (\`placement_id\`, \`day\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`monitoring_visits\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`placement_id\` int UNSIGNED NOT NULL, \`visited_by\` int UNSIGNED NOT NULL, \`visit_date\` date NOT NULL, \`notes\` text NOT NULL, \`findings\` text NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`IDX_monitoring_visits_placement\` (\`placement_id\`, \`visit_date\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`placement_assessments\` (\`placement_id\` int UNSIGNED NOT NULL, \`assessed_by\` int UNSIGNED NOT NULL, \`discipline\` tinyint UNSIGNED NOT NULL, \`teamwork\` tinyint UNSIGNED NOT NULL, \`initiative\` tinyint UNSIGNED NOT NULL, \`communication\` tinyint UNSIGNED NOT NULL, \`notes\` text NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), PRIMARY KEY (\`placement_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`placement_assessment_units\` (\`placement_id\` int UNSIGNED NOT NULL, \`unit_code\` varchar(32) NOT NULL, \`level\` tinyint UNSIGNED NOT NULL, PRIMARY KEY (\`placement_id\`, \`unit_code\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`certificates\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`placement_id\` int UNSIGNED NOT NULL, \`code\` char(16) NOT NULL, \`status\` enum ('valid', 'revoked') NOT NULL DEFAULT 'valid', \`content\` text NOT NULL, \`issued_at\` datetime(3) NOT NULL, UNIQUE INDEX \`UQ_certificates_placement\` (\`placement_id\`), UNIQUE INDEX \`UQ_certificates_code\` (\`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`placements\` ADD \`teacher_id\` int UNSIGNED NULL`);
    await queryRunner.query(`ALTER TABLE \`placements\` ADD \`mentor_id\` int UNSIGNED NULL`);
    await queryRunner.query(
      `ALTER TABLE \`users\` CHANGE \`role\` \`role\` enum ('admin', 'coordinator', 'school_admin', 'company_admin', 'student', 'teacher', 'mentor') NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE \`student_competencies\` CHANGE \`source\` \`source\` enum ('course', 'assessment', 'certification', 'apprenticeship') NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX \`IDX_placements_teacher\` ON \`placements\` (\`teacher_id\`)`,
    );
    await queryRunner.query(
      `CREATE INDEX \`IDX_placements_mentor\` ON \`placements\` (\`mentor_id\`)`,
    );
    await queryRunner.query(
      `ALTER TABLE \`journal_entries\` ADD CONSTRAINT \`FK_journal_entries_placement\` FOREIGN KEY (\`placement_id\`) REFERENCES \`placements\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`attendance_records\` ADD CONSTRAINT \`FK_attendance_records_placement\` FOREIGN KEY (\`placement_id\`) REFERENCES \`placements\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`monitoring_visits\` ADD CONSTRAINT \`FK_monitoring_visits_placement\` FOREIGN KEY (\`placement_id\`) REFERENCES \`placements\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`placement_assessments\` ADD CONSTRAINT \`FK_placement_assessments_placement\` FOREIGN KEY (\`placement_id\`) REFERENCES \`placements\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`placement_assessment_units\` ADD CONSTRAINT \`FK_placement_assessment_units_assessment\` FOREIGN KEY (\`placement_id\`) REFERENCES \`placement_assessments\`(\`placement_id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`certificates\` ADD CONSTRAINT \`FK_certificates_placement\` FOREIGN KEY (\`placement_id\`) REFERENCES \`placements\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`placements\` ADD CONSTRAINT \`FK_placements_teacher\` FOREIGN KEY (\`teacher_id\`) REFERENCES \`users\`(\`id\`) ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`placements\` ADD CONSTRAINT \`FK_placements_mentor\` FOREIGN KEY (\`mentor_id\`) REFERENCES \`users\`(\`id\`) ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `placements` DROP FOREIGN KEY `FK_placements_mentor`');
    await queryRunner.query('ALTER TABLE `placements` DROP FOREIGN KEY `FK_placements_teacher`');
    await queryRunner.query(
      'ALTER TABLE `certificates` DROP FOREIGN KEY `FK_certificates_placement`',
    );
    await queryRunner.query(
      'ALTER TABLE `placement_assessment_units` DROP FOREIGN KEY `FK_placement_assessment_units_assessment`',
    );
    await queryRunner.query(
      'ALTER TABLE `placement_assessments` DROP FOREIGN KEY `FK_placement_assessments_placement`',
    );
    await queryRunner.query(
      'ALTER TABLE `monitoring_visits` DROP FOREIGN KEY `FK_monitoring_visits_placement`',
    );
    await queryRunner.query(
      'ALTER TABLE `attendance_records` DROP FOREIGN KEY `FK_attendance_records_placement`',
    );
    await queryRunner.query(
      'ALTER TABLE `journal_entries` DROP FOREIGN KEY `FK_journal_entries_placement`',
    );
    await queryRunner.query('DROP INDEX `IDX_placements_mentor` ON `placements`');
    await queryRunner.query('DROP INDEX `IDX_placements_teacher` ON `placements`');
    await queryRunner.query("DELETE FROM `student_competencies` WHERE `source` = 'apprenticeship'");
    await queryRunner.query(
      "ALTER TABLE `student_competencies` CHANGE `source` `source` enum ('course', 'assessment', 'certification') NOT NULL",
    );
    await queryRunner.query("DELETE FROM `users` WHERE `role` IN ('teacher', 'mentor')");
    await queryRunner.query(
      "ALTER TABLE `users` CHANGE `role` `role` enum ('admin', 'coordinator', 'school_admin', 'company_admin', 'student') NOT NULL",
    );
    await queryRunner.query('ALTER TABLE `placements` DROP COLUMN `mentor_id`');
    await queryRunner.query('ALTER TABLE `placements` DROP COLUMN `teacher_id`');
    await queryRunner.query('DROP TABLE `certificates`');
    await queryRunner.query('DROP TABLE `placement_assessment_units`');
    await queryRunner.query('DROP TABLE `placement_assessments`');
    await queryRunner.query('DROP TABLE `monitoring_visits`');
    await queryRunner.query('DROP TABLE `attendance_records`');
    await queryRunner.query('DROP TABLE `journal_entries`');
  }
}
