import { Column, Entity, PrimaryColumn } from 'typeorm';
import { REGION_PROFILES, type RegionProfile } from './regions.types';

export { REGION_PROFILES };
export type { RegionProfile };

/**
 * A kabupaten/kota, keyed by its 4-digit code (Kemendagri's `36.72` without the dot; the first
 * two digits are the province). Loaded from idn-area-data by the regions seed.
 */
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

  /** No longer in the area dataset: kept (rows may point to it), never offered as new. */
  @Column({ type: 'boolean', default: false })
  retired: boolean;
}
