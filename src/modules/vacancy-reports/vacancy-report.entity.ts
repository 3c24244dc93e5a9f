import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../../database/columns';

export enum EducationLevel {
  SD = 'SD',
  SMP = 'SMP',
  SMA = 'SMA',
  SMK = 'SMK',
  D1 = 'D1',
  D2 = 'D2',
  D3 = 'D3',
  D4 = 'D4',
  S1 = 'S1',
  S2 = 'S2',
  S3 = 'S3',
}

/** One vacancy line of a company's report for a month (wajib lapor lowongan, Perpres 57/2023). */
@Entity('vacancy_reports')
@Index('IDX_vacancy_reports_period_company', ['period', 'companyId'])
export class VacancyReport {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Column({ name: 'company_id', type: 'int', unsigned: true })
  @ForeignKey('Company', { name: 'FK_vacancy_reports_company', onDelete: 'CASCADE' })
  companyId: number;

  /** YYYY-MM. */
  @Column({ type: 'char', length: 7 })
  period: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** KBJI 2014 occupation code (4 to 6 digits). */
  @Column({ name: 'kbji_code', type: 'varchar', length: 6 })
  kbjiCode: string;

  @Column({ name: 'vacancy_count', type: 'int', unsigned: true })
  vacancyCount: number;

  @Column({ name: 'education_level', type: 'enum', enum: EducationLevel })
  educationLevel: EducationLevel;

  @Column({ name: 'region_code', type: 'char', length: 4 })
  @ForeignKey('Region', { name: 'FK_vacancy_reports_region', onDelete: 'RESTRICT' })
  regionCode: string;

  /** Monthly wage range in rupiah. */
  @Column({ name: 'wage_min', type: 'int', unsigned: true })
  wageMin: number;

  @Column({ name: 'wage_max', type: 'int', unsigned: true })
  wageMax: number;

  /** Competency units the job needs (optional): demand in the supply/demand map. */
  @Column({ name: 'unit_codes', type: 'varchar', length: 500, default: '' })
  unitCodes: string;

  @CreatedAtColumn()
  createdAt: Date;
}
