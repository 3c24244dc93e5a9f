import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The analytics read a year's graduates by status and region (supply/demand, the rate by
 * region): this index covers that scan, so it never touches the students' rows.
 */
export class AnalyticsIndexes1764300900000 implements MigrationInterface {
  name = 'AnalyticsIndexes1764300900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX `IDX_students_graduation_status_region` ON `students` (`graduation_year`, `status`, `domicile_region_code`)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `IDX_students_graduation_status_region` ON `students`');
  }
}
