import { MigrationInterface, QueryRunner } from 'typeorm';
import { seedBantenRegions } from '../seeds/regions.seed';

/** Users, refresh tokens and regions, with Banten's 8 kabupaten/kota seeded. */
export class Init1764300000000 implements MigrationInterface {
  name = 'Init1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`users\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`email\` varchar(254) NOT NULL, \`password_hash\` varchar(255) NOT NULL, \`role\` enum ('admin', 'coordinator', 'school_admin', 'company_admin', 'student') NOT NULL, \`school_id\` int UNSIGNED NULL DEFAULT NULL, \`company_id\` int UNSIGNED NULL DEFAULT NULL, \`student_id\` int UNSIGNED NULL DEFAULT NULL, \`region_codes\` varchar(255) NOT NULL DEFAULT '', \`status\` enum ('active', 'disabled') NOT NULL DEFAULT 'active', \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE INDEX \`UQ_users_email\` (\`email\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`refresh_tokens\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`user_id\` int UNSIGNED NOT NULL, \`family_id\` char(36) NOT NULL, \`token_hash\` char(64) NOT NULL, \`expires_at\` datetime(3) NOT NULL, \`revoked_at\` datetime(3) NULL DEFAULT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`IDX_refresh_tokens_user\` (\`user_id\`), INDEX \`IDX_refresh_tokens_family\` (\`family_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`regions\` (\`code\` char(4) NOT NULL, \`name\` varchar(100) NOT NULL, \`province_code\` char(2) NOT NULL, \`province_name\` varchar(100) NOT NULL, \`kind\` enum ('kabupaten', 'kota') NOT NULL, \`profiles\` varchar(255) NOT NULL DEFAULT '', PRIMARY KEY (\`code\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`refresh_tokens\` ADD CONSTRAINT \`FK_refresh_tokens_user\` FOREIGN KEY (\`user_id\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await seedBantenRegions(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`refresh_tokens\` DROP FOREIGN KEY \`FK_refresh_tokens_user\``,
    );
    await queryRunner.query(`DROP TABLE \`regions\``);
    await queryRunner.query(`DROP INDEX \`IDX_refresh_tokens_family\` ON \`refresh_tokens\``);
    await queryRunner.query(`DROP INDEX \`IDX_refresh_tokens_user\` ON \`refresh_tokens\``);
    await queryRunner.query(`DROP TABLE \`refresh_tokens\``);
    await queryRunner.query(`DROP INDEX \`UQ_users_email\` ON \`users\``);
    await queryRunner.query(`DROP TABLE \`users\``);
  }
}
