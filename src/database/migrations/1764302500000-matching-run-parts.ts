import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The parts of a round split over workers (one per province under the same-province or
 * same-region policy): each part's status, the worker that took it, its tally and digest.
 */
export class MatchingRunParts1764302500000 implements MigrationInterface {
  name = 'MatchingRunParts1764302500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`matching_run_parts\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`run_id\` int UNSIGNED NOT NULL, \`part_key\` varchar(10) NOT NULL, \`region_codes\` text NOT NULL, \`status\` enum ('queued', 'running', 'done') NOT NULL DEFAULT 'queued', \`attempts\` smallint UNSIGNED NOT NULL DEFAULT '0', \`worker\` varchar(100) NULL, \`students\` int UNSIGNED NOT NULL DEFAULT '0', \`matched\` int UNSIGNED NOT NULL DEFAULT '0', \`digest\` char(32) NULL, \`tally\` mediumtext NULL, \`timings\` text NULL, \`started_at\` datetime(3) NULL, \`finished_at\` datetime(3) NULL, UNIQUE INDEX \`UQ_matching_run_parts_run_part\` (\`run_id\`, \`part_key\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`matching_run_parts\` ADD CONSTRAINT \`FK_matching_run_parts_run\` FOREIGN KEY (\`run_id\`) REFERENCES \`matching_runs\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`matching_run_parts\` DROP FOREIGN KEY \`FK_matching_run_parts_run\``,
    );
    await queryRunner.query(`DROP TABLE \`matching_run_parts\``);
  }
}
