import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../database/columns';
import { Accreditation, SchoolStatus } from './schools.types';

export { Accreditation, SchoolStatus } from './schools.types';

@Entity('schools')
export class School {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  /** Nomor Pokok Sekolah Nasional: exactly 8 digits, unique nationally. */
  @Index('UQ_schools_npsn', { unique: true })
  @Column({ type: 'char', length: 8 })
  npsn: string;

  @Index('IDX_schools_name')
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Index('IDX_schools_region')
  @Column({ name: 'region_code', type: 'char', length: 4 })
  @ForeignKey('Region', { name: 'FK_schools_region', onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  regionCode: string;

  @Column({ type: 'enum', enum: SchoolStatus })
  status: SchoolStatus;

  @Column({ type: 'enum', enum: Accreditation, nullable: true, default: null })
  accreditation: Accreditation | null;

  @Column({ type: 'varchar', length: 300, default: '' })
  address: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
