import { Column, Entity, PrimaryColumn } from 'typeorm';
import { REGION_PROFILES, type RegionProfile } from './regions.types';

export { REGION_PROFILES };
export type { RegionProfile };

/** A kabupaten/kota, keyed by its 4-digit BPS code (the first two digits are the province). */
@Entity('regions')
export class Region {
  @PrimaryColumn({ type: 'char', length: 4 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'province_code', type: 'char', length: 2 })
  provinceCode: string;

  @Column({ name: 'province_name', type: 'varchar', length: 100 })
  provinceName: string;

  @Column({ type: 'enum', enum: ['kabupaten', 'kota'] })
  kind: 'kabupaten' | 'kota';

  /** Comma-separated profile tags; a region has a handful at most. */
  @Column({ type: 'varchar', length: 255, default: '' })
  profiles: string;
}
