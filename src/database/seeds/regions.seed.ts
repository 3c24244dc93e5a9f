import type { QueryRunner } from 'typeorm';
import { type AreaDataset, readAreaDataset } from './area-dataset';

/**
 * Banten's 8 kabupaten/kota with the profiles the manpower office uses: the first migration
 * seeds them (the names are the dataset's once the national seed has run). Profiles elsewhere
 * are set by an admin (PATCH /api/v1/regions/{code}).
 */
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

/** Banten with its profiles (the first migration): INSERT IGNORE keeps it safe to run twice. */
export async function seedBantenRegions(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(
    'INSERT IGNORE INTO `regions` (`code`, `name`, `province_code`, `province_name`, `kind`, `profiles`) VALUES ?',
    [BANTEN_REGIONS.map((r) => [r.code, r.name, '36', 'Banten', r.kind, r.profiles.join(',')])],
  );
}

/** What one run of the seed did, per table. */
export interface SeedCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows no longer in the dataset, newly flagged `retired` (kept: rows may point to them). */
  retired: number;
}

export interface RegionsSeedResult {
  source: string;
  regions: SeedCounts;
  districts: SeedCounts;
}

const CHUNK = 1000;

/**
 * The whole country's regions and districts from the area dataset. Safe to re-run when the
 * dataset is updated: codes are the keys and never change, names (and province names, kinds)
 * are updated, profiles are left as they are, and a row the dataset no longer has is kept and
 * flagged `retired`, never deleted (schools, students, companies... may point to it). Only rows
 * that differ are written (one bulk INSERT ... ON DUPLICATE KEY UPDATE per thousand), so a
 * second run with the same dataset writes nothing.
 */
export async function seedRegions(
  queryRunner: QueryRunner,
  dataset: AreaDataset = readAreaDataset(),
): Promise<RegionsSeedResult> {
  const provinceName = new Map(dataset.provinces.map((p) => [p.code, p.name]));
  const regionRows = dataset.regions.map((r) => {
    const province = provinceName.get(r.provinceCode);
    if (province === undefined || !r.code.startsWith(r.provinceCode)) {
      throw new Error(`region ${r.code}: unknown province ${r.provinceCode}`);
    }
    return [r.code, r.name, r.provinceCode, province, r.kind];
  });
  const regions = await upsert(queryRunner, {
    table: 'regions',
    columns: ['code', 'name', 'province_code', 'province_name', 'kind'],
    rows: regionRows,
  });
  const districts = await upsert(queryRunner, {
    table: 'districts',
    columns: ['code', 'region_code', 'name'],
    rows: dataset.districts.map((d) => [d.code, d.regionCode, d.name]),
  });
  return { source: dataset.source, regions, districts };
}

/**
 * Writes the rows (first column the key) that are new or differ from the table, marks them
 * current, and flags the table's other rows retired.
 */
async function upsert(
  queryRunner: QueryRunner,
  spec: { table: 'regions' | 'districts'; columns: string[]; rows: string[][] },
): Promise<SeedCounts> {
  const { table, columns } = spec;
  const list = columns.map((c) => `\`${c}\``).join(', ');
  const existing = new Map<string, string>();
  const current = (await queryRunner.query(
    `SELECT ${list}, \`retired\` FROM \`${table}\``,
  )) as Record<string, string | number>[];
  for (const row of current) {
    existing.set(
      String(row.code),
      [...columns.map((c) => row[c]), Number(row.retired)].join('\u0000'),
    );
  }
  const counts: SeedCounts = { inserted: 0, updated: 0, unchanged: 0, retired: 0 };
  const changed: string[][] = [];
  for (const row of spec.rows) {
    const before = existing.get(row[0]);
    if (before === undefined) {
      counts.inserted++;
      changed.push(row);
    } else if (before !== [...row, 0].join('\u0000')) {
      counts.updated++;
      changed.push(row);
    } else {
      counts.unchanged++;
    }
  }
  const updates = [...columns.slice(1), 'retired'].map((c) => `\`${c}\` = VALUES(\`${c}\`)`);
  for (let i = 0; i < changed.length; i += CHUNK) {
    await queryRunner.query(
      `INSERT INTO \`${table}\` (${list}, \`retired\`) VALUES ? ON DUPLICATE KEY UPDATE ${updates.join(', ')}`,
      [changed.slice(i, i + CHUNK).map((row) => [...row, 0])],
    );
  }
  const keep = new Set(spec.rows.map((row) => row[0]));
  const gone = current
    .filter((row) => Number(row.retired) === 0 && !keep.has(String(row.code)))
    .map((row) => String(row.code));
  for (let i = 0; i < gone.length; i += CHUNK) {
    await queryRunner.query(`UPDATE \`${table}\` SET \`retired\` = 1 WHERE \`code\` IN (?)`, [
      gone.slice(i, i + CHUNK),
    ]);
  }
  counts.retired = gone.length;
  return counts;
}
