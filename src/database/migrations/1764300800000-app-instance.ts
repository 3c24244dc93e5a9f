import { MigrationInterface, QueryRunner } from 'typeorm';

/** This database's own random id (see AppInstance). */
export class AppInstance1764300800000 implements MigrationInterface {
  name = 'AppInstance1764300800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `app_instance` (`id` tinyint UNSIGNED NOT NULL, `instance_id` char(36) NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query('INSERT INTO `app_instance` (`id`, `instance_id`) VALUES (1, UUID())');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `app_instance`');
  }
}
