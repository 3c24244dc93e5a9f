import { MigrationInterface, QueryRunner } from 'typeorm';
import { seedRegions } from '../seeds/regions.seed';

/**
 * The whole country: districts (kecamatan) beside the regions, a `retired` flag for areas the
 * dataset no longer has, and the 38 provinces' 514 regencies/cities and their districts from
 * idn-area-data (re-run with `npm run seed:regions` when the dataset is updated).
 */
export class NationalRegions1764302000000 implements MigrationInterface {
  name = 'NationalRegions1764302000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`regions\` ADD \`retired\` tinyint NOT NULL DEFAULT 0`);
    await queryRunner.query(
      `CREATE TABLE \`districts\` (\`code\` char(6) NOT NULL, \`region_code\` char(4) NOT NULL, \`name\` varchar(100) NOT NULL, \`retired\` tinyint NOT NULL DEFAULT 0, INDEX \`IDX_districts_region\` (\`region_code\`), PRIMARY KEY (\`code\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`districts\` ADD CONSTRAINT \`FK_districts_region\` FOREIGN KEY (\`region_code\`) REFERENCES \`regions\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await seedRegions(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`districts\` DROP FOREIGN KEY \`FK_districts_region\``);
    await queryRunner.query(`DROP TABLE \`districts\``);
    await queryRunner.query(`ALTER TABLE \`regions\` DROP COLUMN \`retired\``);
    // The regions added stay: schools and others may point to them.
  }
}
