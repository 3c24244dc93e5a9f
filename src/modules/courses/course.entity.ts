import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../database/columns';
import { ProviderType } from './courses.types';

export { ProviderType };

/** A training course (pelatihan): the competency units it teaches and the level each reaches. */
@Entity('courses')
export class Course {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Index('UQ_courses_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Index('IDX_courses_title')
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ name: 'provider_type', type: 'enum', enum: ProviderType })
  providerType: ProviderType;

  /** Shown to users; for a school provider it is the school's name at the time of writing. */
  @Column({ name: 'provider_name', type: 'varchar', length: 200 })
  providerName: string;

  @Index('IDX_courses_provider_school')
  @ForeignKey('School', { name: 'FK_courses_provider_school', onDelete: 'RESTRICT' })
  @Column({
    name: 'provider_school_id',
    type: 'int',
    unsigned: true,
    nullable: true,
    default: null,
  })
  providerSchoolId: number | null;

  /**
   * Deliberately no foreign key: the companies table belongs to another feature that was being
   * built at the same time as this one. The service checks that the company exists; that
   * feature (or a later migration) can add FK_courses_provider_company.
   */
  @Index('IDX_courses_provider_company')
  @Column({
    name: 'provider_company_id',
    type: 'int',
    unsigned: true,
    nullable: true,
    default: null,
  })
  providerCompanyId: number | null;

  @Column({ type: 'smallint', unsigned: true })
  hours: number;

  @Column({ type: 'varchar', length: 2000, default: '' })
  description: string;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
