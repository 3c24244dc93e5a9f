import { MigrationInterface, QueryRunner } from 'typeorm';

/** Matching rounds, their proposals and unmatched students; students' and companies' rankings. */
export class MatchingRounds1764300700000 implements MigrationInterface {
  name = 'MatchingRounds1764300700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`matching_runs\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`status\` enum ('queued', 'running', 'completed', 'failed', 'cancelled') NOT NULL DEFAULT 'queued', \`stage\` varchar(20) NOT NULL DEFAULT 'queued', \`progress\` tinyint UNSIGNED NOT NULL DEFAULT '0', \`mode\` enum ('stable', 'optimal') NOT NULL, \`scope\` text NOT NULL, \`options\` text NOT NULL, \`offer_days\` smallint UNSIGNED NOT NULL DEFAULT '7', \`stats\` mediumtext NULL, \`timings\` text NULL, \`error\` varchar(1000) NULL, \`created_by\` int UNSIGNED NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`started_at\` datetime(3) NULL, \`finished_at\` datetime(3) NULL, \`published_at\` datetime(3) NULL, INDEX \`IDX_matching_runs_status\` (\`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`matching_proposals\` (\`run_id\` int UNSIGNED NOT NULL, \`student_id\` int UNSIGNED NOT NULL, \`slot_id\` int UNSIGNED NOT NULL, \`school_id\` int UNSIGNED NOT NULL, \`company_id\` int UNSIGNED NOT NULL, \`score\` decimal(8,6) NOT NULL, \`rank\` smallint UNSIGNED NULL, \`explanation\` text NOT NULL, INDEX \`IDX_matching_proposals_run_company\` (\`run_id\`, \`company_id\`), INDEX \`IDX_matching_proposals_run_school\` (\`run_id\`, \`school_id\`), INDEX \`IDX_matching_proposals_run_slot\` (\`run_id\`, \`slot_id\`), PRIMARY KEY (\`run_id\`, \`student_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`matching_unmatched\` (\`run_id\` int UNSIGNED NOT NULL, \`student_id\` int UNSIGNED NOT NULL, \`school_id\` int UNSIGNED NOT NULL, \`reason_code\` varchar(30) NOT NULL, \`slot_id\` int UNSIGNED NULL, \`company_id\` int UNSIGNED NULL, \`reason\` text NOT NULL, INDEX \`IDX_matching_unmatched_run_school\` (\`run_id\`, \`school_id\`), PRIMARY KEY (\`run_id\`, \`student_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`student_preferences\` (\`student_id\` int UNSIGNED NOT NULL, \`rank\` tinyint UNSIGNED NOT NULL, \`slot_id\` int UNSIGNED NOT NULL, UNIQUE INDEX \`UQ_student_preferences_slot\` (\`student_id\`, \`slot_id\`), PRIMARY KEY (\`student_id\`, \`rank\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`slot_rankings\` (\`slot_id\` int UNSIGNED NOT NULL, \`rank\` smallint UNSIGNED NOT NULL, \`student_id\` int UNSIGNED NOT NULL, UNIQUE INDEX \`UQ_slot_rankings_student\` (\`slot_id\`, \`student_id\`), PRIMARY KEY (\`slot_id\`, \`rank\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`student_preferences\` ADD CONSTRAINT \`FK_student_preferences_student\` FOREIGN KEY (\`student_id\`) REFERENCES \`students\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`student_preferences\` ADD CONSTRAINT \`FK_student_preferences_slot\` FOREIGN KEY (\`slot_id\`) REFERENCES \`slots\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`slot_rankings\` ADD CONSTRAINT \`FK_slot_rankings_slot\` FOREIGN KEY (\`slot_id\`) REFERENCES \`slots\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`slot_rankings\` ADD CONSTRAINT \`FK_slot_rankings_student\` FOREIGN KEY (\`student_id\`) REFERENCES \`students\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`slot_rankings\` DROP FOREIGN KEY \`FK_slot_rankings_student\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`slot_rankings\` DROP FOREIGN KEY \`FK_slot_rankings_slot\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`student_preferences\` DROP FOREIGN KEY \`FK_student_preferences_slot\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`student_preferences\` DROP FOREIGN KEY \`FK_student_preferences_student\``,
    );
    await queryRunner.query(`DROP INDEX \`UQ_slot_rankings_student\` ON \`slot_rankings\``);
    await queryRunner.query(`DROP TABLE \`slot_rankings\``);
    await queryRunner.query(
      `DROP INDEX \`UQ_student_preferences_slot\` ON \`student_preferences\``,
    );
    await queryRunner.query(`DROP TABLE \`student_preferences\``);
    await queryRunner.query(
      `DROP INDEX \`IDX_matching_unmatched_run_school\` ON \`matching_unmatched\``,
    );
    await queryRunner.query(`DROP TABLE \`matching_unmatched\``);
    await queryRunner.query(
      `DROP INDEX \`IDX_matching_proposals_run_slot\` ON \`matching_proposals\``,
    );
    await queryRunner.query(
      `DROP INDEX \`IDX_matching_proposals_run_school\` ON \`matching_proposals\``,
    );
    await queryRunner.query(
      `DROP INDEX \`IDX_matching_proposals_run_company\` ON \`matching_proposals\``,
    );
    await queryRunner.query(`DROP TABLE \`matching_proposals\``);
    await queryRunner.query(`DROP INDEX \`IDX_matching_runs_status\` ON \`matching_runs\``);
    await queryRunner.query(`DROP TABLE \`matching_runs\``);
  }
}
