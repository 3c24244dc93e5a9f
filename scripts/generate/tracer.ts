import { SECTORS, unitCode } from './catalogue';
import { GenContext, nextId } from './context';
import type { CompanyDraft } from './employers';
import { addMonths, cumulative } from './random';
import { BatchWriter } from './writer';

/** KBJI 2014 occupation of each sector's typical opening (for the Karirhub-shaped reports). */
const KBJI: Record<string, string> = {
  otomotif: '7231', baja: '7212', manufaktur: '7223', kimia: '8131', listrik: '7411',
  logistik: '4321', konstruksi: '3112', tik: '3512', bisnis: '4311', perhotelan: '4224',
  kuliner: '5120', perikanan: '6222', pertanian: '6111', kesehatan: '3213',
}; // prettier-ignore
/** Monthly minimum wage (UMK 2025, rounded), the floor of the reported wage ranges. */
const UMK: Record<string, number> = {
  '3601': 3_200_000, '3602': 3_100_000, '3603': 4_900_000, '3604': 4_800_000,
  '3671': 5_000_000, '3672': 5_100_000, '3673': 4_300_000, '3674': 4_900_000,
}; // prettier-ignore
const STATUSES = [
  'employed',
  'apprenticeship',
  'self_employed',
  'studying',
  'unemployed',
  'not_in_labour_force',
];
const BASE_WEIGHTS = [38, 8, 10, 14, 18, 12];
const WORKING = new Set(['employed', 'apprenticeship', 'self_employed']);
/**
 * Which of a sector's 14 units the reported vacancies ask for: the reverse of the popularity
 * the graduates' units are drawn from (UNIT_POPULARITY), and steeper. Employers want most what
 * schools teach least (new equipment, new rules), so the tail units run short in the regions
 * where their sector hires: real gaps for the supply/demand map and the recommendations.
 */
const DEMAND_POPULARITY = cumulative(
  Array.from({ length: 14 }, (_, i) => 1 / Math.pow(14 - i, 1.2)),
);

export interface TracerOptions {
  /** The coordinator the planned cohorts belong to (a users.id). */
  coordinatorId: number;
}

/**
 * What the analytics need beyond matching: tracer-study outcomes for the graduates (about
 * 85 % traced, some with an earlier outcome a later one supersedes; unemployment higher where
 * there are fewer jobs per head), monthly vacancy reports of the companies, and a training
 * catalogue of 60 courses of 4 units with 3 planned cohorts each.
 */
export async function writeTracerAndDemand(
  g: GenContext,
  graduates: { firstId: number; regionOf: Uint16Array },
  companies: CompanyDraft[],
  options: TracerOptions,
): Promise<{ outcomes: number; reports: number; courses: number; cohorts: number }> {
  const { d, regions } = g;
  const year = g.graduationYear;
  const weightsByRegion = regions.map((r) => {
    const jobsPerHead = r.jobs / r.pop;
    return cumulative(
      BASE_WEIGHTS.map((w, i) => (STATUSES[i] === 'unemployed' ? w / Math.sqrt(jobsPerHead) : w)),
    );
  });
  const companiesByRegion = regions.map((_, i) => companies.filter((c) => c.region === i));
  const outcomeW = new BatchWriter(
    g.side,
    'outcomes',
    ['student_id', 'status', 'outcome_date', 'employer_name', 'region_code', 'source'],
    g.batch * 2,
  );
  for (let i = 0; i < graduates.regionOf.length; i++) {
    if (!d.chance(0.85)) {
      continue;
    }
    const studentId = graduates.firstId + i;
    const region = graduates.regionOf[i];
    if (d.chance(0.4)) {
      await outcomeW.add([studentId, 'unemployed', `${year}-07-01`, '', null, 'school']);
    }
    const status = STATUSES[d.index(weightsByRegion[region])];
    const local = companiesByRegion[region];
    const employer =
      status === 'employed' || status === 'apprenticeship'
        ? ((local.length > 0 ? d.pick(local) : d.pick(companies)).name ?? '')
        : '';
    await outcomeW.add([
      studentId,
      status,
      `${year}-10-01`,
      employer,
      WORKING.has(status) ? regions[region].code : null,
      'school',
    ]);
  }
  await outcomeW.flush();

  const reportW = new BatchWriter(
    g.runner,
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
    g.batch,
  );
  for (const c of companies) {
    const sector = SECTORS[c.sector];
    const code = regions[c.region].code;
    for (let month = 1; month <= 12; month += d.int(1, 4)) {
      const wageMin = (UMK[code] ?? 3_500_000) + 100_000 * d.int(0, 5);
      const units = d.chance(0.75)
        ? Array.from({ length: d.int(1, 3) }, () => unitCode(sector, d.index(DEMAND_POPULARITY)))
        : [];
      await reportW.add([
        c.id, `${year}-${String(month).padStart(2, '0')}`, d.pick(sector.titles), KBJI[sector.key] ?? '9329',
        d.int(2, 12), d.chance(0.8) ? 'SMK' : d.pick(['SMA', 'D3']), code, wageMin,
        wageMin + 250_000 * d.int(2, 6), [...new Set(units)].join(','),
      ]); // prettier-ignore
    }
  }
  await reportW.flush();

  const courseW = new BatchWriter(
    g.runner,
    'courses',
    ['id', 'code', 'title', 'provider_type', 'provider_name', 'hours'],
    g.batch,
  );
  const courseUnitW = new BatchWriter(
    g.runner,
    'course_units',
    ['course_id', 'unit_code', 'level'],
    g.batch,
  );
  const cohortW = new BatchWriter(
    g.runner,
    'cohorts',
    [
      'id',
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
    g.batch,
  );
  let courseId = await nextId(g.runner, 'courses');
  let cohortId = await nextId(g.runner, 'cohorts');
  for (let k = 0; k < 60; k++, courseId++) {
    const sector = SECTORS[k % SECTORS.length];
    const first = d.int(0, 13);
    const region = regions[d.index(g.popCum)];
    await courseW.add([
      courseId,
      `PLT-${year}-${String(k + 1).padStart(3, '0')}`,
      `Pelatihan ${sector.units[first]}`,
      'training_centre',
      `UPTD Balai Latihan Kerja ${region.city}`,
      40 * d.int(2, 6),
    ]);
    const taught = new Set([first]);
    while (taught.size < 4) {
      taught.add(d.int(0, 13));
    }
    for (const u of taught) {
      await courseUnitW.add([courseId, unitCode(sector, u), d.int(2, 4)]);
    }
    for (let n = 1; n <= 3; n++, cohortId++) {
      const start = `${year + 1}-${String(2 * n).padStart(2, '0')}-10`;
      await cohortW.add([
        cohortId,
        courseId,
        `Angkatan ${n}`,
        start,
        addMonths(start, 2),
        25,
        0,
        region.code,
        options.coordinatorId,
        'planned',
      ]);
    }
  }
  await courseW.flush();
  await courseUnitW.flush();
  await cohortW.flush();
  return {
    outcomes: outcomeW.written,
    reports: reportW.written,
    courses: courseW.written,
    cohorts: cohortW.written,
  };
}
