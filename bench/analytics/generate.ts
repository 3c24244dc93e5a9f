import type { Connection } from 'mysql2/promise';
import { generateProvinceWith } from '../../scripts/generate/province';
import type { Sql } from '../../scripts/generate/writer';

/**
 * The analytics bench's province now comes from the one shared generator
 * (scripts/generate/province.ts: realistic sectors per region, encrypted NIKs, the 20 % and
 * 12-month rules), with its analytics layer: tracer-study outcomes, vacancy reports, courses
 * and planned cohorts. This file keeps the bench's original API.
 */

/** Sizes of the generated province (the figures by default). */
export interface ProvinceSize {
  graduates: number;
  companies: number;
  slots: number;
  /** Kept for the API; the shared catalogue has a fixed 204 units in 15 sectors. */
  units: number;
  schools: number;
  year: number;
}

/** Writes the province straight into an empty, migrated database with multi-row inserts. */
export async function generateProvince(
  db: Connection,
  size: ProvinceSize,
  coordinatorId: number,
  log: (line: string) => void,
): Promise<void> {
  const sql: Sql = async (text, params) => {
    const [rows] = await db.query(text, params);
    return rows as unknown[];
  };
  const summary = await generateProvinceWith(sql, sql, {
    seed: 20_260_601,
    schools: size.schools,
    graduates: size.graduates,
    companies: size.companies,
    slots: size.slots,
    graduationYear: size.year,
    // The bench boots the app with the test environment's key, so the app can read the NIKs.
    encryptionKey: process.env.ENCRYPTION_KEY ?? 'a1'.repeat(32),
    analytics: { coordinatorId },
    log,
  });
  log(
    `students: ${summary.students}, units held: ${summary.studentUnits}, companies: ${summary.companies}, slots: ${summary.slots}, outcomes: ${summary.analytics?.outcomes ?? 0}, vacancy reports: ${summary.analytics?.reports ?? 0}`,
  );
  await db.query(
    'ANALYZE TABLE students, student_competencies, outcomes, slots, slot_requirements, vacancy_reports',
  );
}
