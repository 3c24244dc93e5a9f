import { MigrationInterface, QueryRunner } from 'typeorm';
import { seedPrograms } from '../seeds/programs.seed';

/** Programmes, schools, students (NIK encrypted) and the competency units they hold. */
export class SchoolsStudentsCompetencies1764300100000 implements MigrationInterface {
  name = 'SchoolsStudentsCompetencies1764300100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`competency_units\` (\`code\` varchar(32) NOT NULL, \`name\` varchar(255) NOT NULL, \`sector\` varchar(100) NOT NULL, \`kind\` enum ('skkni', 'local') NOT NULL, INDEX \`IDX_competency_units_sector\` (\`sector\`), PRIMARY KEY (\`code\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`programs\` (\`code\` varchar(20) NOT NULL, \`name\` varchar(150) NOT NULL, \`field\` varchar(100) NOT NULL, PRIMARY KEY (\`code\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`schools\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`npsn\` char(8) NOT NULL, \`name\` varchar(200) NOT NULL, \`region_code\` char(4) NOT NULL, \`status\` enum ('negeri', 'swasta') NOT NULL, \`accreditation\` enum ('A', 'B', 'C', 'TT') NULL, \`address\` varchar(300) NOT NULL DEFAULT '', \`active\` tinyint NOT NULL DEFAULT 1, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE INDEX \`UQ_schools_npsn\` (\`npsn\`), INDEX \`IDX_schools_name\` (\`name\`), INDEX \`IDX_schools_region\` (\`region_code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`students\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`nisn\` char(10) NOT NULL, \`nik_ciphertext\` varchar(128) NOT NULL, \`nik_hash\` char(64) NOT NULL, \`nik_masked\` char(16) NOT NULL, \`name\` varchar(150) NOT NULL, \`birth_date\` date NOT NULL, \`gender\` enum ('L', 'P') NOT NULL, \`school_id\` int UNSIGNED NOT NULL, \`program_code\` varchar(20) NOT NULL, \`domicile_region_code\` char(4) NOT NULL, \`enrolment_year\` smallint UNSIGNED NOT NULL, \`graduation_year\` smallint UNSIGNED NULL, \`status\` enum ('enrolled', 'graduated', 'withdrawn') NOT NULL DEFAULT 'enrolled', \`parental_consent\` tinyint NOT NULL DEFAULT 0, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE INDEX \`UQ_students_nisn\` (\`nisn\`), UNIQUE INDEX \`UQ_students_nik_hash\` (\`nik_hash\`), INDEX \`IDX_students_name\` (\`name\`), INDEX \`IDX_students_graduation\` (\`graduation_year\`, \`domicile_region_code\`), INDEX \`IDX_students_school_status\` (\`school_id\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`student_competencies\` (\`student_id\` int UNSIGNED NOT NULL, \`unit_code\` varchar(32) NOT NULL, \`level\` tinyint UNSIGNED NOT NULL, \`source\` enum ('course', 'assessment', 'certification') NOT NULL, \`evidence_ref\` varchar(100) NOT NULL DEFAULT '', \`achieved_on\` date NOT NULL, \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`IDX_student_competencies_unit_level\` (\`unit_code\`, \`level\`), PRIMARY KEY (\`student_id\`, \`unit_code\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`school_programs\` (\`school_id\` int UNSIGNED NOT NULL, \`program_code\` varchar(20) NOT NULL, PRIMARY KEY (\`school_id\`, \`program_code\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`schools\` ADD CONSTRAINT \`FK_schools_region\` FOREIGN KEY (\`region_code\`) REFERENCES \`regions\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`students\` ADD CONSTRAINT \`FK_students_school\` FOREIGN KEY (\`school_id\`) REFERENCES \`schools\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`students\` ADD CONSTRAINT \`FK_students_program\` FOREIGN KEY (\`program_code\`) REFERENCES \`programs\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`students\` ADD CONSTRAINT \`FK_students_region\` FOREIGN KEY (\`domicile_region_code\`) REFERENCES \`regions\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`student_competencies\` ADD CONSTRAINT \`FK_student_competencies_student\` FOREIGN KEY (\`student_id\`) REFERENCES \`students\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`student_competencies\` ADD CONSTRAINT \`FK_student_competencies_unit\` FOREIGN KEY (\`unit_code\`) REFERENCES \`competency_units\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`school_programs\` ADD CONSTRAINT \`FK_school_programs_school\` FOREIGN KEY (\`school_id\`) REFERENCES \`schools\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`school_programs\` ADD CONSTRAINT \`FK_school_programs_program\` FOREIGN KEY (\`program_code\`) REFERENCES \`programs\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await seedPrograms(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`school_programs\` DROP FOREIGN KEY \`FK_school_programs_program\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`school_programs\` DROP FOREIGN KEY \`FK_school_programs_school\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`student_competencies\` DROP FOREIGN KEY \`FK_student_competencies_unit\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`student_competencies\` DROP FOREIGN KEY \`FK_student_competencies_student\``,
    );
    await queryRunner.query(`ALTER TABLE \`students\` DROP FOREIGN KEY \`FK_students_region\``);
    await queryRunner.query(`ALTER TABLE \`students\` DROP FOREIGN KEY \`FK_students_program\``);
    await queryRunner.query(`ALTER TABLE \`students\` DROP FOREIGN KEY \`FK_students_school\``);
    await queryRunner.query(`ALTER TABLE \`schools\` DROP FOREIGN KEY \`FK_schools_region\``);
    await queryRunner.query(`DROP TABLE \`school_programs\``);
    await queryRunner.query(
      `DROP INDEX \`IDX_student_competencies_unit_level\` ON \`student_competencies\``,
    );
    await queryRunner.query(`DROP TABLE \`student_competencies\``);
    await queryRunner.query(`DROP INDEX \`IDX_students_school_status\` ON \`students\``);
    await queryRunner.query(`DROP INDEX \`IDX_students_graduation\` ON \`students\``);
    await queryRunner.query(`DROP INDEX \`IDX_students_name\` ON \`students\``);
    await queryRunner.query(`DROP INDEX \`UQ_students_nik_hash\` ON \`students\``);
    await queryRunner.query(`DROP INDEX \`UQ_students_nisn\` ON \`students\``);
    await queryRunner.query(`DROP TABLE \`students\``);
    await queryRunner.query(`DROP INDEX \`IDX_schools_region\` ON \`schools\``);
    await queryRunner.query(`DROP INDEX \`IDX_schools_name\` ON \`schools\``);
    await queryRunner.query(`DROP INDEX \`UQ_schools_npsn\` ON \`schools\``);
    await queryRunner.query(`DROP TABLE \`schools\``);
    await queryRunner.query(`DROP TABLE \`programs\``);
    await queryRunner.query(`DROP INDEX \`IDX_competency_units_sector\` ON \`competency_units\``);
    await queryRunner.query(`DROP TABLE \`competency_units\``);
  }
}
