import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../database/columns';

/** A DUDI partner (dunia usaha dan dunia industri) that offers apprenticeship slots. */
@Entity('companies')
export class Company {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  /** Nomor Induk Berusaha (OSS): 13 digits, unique. */
  @Index('UQ_companies_nib', { unique: true })
  @Column({ type: 'char', length: 13 })
  nib: string;

  @Index('IDX_companies_name')
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** KBLI 2020 code of the main activity (1 letter section or 2–5 digits). */
  @Column({ name: 'kbli_code', type: 'varchar', length: 5 })
  kbliCode: string;

  @Index('IDX_companies_region')
  @Column({ name: 'region_code', type: 'char', length: 4 })
  @ForeignKey('Region', { name: 'FK_companies_region', onDelete: 'RESTRICT' })
  regionCode: string;

  @Column({ type: 'varchar', length: 300, default: '' })
  address: string;

  /** Employees; apprentices at any moment may be at most 20 % of it (Permenaker 6/2020). */
  @Column({ name: 'workforce_size', type: 'int', unsigned: true })
  workforceSize: number;

  @Column({ name: 'contact_name', type: 'varchar', length: 150, default: '' })
  contactName: string;

  @Column({ name: 'contact_email', type: 'varchar', length: 254, default: '' })
  contactEmail: string;

  @Column({ name: 'contact_phone', type: 'varchar', length: 30, default: '' })
  contactPhone: string;

  @Column({ name: 'verified_at', type: 'datetime', precision: 3, nullable: true, default: null })
  verifiedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
