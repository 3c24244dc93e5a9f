import type { Connection } from 'mysql2/promise';

/** Sizes of the generated province (the figures by default). */
export interface ProvinceSize {
  graduates: number;
  companies: number;
  slots: number;
  units: number;
  schools: number;
  year: number;
}

const REGIONS = ['3601', '3602', '3603', '3604', '3671', '3672', '3673', '3674'];
// Where people and firms are: the Tangerang area and Serang/Cilegon weigh most.
const REGION_WEIGHTS = [6, 8, 22, 12, 16, 8, 8, 20];
const PROGRAMS = ['TKR', 'AKL'];
const STATUSES = [
  'employed',
  'apprenticeship',
  'self_employed',
  'studying',
  'unemployed',
  'not_in_labour_force',
];
const STATUS_WEIGHTS = [38, 8, 10, 14, 18, 12];

/** mulberry32: a seeded generator, so every run builds the same province. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(rand: () => number, items: T[], weights: number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rand() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i];
    if (r < 0) {
      return items[i];
    }
  }
  return items[items.length - 1];
}

/** Zipf-like popularity: a few units are wanted (and held) far more than the rest. */
function zipfIndex(rand: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(n * Math.pow(rand(), 2.2)));
}

async function insertRows(
  db: Connection,
  table: string,
  columns: string[],
  rows: unknown[][],
): Promise<void> {
  const CHUNK = 5_000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db.query(`INSERT INTO \`${table}\` (${columns.join(', ')}) VALUES ?`, [
      rows.slice(i, i + CHUNK),
    ]);
  }
}

/** Writes the province straight into an empty, migrated database with multi-row inserts. */
export async function generateProvince(
  db: Connection,
  size: ProvinceSize,
  coordinatorId: number,
  log: (line: string) => void,
): Promise<void> {
  const rand = prng(20_260_601);
  const units = Array.from(
    { length: size.units },
    (_, i) => `C.${String(280000 + i).padStart(6, '0')}.001.01`,
  );
  await db.query('SET FOREIGN_KEY_CHECKS = 0, UNIQUE_CHECKS = 0');
  await db.beginTransaction();

  await insertRows(
    db,
    'competency_units',
    ['code', 'name', 'sector', 'kind'],
    units.map((code, i) => [code, `Unit ${i}`, 'Manufaktur', 'skkni']),
  );
  await insertRows(
    db,
    'schools',
    ['id', 'npsn', 'name', 'region_code', 'status'],
    Array.from({ length: size.schools }, (_, i) => [
      i + 1,
      String(20_000_000 + i),
      `SMK Bench ${i + 1}`,
      weighted(rand, REGIONS, REGION_WEIGHTS),
      i % 3 === 0 ? 'negeri' : 'swasta',
    ]),
  );

  const students: unknown[][] = [];
  const competencies: unknown[][] = [];
  const outcomes: unknown[][] = [];
  for (let id = 1; id <= size.graduates; id++) {
    const region = weighted(rand, REGIONS, REGION_WEIGHTS);
    students.push([
      id,
      String(id).padStart(10, '0'),
      'bench',
      String(id).padStart(64, '0'),
      '3600********0000',
      `Lulusan ${id}`,
      '2008-01-01',
      id % 2 === 0 ? 'P' : 'L',
      1 + Math.floor(rand() * size.schools),
      PROGRAMS[id % 2],
      region,
      size.year - 3,
      size.year,
      'graduated',
    ]);
    const held = new Set<number>();
    const count = 3 + Math.floor(rand() * 6);
    while (held.size < count) {
      held.add(zipfIndex(rand, units.length));
    }
    for (const u of held) {
      competencies.push([
        id,
        units[u],
        1 + Math.floor(rand() * 5),
        'assessment',
        '',
        `${size.year}-05-01`,
      ]);
    }
    // About 85 % traced; some with an earlier outcome that a later one supersedes.
    if (rand() < 0.85) {
      if (rand() < 0.4) {
        outcomes.push([id, 'unemployed', `${size.year}-07-01`, '', 'school']);
      }
      const status = weighted(rand, STATUSES, STATUS_WEIGHTS);
      outcomes.push([
        id,
        status,
        `${size.year}-10-01`,
        status === 'employed' || status === 'apprenticeship' ? 'PT Bench' : '',
        'school',
      ]);
    }
  }
  await insertRows(
    db,
    'students',
    [
      'id',
      'nisn',
      'nik_ciphertext',
      'nik_hash',
      'nik_masked',
      'name',
      'birth_date',
      'gender',
      'school_id',
      'program_code',
      'domicile_region_code',
      'enrolment_year',
      'graduation_year',
      'status',
    ],
    students,
  );
  log(`students: ${students.length}`);
  await insertRows(
    db,
    'student_competencies',
    ['student_id', 'unit_code', 'level', 'source', 'evidence_ref', 'achieved_on'],
    competencies,
  );
  log(`student_competencies: ${competencies.length}`);
  await insertRows(
    db,
    'outcomes',
    ['student_id', 'status', 'outcome_date', 'employer_name', 'source'],
    outcomes,
  );
  log(`outcomes: ${outcomes.length}`);

  const companyRegion: string[] = [];
  await insertRows(
    db,
    'companies',
    ['id', 'nib', 'name', 'kbli_code', 'region_code', 'workforce_size'],
    Array.from({ length: size.companies }, (_, i) => {
      companyRegion[i + 1] = weighted(rand, REGIONS, REGION_WEIGHTS);
      return [
        i + 1,
        String(9_000_000_000_000 + i),
        `PT Bench ${i + 1}`,
        'C',
        companyRegion[i + 1],
        50 + Math.floor(rand() * 2000),
      ];
    }),
  );
  const slots: unknown[][] = [];
  const requirements: unknown[][] = [];
  for (let id = 1; id <= size.slots; id++) {
    const company = 1 + Math.floor(rand() * size.companies);
    const capacity = 1 + Math.floor(rand() * 10);
    slots.push([
      id,
      company,
      `Magang ${id}`,
      '',
      companyRegion[company],
      capacity,
      Math.floor(rand() * capacity),
      `${size.year}-08-01`,
      `${size.year + 1}-01-31`,
      rand() < 0.7 ? 'open' : 'closed',
    ]);
    const needs = new Set<number>();
    const count = 1 + Math.floor(rand() * 5);
    while (needs.size < count) {
      needs.add(zipfIndex(rand, units.length));
    }
    for (const u of needs) {
      requirements.push([id, units[u], 1 + Math.floor(rand() * 4)]);
    }
  }
  await insertRows(
    db,
    'slots',
    [
      'id',
      'company_id',
      'title',
      'description',
      'region_code',
      'capacity',
      'filled',
      'start_date',
      'end_date',
      'status',
    ],
    slots,
  );
  await insertRows(db, 'slot_requirements', ['slot_id', 'unit_code', 'min_level'], requirements);
  log(`slots: ${slots.length}, requirements: ${requirements.length}`);

  // Each company reports a few lines a month, some naming units.
  const reports: unknown[][] = [];
  for (let company = 1; company <= size.companies; company++) {
    for (let month = 1; month <= 12; month += 1 + Math.floor(rand() * 4)) {
      const named = rand() < 0.6;
      reports.push([
        company,
        `${size.year}-${String(month).padStart(2, '0')}`,
        'Operator',
        '8189',
        1 + Math.floor(rand() * 8),
        'SMK',
        companyRegion[company],
        4_500_000,
        5_500_000,
        named
          ? [units[zipfIndex(rand, units.length)], units[zipfIndex(rand, units.length)]].join(',')
          : '',
      ]);
    }
  }
  await insertRows(
    db,
    'vacancy_reports',
    [
      'company_id',
      'period',
      'title',
      'kbji_code',
      'vacancy_count',
      'education_level',
      'region_code',
      'wage_min',
      'wage_max',
      'unit_codes',
    ],
    reports,
  );
  log(`vacancy_reports: ${reports.length}`);

  // A training catalogue: 60 courses of 4 units each, 3 planned cohorts per course.
  const courses: unknown[][] = [];
  const courseUnits: unknown[][] = [];
  const cohorts: unknown[][] = [];
  for (let id = 1; id <= 60; id++) {
    courses.push([id, `PLT-${id}`, `Pelatihan ${id}`, 'training_centre', 'BLK Serang', 120]);
    const taught = new Set<number>();
    while (taught.size < 4) {
      taught.add(zipfIndex(rand, units.length));
    }
    for (const u of taught) {
      courseUnits.push([id, units[u], 2 + Math.floor(rand() * 3)]);
    }
    for (let k = 0; k < 3; k++) {
      cohorts.push([
        id,
        `Angkatan ${k + 1}`,
        `${size.year + 1}-0${k + 1}-10`,
        `${size.year + 1}-0${k + 3}-10`,
        25,
        Math.floor(rand() * 25),
        REGIONS[(id + k) % REGIONS.length],
        coordinatorId,
        'planned',
      ]);
    }
  }
  await insertRows(
    db,
    'courses',
    ['id', 'code', 'title', 'provider_type', 'provider_name', 'hours'],
    courses,
  );
  await insertRows(db, 'course_units', ['course_id', 'unit_code', 'level'], courseUnits);
  await insertRows(
    db,
    'cohorts',
    [
      'course_id',
      'name',
      'start_date',
      'end_date',
      'capacity',
      'enrolled_count',
      'region_code',
      'coordinator_id',
      'status',
    ],
    cohorts,
  );
  await db.commit();
  await db.query('SET FOREIGN_KEY_CHECKS = 1, UNIQUE_CHECKS = 1');
  await db.query(
    'ANALYZE TABLE students, student_competencies, outcomes, slots, slot_requirements, vacancy_reports',
  );
}
