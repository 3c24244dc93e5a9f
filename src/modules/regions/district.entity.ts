import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * A kecamatan, for addresses: Kemendagri's `36.72.01` without the dots. Loaded with the
 * regions from idn-area-data; a district no longer in the dataset is kept and flagged.
 */
@Entity('districts')
export class District {
  @PrimaryColumn({ type: 'char', length: 6 })
  code: string;

  @Index('IDX_districts_region')
  @ForeignKey('Region', { name: 'FK_districts_region', onDelete: 'RESTRICT' })
  @Column({ name: 'region_code', type: 'char', length: 4 })
  regionCode: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'boolean', default: false })
  retired: boolean;
}
