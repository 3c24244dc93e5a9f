import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { FieldCipher } from '../../src/common/crypto/field-cipher';
import { createUnits } from './reference.factory';

/**
 * Many graduates and open slots at once, with multi-row inserts: enough rows that a matching
 * round takes a noticeable moment. Deterministic for a seed.
 */
export async function createMatchingPopulation(
  app: INestApplication,
  dataSource: DataSource,
  options: {
    schoolId: number;
    companyId: number;
    students: number;
    slots: number;
    seed?: number;
    /** Where the graduates live and the slots lie; 3672 (Kota Cilegon) by default. */
    regionCode?: string;
  },
): Promise<void> {
  const regionCode = options.regionCode ?? '3672';
  let state = options.seed ?? 1;
  const next = (n: number): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % n;
  };
  const units = Array.from({ length: 40 }, (_, i) => `BULK-${String(i).padStart(3, '0')}`);
  await createUnits(
    dataSource,
    units.map((code) => ({ code })),
  );
  const cipher = app.get(FieldCipher);
  const worker = String(Number(process.env.JEST_WORKER_ID ?? 1) % 10);
  const base = Number(
    (await dataSource.query<{ n: number }[]>('SELECT COALESCE(MAX(id), 0) AS n FROM students'))[0]
      .n,
  );
  for (let start = 0; start < options.students; start += 1000) {
    const rows = [];
    for (let i = start; i < Math.min(start + 1000, options.students); i++) {
      const nik = `3672${worker}${String(base + i).padStart(11, '0')}`;
      rows.push([
        `8${worker}${String(base + i).padStart(8, '0')}`,
        cipher.encrypt(nik),
        cipher.hash(nik),
        `${nik.slice(0, 4)}********${nik.slice(12)}`,
        `Lulusan ${i}`,
        '2006-05-05',
        i % 2 === 0 ? 'L' : 'P',
        options.schoolId,
        'TKR',
        regionCode,
        2023,
        2026,
        'graduated',
      ]);
    }
    await dataSource.query(
      `INSERT INTO students (nisn, nik_ciphertext, nik_hash, nik_masked, name, birth_date, gender, school_id,
                             program_code, domicile_region_code, enrolment_year, graduation_year, status) VALUES ?`,
      [rows],
    );
  }
  const ids = (
    await dataSource.query<{ id: number }[]>('SELECT id FROM students WHERE id > ? ORDER BY id', [
      base,
    ])
  ).map((r) => r.id);
  for (let start = 0; start < ids.length; start += 1000) {
    const held = ids.slice(start, start + 1000).flatMap((id) => {
      const picked = new Set<string>();
      while (picked.size < 6) {
        picked.add(units[next(units.length)]);
      }
      return [...picked].map((unit) => [id, unit, 1 + next(5), 'assessment', 'bulk', '2026-05-01']);
    });
    await dataSource.query(
      'INSERT INTO student_competencies (student_id, unit_code, level, source, evidence_ref, achieved_on) VALUES ?',
      [held],
    );
  }
  const slotRows = Array.from({ length: options.slots }, (_, i) => [
    options.companyId,
    `Magang ${i}`,
    'bulk',
    regionCode,
    1 + next(3),
    '2027-01-04',
    '2027-06-30',
    'open',
  ]);
  const slotBase = Number(
    (await dataSource.query<{ n: number }[]>('SELECT COALESCE(MAX(id), 0) AS n FROM slots'))[0].n,
  );
  await dataSource.query(
    `INSERT INTO slots (company_id, title, description, region_code, capacity, start_date, end_date, status) VALUES ?`,
    [slotRows],
  );
  const slotIds = (
    await dataSource.query<{ id: number }[]>(
      "SELECT id FROM slots WHERE description = 'bulk' AND id > ? ORDER BY id",
      [slotBase],
    )
  ).map((r) => r.id);
  const requirements = slotIds.flatMap((slotId) => {
    const picked = new Set<string>();
    while (picked.size < 2) {
      picked.add(units[next(units.length)]);
    }
    return [...picked].map((unit) => [slotId, unit, 1 + next(3), '1.00']);
  });
  await dataSource.query(
    'INSERT INTO slot_requirements (slot_id, unit_code, min_level, weight) VALUES ?',
    [requirements],
  );
}
