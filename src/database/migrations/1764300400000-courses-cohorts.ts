import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Courses and the units they teach, cohorts with their seat counter, enrolments (one active per
 * student and cohort) and the awards completing a cohort made. courses.provider_company_id has
 * no foreign key on purpose (see Course.providerCompanyId).
 */
export class CoursesCohorts1764300400000 implements MigrationInterface {
  name = 'CoursesCohorts1764300400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`courses\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`code\` varchar(32) NOT NULL, \`title\` varchar(200) NOT NULL, \`provider_type\` enum ('school', 'training_centre', 'company') NOT NULL, \`provider_name\` varchar(200) NOT NULL, \`provider_school_id\` int UNSIGNED NULL, \`provider_company_id\` int UNSIGNED NULL, \`hours\` smallint UNSIGNED NOT NULL, \`description\` varchar(2000) NOT NULL DEFAULT '', \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE INDEX \`UQ_courses_code\` (\`code\`), INDEX \`IDX_courses_title\` (\`title\`), INDEX \`IDX_courses_provider_school\` (\`provider_school_id\`), INDEX \`IDX_courses_provider_company\` (\`provider_company_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`cohorts\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`course_id\` int UNSIGNED NOT NULL, \`name\` varchar(150) NOT NULL, \`start_date\` date NOT NULL, \`end_date\` date NOT NULL, \`capacity\` smallint UNSIGNED NOT NULL, \`enrolled_count\` smallint UNSIGNED NOT NULL DEFAULT '0', \`region_code\` char(4) NOT NULL, \`coordinator_id\` int UNSIGNED NOT NULL, \`status\` enum ('planned', 'running', 'completed', 'cancelled') NOT NULL DEFAULT 'planned', \`completed_at\` datetime(3) NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`IDX_cohorts_region\` (\`region_code\`), INDEX \`IDX_cohorts_coordinator_status\` (\`coordinator_id\`, \`status\`), INDEX \`IDX_cohorts_course_start\` (\`course_id\`, \`start_date\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`enrolments\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`cohort_id\` int UNSIGNED NOT NULL, \`student_id\` int UNSIGNED NOT NULL, \`active\` tinyint NULL DEFAULT 1, \`attendance_pct\` tinyint UNSIGNED NULL, \`result\` enum ('competent', 'not_yet_competent') NULL, \`enrolled_by\` int UNSIGNED NOT NULL, \`withdrawn_at\` datetime(3) NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`IDX_enrolments_student\` (\`student_id\`, \`active\`), UNIQUE INDEX \`UQ_enrolments_active\` (\`cohort_id\`, \`student_id\`, \`active\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`cohort_awards\` (\`enrolment_id\` int UNSIGNED NOT NULL, \`unit_code\` varchar(32) NOT NULL, \`cohort_id\` int UNSIGNED NOT NULL, \`student_id\` int UNSIGNED NOT NULL, \`level\` tinyint UNSIGNED NOT NULL, \`previous_level\` tinyint UNSIGNED NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`IDX_cohort_awards_cohort\` (\`cohort_id\`), PRIMARY KEY (\`enrolment_id\`, \`unit_code\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`course_units\` (\`course_id\` int UNSIGNED NOT NULL, \`unit_code\` varchar(32) NOT NULL, \`level\` tinyint UNSIGNED NOT NULL, INDEX \`IDX_course_units_unit\` (\`unit_code\`), PRIMARY KEY (\`course_id\`, \`unit_code\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`courses\` ADD CONSTRAINT \`FK_courses_provider_school\` FOREIGN KEY (\`provider_school_id\`) REFERENCES \`schools\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`cohorts\` ADD CONSTRAINT \`FK_cohorts_course\` FOREIGN KEY (\`course_id\`) REFERENCES \`courses\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`cohorts\` ADD CONSTRAINT \`FK_cohorts_region\` FOREIGN KEY (\`region_code\`) REFERENCES \`regions\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`cohorts\` ADD CONSTRAINT \`FK_cohorts_coordinator\` FOREIGN KEY (\`coordinator_id\`) REFERENCES \`users\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`enrolments\` ADD CONSTRAINT \`FK_enrolments_cohort\` FOREIGN KEY (\`cohort_id\`) REFERENCES \`cohorts\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`enrolments\` ADD CONSTRAINT \`FK_enrolments_student\` FOREIGN KEY (\`student_id\`) REFERENCES \`students\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`cohort_awards\` ADD CONSTRAINT \`FK_cohort_awards_enrolment\` FOREIGN KEY (\`enrolment_id\`) REFERENCES \`enrolments\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`course_units\` ADD CONSTRAINT \`FK_course_units_course\` FOREIGN KEY (\`course_id\`) REFERENCES \`courses\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`course_units\` ADD CONSTRAINT \`FK_course_units_unit\` FOREIGN KEY (\`unit_code\`) REFERENCES \`competency_units\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`course_units\` DROP FOREIGN KEY \`FK_course_units_unit\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`course_units\` DROP FOREIGN KEY \`FK_course_units_course\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`cohort_awards\` DROP FOREIGN KEY \`FK_cohort_awards_enrolment\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`enrolments\` DROP FOREIGN KEY \`FK_enrolments_student\``,
    );
    await queryRunner.query(`ALTER TABLE \`enrolments\` DROP FOREIGN KEY \`FK_enrolments_cohort\``);
    await queryRunner.query(`ALTER TABLE \`cohorts\` DROP FOREIGN KEY \`FK_cohorts_coordinator\``);
    await queryRunner.query(`ALTER TABLE \`cohorts\` DROP FOREIGN KEY \`FK_cohorts_region\``);
    await queryRunner.query(`ALTER TABLE \`cohorts\` DROP FOREIGN KEY \`FK_cohorts_course\``);
    await queryRunner.query(
      `ALTER TABLE \`courses\` DROP FOREIGN KEY \`FK_courses_provider_school\``,
    );
    await queryRunner.query(`DROP INDEX \`IDX_course_units_unit\` ON \`course_units\``);
    await queryRunner.query(`DROP TABLE \`course_units\``);
    await queryRunner.query(`DROP INDEX \`IDX_cohort_awards_cohort\` ON \`cohort_awards\``);
    await queryRunner.query(`DROP TABLE \`cohort_awards\``);
    await queryRunner.query(`DROP INDEX \`UQ_enrolments_active\` ON \`enrolments\``);
    await queryRunner.query(`DROP INDEX \`IDX_enrolments_student\` ON \`enrolments\``);
    await queryRunner.query(`DROP TABLE \`enrolments\``);
    await queryRunner.query(`DROP INDEX \`IDX_cohorts_course_start\` ON \`cohorts\``);
    await queryRunner.query(`DROP INDEX \`IDX_cohorts_coordinator_status\` ON \`cohorts\``);
    await queryRunner.query(`DROP INDEX \`IDX_cohorts_region\` ON \`cohorts\``);
    await queryRunner.query(`DROP TABLE \`cohorts\``);
    await queryRunner.query(`DROP INDEX \`IDX_courses_provider_company\` ON \`courses\``);
    await queryRunner.query(`DROP INDEX \`IDX_courses_provider_school\` ON \`courses\``);
    await queryRunner.query(`DROP INDEX \`IDX_courses_title\` ON \`courses\``);
    await queryRunner.query(`DROP INDEX \`UQ_courses_code\` ON \`courses\``);
    await queryRunner.query(`DROP TABLE \`courses\``);
  }
}
