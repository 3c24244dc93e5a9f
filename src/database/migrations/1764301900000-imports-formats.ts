import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Imports take .xlsx as well as CSV in any common encoding: the file is kept as bytes, in parts
 * of at most 4 MB (a 32 MB file in one row would pass MySQL's max_allowed_packet), with the
 * format found at upload, the sheet asked for and the headers that were ignored.
 */
export class ImportsFormats1764301900000 implements MigrationInterface {
  name = 'ImportsFormats1764301900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `import_file_parts` (`import_id` int UNSIGNED NOT NULL, `part` smallint UNSIGNED NOT NULL, `bytes` mediumblob NOT NULL, PRIMARY KEY (`import_id`, `part`)) ENGINE=InnoDB',
    );
    // A stored CSV (UTF-8 text, under 16 MB: more never passed max_allowed_packet) is one part.
    await queryRunner.query(
      'INSERT INTO `import_file_parts` (`import_id`, `part`, `bytes`) SELECT `id`, 0, `content` FROM `imports`',
    );
    await queryRunner.query('ALTER TABLE `imports` DROP COLUMN `content`');
    await queryRunner.query(
      "ALTER TABLE `imports` ADD `format` enum ('csv', 'xlsx') NOT NULL DEFAULT 'csv'",
    );
    await queryRunner.query("ALTER TABLE `imports` ADD `sheet` varchar(100) NOT NULL DEFAULT ''");
    await queryRunner.query(
      "ALTER TABLE `imports` ADD `ignored_columns` varchar(1000) NOT NULL DEFAULT '[]'",
    );
    await queryRunner.query(
      'ALTER TABLE `import_file_parts` ADD CONSTRAINT `FK_import_file_parts_import` FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // A workbook is no text: dropped (its rows stay imported). A CSV's parts are joined back,
    // a byte that is not UTF-8 (Windows-1252) becoming '?'.
    await queryRunner.query("DELETE FROM `imports` WHERE `format` = 'xlsx'");
    await queryRunner.query('ALTER TABLE `imports` ADD `content` longtext NULL');
    await queryRunner.query('SET SESSION group_concat_max_len = 4294967295');
    await queryRunner.query(
      "UPDATE `imports` i SET i.`content` = COALESCE((SELECT CONVERT(GROUP_CONCAT(p.`bytes` ORDER BY p.`part` SEPARATOR '') USING utf8mb4) FROM `import_file_parts` p WHERE p.`import_id` = i.`id`), '')",
    );
    await queryRunner.query('ALTER TABLE `imports` CHANGE `content` `content` longtext NOT NULL');
    await queryRunner.query(
      'ALTER TABLE `import_file_parts` DROP FOREIGN KEY `FK_import_file_parts_import`',
    );
    await queryRunner.query('DROP TABLE `import_file_parts`');
    await queryRunner.query('ALTER TABLE `imports` DROP COLUMN `ignored_columns`');
    await queryRunner.query('ALTER TABLE `imports` DROP COLUMN `sheet`');
    await queryRunner.query('ALTER TABLE `imports` DROP COLUMN `format`');
  }
}
