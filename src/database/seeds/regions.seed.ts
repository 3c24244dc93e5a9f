import type { QueryRunner } from 'typeorm';

/** Banten's 8 kabupaten/kota (BPS codes) with the profiles the manpower office uses. */
export const BANTEN_REGIONS: {
  code: string;
  name: string;
  kind: 'kabupaten' | 'kota';
  profiles: string[];
}[] = [
  {
    code: '3601',
    name: 'Kab. Pandeglang',
    kind: 'kabupaten',
    profiles: ['coastal_tourism', 'agriculture', 'fisheries'],
  },
  {
    code: '3602',
    name: 'Kab. Lebak',
    kind: 'kabupaten',
    profiles: ['agriculture', 'coastal_tourism', 'umkm'],
  },
  { code: '3603', name: 'Kab. Tangerang', kind: 'kabupaten', profiles: ['industrial', 'umkm'] },
  { code: '3604', name: 'Kab. Serang', kind: 'kabupaten', profiles: ['industrial', 'agriculture'] },
  {
    code: '3671',
    name: 'Kota Tangerang',
    kind: 'kota',
    profiles: ['industrial', 'services', 'umkm'],
  },
  { code: '3672', name: 'Kota Cilegon', kind: 'kota', profiles: ['industrial'] },
  { code: '3673', name: 'Kota Serang', kind: 'kota', profiles: ['services', 'umkm'] },
  { code: '3674', name: 'Kota Tangerang Selatan', kind: 'kota', profiles: ['services', 'umkm'] },
];

/** Reference data: INSERT IGNORE keeps the seed safe to run twice. */
export async function seedRegions(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(
    'INSERT IGNORE INTO `regions` (`code`, `name`, `province_code`, `province_name`, `kind`, `profiles`) VALUES ?',
    [BANTEN_REGIONS.map((r) => [r.code, r.name, '36', 'Banten', r.kind, r.profiles.join(',')])],
  );
}
