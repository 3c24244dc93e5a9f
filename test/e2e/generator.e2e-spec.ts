import { generateProvince, ProvinceOptions } from '../../scripts/generate/province';
import { FieldCipher } from '../../src/common/crypto/field-cipher';
import { addMonths, ageOn } from '../../src/common/database/dates';
import { Role } from '../../src/common/auth/role.enum';
import { createTestApp, loginAsAdmin, resetState, signInAs, TestApp } from '../helpers/test-app';

const SIZE: Omit<ProvinceOptions, 'encryptionKey'> = {
  seed: 42,
  schools: 12,
  graduates: 600,
  companies: 60,
  slots: 150,
  graduationYear: 2026,
  batchSize: 100,
};

/** Every generated row but what is random by design (NIK ciphertext) or set by the server. */
const SNAPSHOT: Record<string, string> = {
  schools:
    'SELECT id, npsn, name, region_code, status, accreditation, address FROM schools ORDER BY id',
  school_programs: 'SELECT * FROM school_programs ORDER BY school_id, program_code',
  students:
    'SELECT id, nisn, nik_hash, nik_masked, name, birth_date, gender, school_id, program_code, domicile_region_code, graduation_year, status, parental_consent, phone FROM students ORDER BY id',
  student_competencies:
    'SELECT student_id, unit_code, level, source, evidence_ref, achieved_on FROM student_competencies ORDER BY student_id, unit_code',
  companies:
    'SELECT id, nib, name, kbli_code, region_code, workforce_size, contact_email FROM companies ORDER BY id',
  slots:
    'SELECT id, company_id, title, region_code, capacity, start_date, end_date, stipend, status FROM slots ORDER BY id',
  slot_requirements: 'SELECT * FROM slot_requirements ORDER BY slot_id, unit_code',
  slot_programs: 'SELECT * FROM slot_programs ORDER BY slot_id, program_code',
};

describe('generateProvince', () => {
  let t: TestApp;
  const options = (): ProvinceOptions => ({
    ...SIZE,
    encryptionKey: process.env.ENCRYPTION_KEY as string,
  });
  const count = async (sql: string): Promise<number> => {
    const rows = await t.dataSource.query<{ n: string }[]>(sql);
    return Number(rows[0].n);
  };
  const snapshot = async (): Promise<Record<string, unknown[]>> => {
    const out: Record<string, unknown[]> = {};
    for (const [table, sql] of Object.entries(SNAPSHOT)) {
      out[table] = await t.dataSource.query<unknown[]>(sql);
    }
    return out;
  };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await resetState(t);
  });

  it('writes the same rows for the same seed, and other rows for another seed', async () => {
    const sut = await generateProvince(t.dataSource, options());
    expect(sut).toMatchObject({ schools: 12, students: 600, companies: 60, slots: 150 });
    const first = await snapshot();
    expect(first.student_competencies.length).toBe(sut.studentUnits);

    await resetState(t);
    await generateProvince(t.dataSource, options());
    expect(await snapshot()).toEqual(first);

    await resetState(t);
    await generateProvince(t.dataSource, { ...options(), seed: 43 });
    expect((await snapshot()).students).not.toEqual(first.students);
  });

  it('keeps every key consistent and unique', async () => {
    await generateProvince(t.dataSource, options());
    const orphans: Record<string, string> = {
      'student → school': 'students s LEFT JOIN schools x ON x.id = s.school_id WHERE x.id IS NULL',
      'student → programme': 'students s LEFT JOIN programs x ON x.code = s.program_code WHERE x.code IS NULL',
      'student → region': 'students s LEFT JOIN regions x ON x.code = s.domicile_region_code WHERE x.code IS NULL',
      'student programme run by the school':
        'students s LEFT JOIN school_programs x ON x.school_id = s.school_id AND x.program_code = s.program_code WHERE x.school_id IS NULL',
      'unit held → student': 'student_competencies c LEFT JOIN students x ON x.id = c.student_id WHERE x.id IS NULL',
      'unit held → catalogue': 'student_competencies c LEFT JOIN competency_units x ON x.code = c.unit_code WHERE x.code IS NULL',
      'school programme → school': 'school_programs p LEFT JOIN schools x ON x.id = p.school_id WHERE x.id IS NULL',
      'school programme → programme': 'school_programs p LEFT JOIN programs x ON x.code = p.program_code WHERE x.code IS NULL',
      'school → region': 'schools s LEFT JOIN regions x ON x.code = s.region_code WHERE x.code IS NULL',
      'company → region': 'companies c LEFT JOIN regions x ON x.code = c.region_code WHERE x.code IS NULL',
      'slot → company': 'slots s LEFT JOIN companies x ON x.id = s.company_id WHERE x.id IS NULL',
      'slot → region': 'slots s LEFT JOIN regions x ON x.code = s.region_code WHERE x.code IS NULL',
      'requirement → slot': 'slot_requirements r LEFT JOIN slots x ON x.id = r.slot_id WHERE x.id IS NULL',
      'requirement → catalogue': 'slot_requirements r LEFT JOIN competency_units x ON x.code = r.unit_code WHERE x.code IS NULL',
      'slot programme → slot': 'slot_programs p LEFT JOIN slots x ON x.id = p.slot_id WHERE x.id IS NULL',
      'slot programme → programme': 'slot_programs p LEFT JOIN programs x ON x.code = p.program_code WHERE x.code IS NULL',
    }; // prettier-ignore
    for (const [name, from] of Object.entries(orphans)) {
      expect([name, await count(`SELECT COUNT(*) AS n FROM ${from}`)]).toEqual([name, 0]);
    }
    // The load runs with unique_checks off: prove the generator made them unique itself.
    for (const [table, column] of [
      ['students', 'nisn'],
      ['students', 'nik_hash'],
      ['schools', 'npsn'],
      ['companies', 'nib'],
    ]) {
      const dupes = await count(
        `SELECT COUNT(*) AS n FROM (SELECT ${column} FROM ${table} GROUP BY ${column} HAVING COUNT(*) > 1) d`,
      );
      expect([table, column, dupes]).toEqual([table, column, 0]);
    }
    expect(await count('SELECT COUNT(*) AS n FROM competency_units')).toBeGreaterThanOrEqual(200);
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM competency_units WHERE code NOT REGEXP '^[A-U]\\\\.[0-9]{6}\\\\.[0-9]{3}\\\\.[0-9]{2}$'",
      ),
    ).toBe(0);
  });

  it('adds outcomes, vacancy reports and planned cohorts for the analytics, all pointing at real rows', async () => {
    const coordinator = await signInAs(t, Role.Coordinator);
    const sut = await generateProvince(t.dataSource, {
      ...options(),
      analytics: { coordinatorId: coordinator.userId },
    });
    expect(sut.analytics?.outcomes).toBeGreaterThan(400);
    expect(sut.analytics).toMatchObject({ courses: 60, cohorts: 180 });
    expect(sut.analytics?.reports).toBeGreaterThan(60);
    const orphans: Record<string, string> = {
      'outcome → student': 'outcomes o LEFT JOIN students x ON x.id = o.student_id WHERE x.id IS NULL',
      'report → company': 'vacancy_reports r LEFT JOIN companies x ON x.id = r.company_id WHERE x.id IS NULL',
      'course unit → catalogue': 'course_units u LEFT JOIN competency_units x ON x.code = u.unit_code WHERE x.code IS NULL',
      'cohort → course': 'cohorts c LEFT JOIN courses x ON x.id = c.course_id WHERE x.id IS NULL',
      'cohort → coordinator': 'cohorts c LEFT JOIN users x ON x.id = c.coordinator_id WHERE x.id IS NULL',
    }; // prettier-ignore
    for (const [name, from] of Object.entries(orphans)) {
      expect([name, await count(`SELECT COUNT(*) AS n FROM ${from}`)]).toEqual([name, 0]);
    }
    const admin = await loginAsAdmin(t);
    await t.http().get('/api/v1/analytics/unemployment?year=2026').set(admin.auth).expect(200);

    // Vacancies ask for other units than the graduates hold: some units run short somewhere,
    // and the recommendations find courses for them.
    const gaps = await t
      .http()
      .get('/api/v1/analytics/supply-demand?year=2026&sort=gap&order=desc&pageSize=100')
      .set(admin.auth)
      .expect(200);
    const short = gaps.body.items.filter((r: { gap: number }) => r.gap > 0);
    expect(short.length).toBeGreaterThan(0);
    const advice = await t
      .http()
      .get(`/api/v1/analytics/recommendations?year=2026&regionCode=${short[0].regionCode}`)
      .set(admin.auth)
      .expect(200);
    expect(advice.body.recommendations[0]).toMatchObject({
      unitCode: short[0].unitCode,
      gap: short[0].gap,
    });
    expect(
      advice.body.recommendations.some((r: { courses: unknown[] }) => r.courses.length > 0),
    ).toBe(true);

    // The analytics layer is as deterministic as the rest.
    const demand = () =>
      t.dataSource.query(
        'SELECT company_id, period, title, vacancy_count, region_code, unit_codes FROM vacancy_reports ORDER BY id',
      );
    const courseUnits = () =>
      t.dataSource.query('SELECT * FROM course_units ORDER BY course_id, unit_code');
    const first = { demand: await demand(), courseUnits: await courseUnits() };
    await resetState(t);
    const again = await signInAs(t, Role.Coordinator);
    await generateProvince(t.dataSource, {
      ...options(),
      analytics: { coordinatorId: again.userId },
    });
    expect({ demand: await demand(), courseUnits: await courseUnits() }).toEqual(first);
  });

  it('stores NIKs the way the app reads them, and the app serves the generated rows', async () => {
    await generateProvince(t.dataSource, options());
    const cipher = t.app.get(FieldCipher);
    type Row = { id: number; nik_ciphertext: string; nik_hash: string; nik_masked: string; domicile_region_code: string }; // prettier-ignore
    const rows = await t.dataSource.query<Row[]>(
      'SELECT id, nik_ciphertext, nik_hash, nik_masked, domicile_region_code FROM students ORDER BY id LIMIT 50',
    );
    for (const row of rows) {
      const nik = cipher.decrypt(row.nik_ciphertext);
      expect(nik).toMatch(/^36\d{14}$/);
      expect(nik.slice(0, 4)).toBe(row.domicile_region_code);
      expect(cipher.hash(nik)).toBe(row.nik_hash);
      expect(row.nik_masked).toBe(`${nik.slice(0, 4)}********${nik.slice(12)}`);
    }
    const admin = await loginAsAdmin(t);
    const student = await t
      .http()
      .get(`/api/v1/students/${rows[0].id}`)
      .set(admin.auth)
      .expect(200);
    expect(student.body).toMatchObject({ status: 'graduated', graduationYear: 2026 });
  });

  it('respects the 20 % rule, the 12-month rule and the apprentices’ ages', async () => {
    await generateProvince(t.dataSource, options());
    const over = await count(
      `SELECT COUNT(*) AS n FROM (
         SELECT c.id FROM companies c JOIN slots s ON s.company_id = c.id AND s.status = 'open'
         GROUP BY c.id, c.workforce_size HAVING SUM(s.capacity) > FLOOR(c.workforce_size * 0.2)) o`,
    );
    expect(over).toBe(0);

    const slots = await t.dataSource.query<
      { startDate: string; endDate: string; capacity: number; status: string }[]
    >('SELECT start_date AS startDate, end_date AS endDate, capacity, status FROM slots');
    for (const slot of slots) {
      expect(slot.status).toBe('open');
      expect(slot.capacity).toBeGreaterThanOrEqual(1);
      expect(slot.capacity).toBeLessThanOrEqual(5);
      expect(slot.endDate > slot.startDate).toBe(true);
      expect(slot.endDate < addMonths(slot.startDate, 12)).toBe(true);
      expect(slot.startDate >= '2026-07-01' && slot.startDate < '2027-07-01').toBe(true);
    }
    const firstStart = slots.map((s) => s.startDate).sort()[0];

    const students = await t.dataSource.query<
      { birthDate: string; consent: number; status: string; year: number }[]
    >(
      'SELECT birth_date AS birthDate, parental_consent AS consent, status, graduation_year AS year FROM students',
    );
    for (const s of students) {
      const age = ageOn(s.birthDate, firstStart);
      expect(s.status).toBe('graduated');
      expect(s.year).toBe(2026);
      expect(age >= 18 || (age === 17 && s.consent === 1)).toBe(true);
    }
    expect(students.some((s) => ageOn(s.birthDate, firstStart) === 17)).toBe(true);

    const perStudent = await t.dataSource.query<{ n: string; lo: number; hi: number }[]>(
      'SELECT COUNT(*) AS n, MIN(level) AS lo, MAX(level) AS hi FROM student_competencies GROUP BY student_id',
    );
    expect(perStudent).toHaveLength(600);
    for (const p of perStudent) {
      expect(Number(p.n)).toBeGreaterThanOrEqual(6);
      expect(Number(p.n)).toBeLessThanOrEqual(10);
      expect(p.lo >= 1 && p.hi <= 5).toBe(true);
    }
    const perSlot = await t.dataSource.query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM slot_requirements GROUP BY slot_id',
    );
    expect(perSlot).toHaveLength(150);
    expect(perSlot.every((p) => Number(p.n) >= 2 && Number(p.n) <= 5)).toBe(true);
  });
});
