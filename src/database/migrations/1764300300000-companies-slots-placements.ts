import { MigrationInterface, QueryRunner } from 'typeorm';

/** Companies, agreements, slots with their requirements, vacancy reports and placements. */
export class CompaniesSlotsPlacements1764300300000 implements MigrationInterface {
  name = 'CompaniesSlotsPlacements1764300300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`companies\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`nib\` char(13) NOT NULL, \`name\` varchar(200) NOT NULL, \`kbli_code\` varchar(5) NOT NULL, \`region_code\` char(4) NOT NULL, \`address\` varchar(300) NOT NULL DEFAULT '', \`workforce_size\` int UNSIGNED NOT NULL, \`contact_name\` varchar(150) NOT NULL DEFAULT '', \`contact_email\` varchar(254) NOT NULL DEFAULT '', \`contact_phone\` varchar(30) NOT NULL DEFAULT '', \`verified_at\` datetime(3) NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE INDEX \`UQ_companies_nib\` (\`nib\`), INDEX \`IDX_companies_name\` (\`name\`), INDEX \`IDX_companies_region\` (\`region_code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`agreements\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`school_id\` int UNSIGNED NOT NULL, \`company_id\` int UNSIGNED NOT NULL, \`document_number\` varchar(100) NOT NULL, \`valid_from\` date NOT NULL, \`valid_until\` date NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`IDX_agreements_company\` (\`company_id\`), INDEX \`IDX_agreements_school\` (\`school_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`agreement_programs\` (\`agreement_id\` int UNSIGNED NOT NULL, \`program_code\` varchar(20) NOT NULL, PRIMARY KEY (\`agreement_id\`, \`program_code\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`slots\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`company_id\` int UNSIGNED NOT NULL, \`title\` varchar(200) NOT NULL, \`description\` text NOT NULL, \`region_code\` char(4) NOT NULL, \`capacity\` smallint UNSIGNED NOT NULL, \`filled\` smallint UNSIGNED NOT NULL DEFAULT '0', \`start_date\` date NOT NULL, \`end_date\` date NOT NULL, \`stipend\` int UNSIGNED NOT NULL DEFAULT '0', \`mentor_name\` varchar(150) NOT NULL DEFAULT '', \`status\` enum ('draft', 'open', 'closed') NOT NULL DEFAULT 'draft', \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`IDX_slots_company_status\` (\`company_id\`, \`status\`), INDEX \`IDX_slots_status_region\` (\`status\`, \`region_code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`slot_requirements\` (\`slot_id\` int UNSIGNED NOT NULL, \`unit_code\` varchar(32) NOT NULL, \`min_level\` tinyint UNSIGNED NOT NULL, \`weight\` decimal(5,2) NOT NULL DEFAULT '1.00', INDEX \`IDX_slot_requirements_unit\` (\`unit_code\`, \`min_level\`), PRIMARY KEY (\`slot_id\`, \`unit_code\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`slot_programs\` (\`slot_id\` int UNSIGNED NOT NULL, \`program_code\` varchar(20) NOT NULL, PRIMARY KEY (\`slot_id\`, \`program_code\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`placements\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`student_id\` int UNSIGNED NOT NULL, \`slot_id\` int UNSIGNED NOT NULL, \`company_id\` int UNSIGNED NOT NULL, \`school_id\` int UNSIGNED NOT NULL, \`status\` enum ('proposed', 'offered', 'accepted', 'active', 'completed', 'declined', 'withdrawn', 'terminated') NOT NULL, \`source\` enum ('manual', 'round') NOT NULL DEFAULT 'manual', \`run_id\` int UNSIGNED NULL, \`offer_deadline\` datetime(3) NULL, \`start_date\` date NOT NULL, \`end_date\` date NOT NULL, \`evaluation_score\` tinyint UNSIGNED NULL, \`evaluation_notes\` text NULL, \`created_by\` int UNSIGNED NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`IDX_placements_run\` (\`run_id\`), INDEX \`IDX_placements_company_status\` (\`company_id\`, \`status\`), INDEX \`IDX_placements_slot_status\` (\`slot_id\`, \`status\`), INDEX \`IDX_placements_student_status\` (\`student_id\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`vacancy_reports\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`company_id\` int UNSIGNED NOT NULL, \`period\` char(7) NOT NULL, \`title\` varchar(200) NOT NULL, \`kbji_code\` varchar(6) NOT NULL, \`vacancy_count\` int UNSIGNED NOT NULL, \`education_level\` enum ('SD', 'SMP', 'SMA', 'SMK', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3') NOT NULL, \`region_code\` char(4) NOT NULL, \`wage_min\` int UNSIGNED NOT NULL, \`wage_max\` int UNSIGNED NOT NULL, \`unit_codes\` varchar(500) NOT NULL DEFAULT '', \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`IDX_vacancy_reports_period_company\` (\`period\`, \`company_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`companies\` ADD CONSTRAINT \`FK_companies_region\` FOREIGN KEY (\`region_code\`) REFERENCES \`regions\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`agreements\` ADD CONSTRAINT \`FK_agreements_school\` FOREIGN KEY (\`school_id\`) REFERENCES \`schools\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`agreements\` ADD CONSTRAINT \`FK_agreements_company\` FOREIGN KEY (\`company_id\`) REFERENCES \`companies\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`agreement_programs\` ADD CONSTRAINT \`FK_agreement_programs_agreement\` FOREIGN KEY (\`agreement_id\`) REFERENCES \`agreements\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`agreement_programs\` ADD CONSTRAINT \`FK_agreement_programs_program\` FOREIGN KEY (\`program_code\`) REFERENCES \`programs\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`slots\` ADD CONSTRAINT \`FK_slots_company\` FOREIGN KEY (\`company_id\`) REFERENCES \`companies\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`slots\` ADD CONSTRAINT \`FK_slots_region\` FOREIGN KEY (\`region_code\`) REFERENCES \`regions\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`slot_requirements\` ADD CONSTRAINT \`FK_slot_requirements_slot\` FOREIGN KEY (\`slot_id\`) REFERENCES \`slots\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`slot_requirements\` ADD CONSTRAINT \`FK_slot_requirements_unit\` FOREIGN KEY (\`unit_code\`) REFERENCES \`competency_units\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`slot_programs\` ADD CONSTRAINT \`FK_slot_programs_slot\` FOREIGN KEY (\`slot_id\`) REFERENCES \`slots\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`slot_programs\` ADD CONSTRAINT \`FK_slot_programs_program\` FOREIGN KEY (\`program_code\`) REFERENCES \`programs\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`placements\` ADD CONSTRAINT \`FK_placements_student\` FOREIGN KEY (\`student_id\`) REFERENCES \`students\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`placements\` ADD CONSTRAINT \`FK_placements_slot\` FOREIGN KEY (\`slot_id\`) REFERENCES \`slots\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`placements\` ADD CONSTRAINT \`FK_placements_company\` FOREIGN KEY (\`company_id\`) REFERENCES \`companies\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`placements\` ADD CONSTRAINT \`FK_placements_school\` FOREIGN KEY (\`school_id\`) REFERENCES \`schools\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`vacancy_reports\` ADD CONSTRAINT \`FK_vacancy_reports_company\` FOREIGN KEY (\`company_id\`) REFERENCES \`companies\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`vacancy_reports\` ADD CONSTRAINT \`FK_vacancy_reports_region\` FOREIGN KEY (\`region_code\`) REFERENCES \`regions\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`vacancy_reports\` DROP FOREIGN KEY \`FK_vacancy_reports_region\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`vacancy_reports\` DROP FOREIGN KEY \`FK_vacancy_reports_company\``,
    );
    await queryRunner.query(`ALTER TABLE \`placements\` DROP FOREIGN KEY \`FK_placements_school\``);
    await queryRunner.query(
      `ALTER TABLE \`placements\` DROP FOREIGN KEY \`FK_placements_company\``,
    );
    await queryRunner.query(`ALTER TABLE \`placements\` DROP FOREIGN KEY \`FK_placements_slot\``);
    await queryRunner.query(
      `ALTER TABLE \`placements\` DROP FOREIGN KEY \`FK_placements_student\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`slot_programs\` DROP FOREIGN KEY \`FK_slot_programs_program\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`slot_programs\` DROP FOREIGN KEY \`FK_slot_programs_slot\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`slot_requirements\` DROP FOREIGN KEY \`FK_slot_requirements_unit\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`slot_requirements\` DROP FOREIGN KEY \`FK_slot_requirements_slot\``,
    );
    await queryRunner.query(`ALTER TABLE \`slots\` DROP FOREIGN KEY \`FK_slots_region\``);
    await queryRunner.query(`ALTER TABLE \`slots\` DROP FOREIGN KEY \`FK_slots_company\``);
    await queryRunner.query(
      `ALTER TABLE \`agreement_programs\` DROP FOREIGN KEY \`FK_agreement_programs_program\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`agreement_programs\` DROP FOREIGN KEY \`FK_agreement_programs_agreement\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`agreements\` DROP FOREIGN KEY \`FK_agreements_company\``,
    );
    await queryRunner.query(`ALTER TABLE \`agreements\` DROP FOREIGN KEY \`FK_agreements_school\``);
    await queryRunner.query(`ALTER TABLE \`companies\` DROP FOREIGN KEY \`FK_companies_region\``);
    await queryRunner.query(
      `DROP INDEX \`IDX_vacancy_reports_period_company\` ON \`vacancy_reports\``,
    );
    await queryRunner.query(`DROP TABLE \`vacancy_reports\``);
    await queryRunner.query(`DROP INDEX \`IDX_placements_student_status\` ON \`placements\``);
    await queryRunner.query(`DROP INDEX \`IDX_placements_slot_status\` ON \`placements\``);
    await queryRunner.query(`DROP INDEX \`IDX_placements_company_status\` ON \`placements\``);
    await queryRunner.query(`DROP INDEX \`IDX_placements_run\` ON \`placements\``);
    await queryRunner.query(`DROP TABLE \`placements\``);
    await queryRunner.query(`DROP TABLE \`slot_programs\``);
    await queryRunner.query(`DROP INDEX \`IDX_slot_requirements_unit\` ON \`slot_requirements\``);
    await queryRunner.query(`DROP TABLE \`slot_requirements\``);
    await queryRunner.query(`DROP INDEX \`IDX_slots_status_region\` ON \`slots\``);
    await queryRunner.query(`DROP INDEX \`IDX_slots_company_status\` ON \`slots\``);
    await queryRunner.query(`DROP TABLE \`slots\``);
    await queryRunner.query(`DROP TABLE \`agreement_programs\``);
    await queryRunner.query(`DROP INDEX \`IDX_agreements_school\` ON \`agreements\``);
    await queryRunner.query(`DROP INDEX \`IDX_agreements_company\` ON \`agreements\``);
    await queryRunner.query(`DROP TABLE \`agreements\``);
    await queryRunner.query(`DROP INDEX \`IDX_companies_region\` ON \`companies\``);
    await queryRunner.query(`DROP INDEX \`IDX_companies_name\` ON \`companies\``);
    await queryRunner.query(`DROP INDEX \`UQ_companies_nib\` ON \`companies\``);
    await queryRunner.query(`DROP TABLE \`companies\``);
  }
}
