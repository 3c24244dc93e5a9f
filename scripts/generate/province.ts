import type { DataSource } from 'typeorm';
import { catalogueRows } from './catalogue';
import { GenContext, loadRegions, regionCumulatives } from './context';
import { writeEmployers } from './employers';
import { Draw } from './random';
import { writeSchools } from './schools';
import { writeStudents } from './students';
import { writeTracerAndDemand, TracerOptions } from './tracer';
import { BatchWriter, Sql } from './writer';

export interface ProvinceOptions {
  seed: number;
  schools: number;
  graduates: number;
  companies: number;
  slots: number;
  graduationYear: number;
  /** 64 hex characters: the app's ENCRYPTION_KEY, so the app can decrypt the NIKs. */
  encryptionKey: string;
  /** Regions to populate; default every region of province 36 (Banten) in the table. */
  regionCodes?: string[];
  /** Slots start within 6 months after this day (default 1 July of the graduation year). */
  referenceDate?: string;
  /**
   * Graduates written school by school (ids clustered by school, as per-school imports give
   * them); default in random school order (a province's graduates spread over every id range).
   */
  studentsBySchool?: boolean;
  /** Rows per INSERT (competencies take 4 times as many). */
  batchSize?: number;
  log?: (message: string) => void;
  /** Also tracer-study outcomes, vacancy reports and a course/cohort catalogue (analytics). */
  analytics?: TracerOptions;
}

export interface ProvinceSummary {
  schools: number;
  students: number;
  studentUnits: number;
  companies: number;
  slots: number;
  seats: number;
  units: number;
  /** Present when options.analytics asked for them. */
  analytics?: { outcomes: number; reports: number; courses: number; cohorts: number };
  /** Wall time per part. */
  ms: Record<string, number>;
}

/**
 * Writes a whole seeded province straight into the database with multi-row INSERTs: the
 * competency catalogue (kept if present), schools and their programmes, graduates with
 * encrypted NIKs and the units they hold, companies, and open slots with their required units
 * and programmes. Ids continue after each table's current maximum; the same seed on the same
 * starting ids writes the same rows (the NIK ciphertexts aside: their IV is random by design).
 * The regions must exist (the migrations seed Banten's eight).
 */
export async function generateProvince(
  dataSource: DataSource,
  options: ProvinceOptions,
): Promise<ProvinceSummary> {
  // Two connections: the biggest tables load beside the rest.
  const runners = [dataSource.createQueryRunner(), dataSource.createQueryRunner()];
  try {
    const [main, side] = runners.map(
      (r): Sql =>
        (sql, params) =>
          r.query(sql, params),
    );
    return await generateProvinceWith(main, side, options);
  } finally {
    for (const runner of runners) {
      await runner.release();
    }
  }
}

/**
 * The same on any two statement runners (they may be one and the same connection, as the
 * analytics bench's mysql2 connection is). Foreign key and unique checks are off for the load
 * and back on afterwards.
 */
export async function generateProvinceWith(
  main: Sql,
  side: Sql,
  options: ProvinceOptions,
): Promise<ProvinceSummary> {
  const both = [main, side];
  try {
    for (const sql of both) {
      // Bulk load: the generator makes its keys consistent itself (its e2e spec checks it).
      await sql('SET SESSION foreign_key_checks = 0, unique_checks = 0');
    }
    const regions = await loadRegions(main, options.regionCodes);
    const g: GenContext = {
      d: new Draw(options.seed),
      seed: options.seed,
      batch: options.batchSize ?? 2000,
      graduationYear: options.graduationYear,
      ref: options.referenceDate ?? `${options.graduationYear}-07-01`,
      runner: main,
      side,
      regions,
      ...regionCumulatives(regions),
    };
    return await generate(g, options);
  } finally {
    for (const sql of both) {
      await sql('SET SESSION foreign_key_checks = 1, unique_checks = 1').catch(() => undefined);
    }
  }
}

async function generate(g: GenContext, o: ProvinceOptions): Promise<ProvinceSummary> {
  const log = o.log ?? (() => undefined);
  const ms: Record<string, number> = {};
  let t = Date.now();
  const lap = (name: string, detail = '') => {
    ms[name] = Date.now() - t;
    log(`${name}: ${ms[name]} ms${detail}`);
    t = Date.now();
  };

  const catalogue = catalogueRows();
  const unitW = new BatchWriter(
    g.runner,
    'competency_units',
    ['code', 'name', 'sector', 'kind'],
    1000,
    'INSERT IGNORE',
  );
  for (const row of catalogue) {
    await unitW.add(row);
  }
  await unitW.flush();
  lap('catalogue');
  const schools = await writeSchools(g, o.schools);
  lap('schools');
  const students = await writeStudents(
    g,
    schools,
    o.graduates,
    o.encryptionKey,
    o.studentsBySchool,
  );
  lap('students', ` (database ${students.dbMs} ms)`);
  const employers = await writeEmployers(g, o.companies, o.slots);
  lap('companies+slots');
  const analytics = o.analytics
    ? await writeTracerAndDemand(g, students, employers.companies, o.analytics)
    : undefined;
  if (analytics) {
    lap('outcomes+reports+courses');
  }
  return {
    schools: schools.length,
    students: students.students,
    studentUnits: students.units,
    companies: employers.companies.length,
    slots: employers.slots,
    seats: employers.seats,
    units: catalogue.length,
    analytics,
    ms,
  };
}
