import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../database/columns';
import { Region } from '../regions/region.entity';

export enum SchoolStatus {
  Negeri = 'negeri',
  Swasta = 'swasta',
}

export enum Accreditation {
  A = 'A',
  B = 'B',
  C = 'C',
  NotAccredited = 'TT',
}

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
  regionCode: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'FK_schools_region' })
  region?: Region;

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
