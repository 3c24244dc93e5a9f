import { MigrationInterface, QueryRunner } from 'typeorm';

/** Outcome CSVs go through the imports table (file in MySQL, checkpointed), like students. */
export class ImportsOutcomesKind1764301000000 implements MigrationInterface {
  name = 'ImportsOutcomesKind1764301000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE `imports` CHANGE `kind` `kind` enum ('students', 'competencies', 'outcomes') NOT NULL",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The narrower enum cannot hold them; their outcomes stay in the outcomes table.
    await queryRunner.query("DELETE FROM `imports` WHERE `kind` = 'outcomes'");
    await queryRunner.query(
      "ALTER TABLE `imports` CHANGE `kind` `kind` enum ('students', 'competencies') NOT NULL",
    );
  }
}
