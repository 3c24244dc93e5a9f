import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The regions a round's scope covers, one row each, so the access policy can tell whether a
 * round lies within a region-limited coordinator's regions (a scope with no regions is the
 * whole province: no rows, which no limited coordinator covers). Backfilled from the rounds'
 * scope JSON.
 */
export class MatchingRunRegions1764301100000 implements MigrationInterface {
  name = 'MatchingRunRegions1764301100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`matching_run_regions\` (\`run_id\` int UNSIGNED NOT NULL, \`region_code\` char(4) NOT NULL, PRIMARY KEY (\`run_id\`, \`region_code\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`matching_run_regions\` ADD CONSTRAINT \`FK_matching_run_regions_run\` FOREIGN KEY (\`run_id\`) REFERENCES \`matching_runs\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`matching_run_regions\` ADD CONSTRAINT \`FK_matching_run_regions_region\` FOREIGN KEY (\`region_code\`) REFERENCES \`regions\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    const runs = (await queryRunner.query('SELECT id, scope FROM matching_runs')) as {
      id: number;
      scope: string;
    }[];
    const rows = runs.flatMap((run) => {
      const codes = (JSON.parse(run.scope) as { regionCodes?: string[] }).regionCodes ?? [];
      return [...new Set(codes)].map((code) => [run.id, code]);
    });
    for (let i = 0; i < rows.length; i += 1_000) {
      await queryRunner.query(
        'INSERT IGNORE INTO matching_run_regions (run_id, region_code) VALUES ?',
        [rows.slice(i, i + 1_000)],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`matching_run_regions\` DROP FOREIGN KEY \`FK_matching_run_regions_region\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`matching_run_regions\` DROP FOREIGN KEY \`FK_matching_run_regions_run\``,
    );
    await queryRunner.query(`DROP TABLE \`matching_run_regions\``);
  }
}
