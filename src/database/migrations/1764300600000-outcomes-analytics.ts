import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tracer-study outcomes of graduates, indexed for "the latest outcome per graduate". */
export class OutcomesAnalytics1764300600000 implements MigrationInterface {
  name = 'OutcomesAnalytics1764300600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`outcomes\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`student_id\` int UNSIGNED NOT NULL, \`status\` enum ('employed', 'apprenticeship', 'self_employed', 'studying', 'unemployed', 'not_in_labour_force') NOT NULL, \`outcome_date\` date NOT NULL, \`employer_name\` varchar(200) NOT NULL DEFAULT '', \`region_code\` char(4) NULL, \`placement_id\` int UNSIGNED NULL, \`source\` enum ('school', 'student', 'placement', 'import') NOT NULL, \`notes\` varchar(500) NOT NULL DEFAULT '', \`recorded_by\` int UNSIGNED NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE INDEX \`UQ_outcomes_placement\` (\`placement_id\`), INDEX \`IDX_outcomes_student_date\` (\`student_id\`, \`outcome_date\`), UNIQUE INDEX \`UQ_outcomes_student_date_status\` (\`student_id\`, \`outcome_date\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`outcomes\` ADD CONSTRAINT \`FK_outcomes_student\` FOREIGN KEY (\`student_id\`) REFERENCES \`students\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`outcomes\` ADD CONSTRAINT \`FK_outcomes_region\` FOREIGN KEY (\`region_code\`) REFERENCES \`regions\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`outcomes\` ADD CONSTRAINT \`FK_outcomes_placement\` FOREIGN KEY (\`placement_id\`) REFERENCES \`placements\`(\`id\`) ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`outcomes\` DROP FOREIGN KEY \`FK_outcomes_placement\``);
    await queryRunner.query(`ALTER TABLE \`outcomes\` DROP FOREIGN KEY \`FK_outcomes_region\``);
    await queryRunner.query(`ALTER TABLE \`outcomes\` DROP FOREIGN KEY \`FK_outcomes_student\``);
    await queryRunner.query(`DROP INDEX \`UQ_outcomes_student_date_status\` ON \`outcomes\``);
    await queryRunner.query(`DROP INDEX \`IDX_outcomes_student_date\` ON \`outcomes\``);
    await queryRunner.query(`DROP INDEX \`UQ_outcomes_placement\` ON \`outcomes\``);
    await queryRunner.query(`DROP TABLE \`outcomes\``);
  }
}
