import { createHash } from 'node:crypto';
import { Role } from '../../src/common/auth/role.enum';
import { addDays } from '../../src/common/database/dates';
import { isWorkingDay, localToday } from '../../src/modules/monitoring/monitoring.rules';
import { loginAsAdmin, signInAs, SignedIn, TestApp } from '../helpers/test-app';
import { createCompany, createSlot } from './companies.factory';
import { createCohort, createCourse } from './courses.factory';
import { createSchool } from './schools.factory';
import { createStudent } from './students.factory';

/** The competency unit the worlds' slots require, their students hold and their course teaches. */
export const WORLD_UNIT = 'MX-UNIT-01';
/** A second unit, held by nobody: free to record in a test. */
export const SPARE_UNIT = 'MX-UNIT-02';
export const VACANCY_PERIOD = '2026-06';

/** The signed-in users tied to one world. */
export interface WorldActors {
  [Role.SchoolAdmin]: SignedIn;
  [Role.CompanyAdmin]: SignedIn;
  /** The students' own accounts: st (the offer), st2 (the accepted one), st3 (the active one). */
  students: { st: SignedIn; st2: SignedIn; st3: SignedIn };
  /** A coordinator limited to this world's region. */
  limited: SignedIn;
  /** The school's teacher and the company's mentor, assigned to the active and done placements. */
  [Role.Teacher]: SignedIn;
  [Role.Mentor]: SignedIn;
}

/** A tiny valid PNG (1×1 grey), for photo and evidence uploads. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * One tenant: a school and a company of one region with everything hung on them, in every
 * state a route needs (an offer, an accepted and an active placement, a planned and a running
 * cohort with enrolments, a finished round of the region...).
 */
export interface World {
  name: 'A' | 'B';
  region: string;
  schoolId: number;
  companyId: number;
  companyName: string;
  /** A company not yet verified (for /verify). */
  unverifiedCompanyId: number;
  students: { st: number; st2: number; st3: number; st4: number };
  slotId: number;
  draftSlotId: number;
  /** done: st3's earlier placement, completed with its assessment and certificate. */
  placements: { offered: number; accepted: number; active: number; done: number };
  /** The active placement's monitoring: a journal entry (with a photo) on `workday`, a sakit
   * attendance record (with evidence) on `workday`, a visit; `freeDay` has no entry. */
  workday: string;
  freeDay: string;
  journalEntryId: number;
  attendanceId: number;
  visitId: number;
  teacherUserId: number;
  mentorUserId: number;
  cohortId: number;
  runningCohortId: number;
  /** st's enrolment in the planned cohort; st2's in the running one. */
  enrolmentId: number;
  runningEnrolmentId: number;
  /** st's outcome (recorded by the school); outcomeIds: every outcome of the world's students. */
  outcomeId: number;
  outcomeIds: number[];
  importId: number;
  outcomeImportId: number;
  agreementId: number;
  vacancyReportId: number;
  /** A completed round scoped to this region, with proposals (st, st4) and unmatched (st2). */
  roundId: number;
  /** A queued round of this region (for /cancel). */
  queuedRoundId: number;
  /** A user nobody signs in as (for /users/:id and /disable). */
  spareUserId: number;
  /** The outbox events of this world's placements. */
  eventIds: number[];
  actors: WorldActors;
}

export interface Worlds {
  admin: SignedIn;
  coordinator: SignedIn;
  courseId: number;
  a: World;
  b: World;
}

/** Builds world A (region 3672) and world B (region 3602), through the API where simpler. */
export async function createWorlds(sut: TestApp): Promise<Worlds> {
  const admin = await loginAsAdmin(sut);
  const coordinator = await signInAs(sut, Role.Coordinator);
  const course = await createCourse(sut.dataSource, { [WORLD_UNIT]: 2, [SPARE_UNIT]: 1 });
  const [a, b] = await Promise.all([
    createWorld(sut, admin, coordinator, course.id, 'A', '3672'),
    createWorld(sut, admin, coordinator, course.id, 'B', '3602'),
  ]);
  return { admin, coordinator, courseId: course.id, a, b };
}

async function createWorld(
  sut: TestApp,
  admin: SignedIn,
  coordinator: SignedIn,
  courseId: number,
  name: 'A' | 'B',
  region: string,
): Promise<World> {
  const ds = sut.dataSource;
  const http = (): ReturnType<TestApp['http']> => sut.http();
  const school = await createSchool(ds, { regionCode: region, programs: ['TKR', 'AKL'] });
  const company = await createCompany(ds, {
    regionCode: region,
    workforceSize: 500,
    verifiedAt: new Date('2026-01-05T00:00:00Z'),
  });
  const unverified = await createCompany(ds, { regionCode: region, workforceSize: 50 });
  const student = (consent: boolean) =>
    createStudent(sut.app, ds, school.id, {
      domicileRegionCode: region,
      parentalConsent: consent,
      units: { [WORLD_UNIT]: 3 },
    });
  const [st, st2, st3, st4] = [
    await student(true),
    await student(true),
    await student(true),
    await student(true),
  ];
  const slot = await createSlot(ds, company.id, {
    regionCode: region,
    capacity: 6,
    requirements: [{ unit: WORLD_UNIT, minLevel: 1 }],
    programCodes: ['TKR'],
  });
  const draft = await createSlot(ds, company.id, {
    regionCode: region,
    status: 'draft' as never,
    requirements: [{ unit: WORLD_UNIT, minLevel: 1 }],
  });

  const offer = async (studentId: number): Promise<number> =>
    (
      await http()
        .post('/api/v1/placements')
        .set(admin.auth)
        .send({ studentId, slotId: slot.id })
        .expect(201)
    ).body.id as number;
  const [teacher, mentor] = await Promise.all([
    signInAs(sut, Role.Teacher, { schoolId: school.id }),
    signInAs(sut, Role.Mentor, { companyId: company.id }),
  ]);
  const today = localToday();
  let workday = today;
  while (!isWorkingDay(workday)) {
    workday = addDays(workday, -1);
  }
  /** Under way since a month ago, so its days up to today are journal days. */
  const underWay = async (id: number): Promise<void> => {
    await ds.query('UPDATE placements SET start_date = ?, end_date = ? WHERE id = ?', [
      addDays(today, -30),
      addDays(today, 60),
      id,
    ]);
    for (const [kind, who] of [
      ['teacher', teacher],
      ['mentor', mentor],
    ] as const) {
      await http()
        .put(`/api/v1/placements/${id}/${kind}`)
        .set(admin.auth)
        .send({ userId: who.userId })
        .expect(200);
    }
  };
  // st3's first apprenticeship, completed by the mentor's assessment (with its certificate).
  const done = await offer(st3.id);
  await http().post(`/api/v1/placements/${done}/accept`).set(admin.auth).expect(200);
  await http().post(`/api/v1/placements/${done}/start`).set(admin.auth).expect(200);
  await underWay(done);
  await http()
    .post(`/api/v1/placements/${done}/assessment`)
    .set(mentor.auth)
    .send(ASSESSMENT)
    .expect(200);

  const offered = await offer(st.id);
  const accepted = await offer(st2.id);
  await http().post(`/api/v1/placements/${accepted}/accept`).set(admin.auth).expect(200);
  const active = await offer(st3.id);
  await http().post(`/api/v1/placements/${active}/accept`).set(admin.auth).expect(200);
  await http().post(`/api/v1/placements/${active}/start`).set(admin.auth).expect(200);
  await underWay(active);
  const st3Auth = (await signInAs(sut, Role.Student, { studentId: st3.id })).auth;
  const entry = await http()
    .post(`/api/v1/placements/${active}/journal`)
    .set(st3Auth)
    .send({ date: workday, activities: 'Servis berkala', unitCodes: [WORLD_UNIT], hours: 7 })
    .expect(201);
  await http()
    .put(`/api/v1/journal-entries/${entry.body.id}/photo`)
    .set(st3Auth)
    .attach('file', TINY_PNG, 'foto.png')
    .expect(200);
  const attendance = await http()
    .put(`/api/v1/placements/${active}/attendance/${workday}`)
    .set(st3Auth)
    .send({ status: 'sakit', note: 'demam' })
    .expect(200);
  await http()
    .put(`/api/v1/attendance/${attendance.body.id}/evidence`)
    .set(st3Auth)
    .attach('file', TINY_PNG, 'surat.png')
    .expect(200);
  const visit = await http()
    .post(`/api/v1/placements/${active}/visits`)
    .set(teacher.auth)
    .send({ visitDate: workday, notes: 'Kunjungan pertama', findings: 'Baik' })
    .expect(201);

  const cohort = await createCohort(ds, courseId, coordinator.userId, {
    regionCode: region,
    startDate: '2026-09-01',
    endDate: '2026-09-30',
  });
  const running = await createCohort(ds, courseId, coordinator.userId, {
    regionCode: region,
    startDate: '2026-08-01',
    endDate: '2026-08-30',
  });
  const enrol = async (cohortId: number, studentId: number): Promise<number> =>
    (
      await http()
        .post(`/api/v1/cohorts/${cohortId}/enrolments`)
        .set(admin.auth)
        .send({ studentId })
        .expect(201)
    ).body.id as number;
  const enrolmentId = await enrol(cohort.id, st.id);
  const runningEnrolmentId = await enrol(running.id, st2.id);
  await http().post(`/api/v1/cohorts/${running.id}/start`).set(admin.auth).expect(200);

  const outcome = await http()
    .post('/api/v1/outcomes')
    .set(admin.auth)
    .send({ studentId: st.id, status: 'employed', outcomeDate: '2026-09-01', employerName: 'PT X' })
    .expect(201);

  const importId = await insertImport(sut, school.id, admin.userId, 'students');
  const outcomeImportId = await insertImport(sut, school.id, admin.userId, 'outcomes');

  const agreement = await ds.query<{ insertId: number }>(
    'INSERT INTO agreements (school_id, company_id, document_number, valid_from, valid_until) VALUES (?, ?, ?, ?, ?)',
    [school.id, company.id, `PKS/${name}/2026`, '2026-01-01', '2027-12-31'],
  );
  await ds.query('INSERT INTO agreement_programs (agreement_id, program_code) VALUES (?, ?)', [
    agreement.insertId,
    'TKR',
  ]);
  const report = await ds.query<{ insertId: number }>(
    `INSERT INTO vacancy_reports (company_id, period, title, kbji_code, vacancy_count, education_level,
                                  region_code, wage_min, wage_max, unit_codes)
     VALUES (?, ?, 'Operator', '8189', 2, 'SMK', ?, 4000000, 5000000, '')`,
    [company.id, VACANCY_PERIOD, region],
  );

  await ds.query('INSERT INTO student_preferences (student_id, `rank`, slot_id) VALUES (?, 1, ?)', [
    st.id,
    slot.id,
  ]);
  await ds.query(
    'INSERT INTO slot_rankings (slot_id, `rank`, student_id) VALUES (?, 1, ?), (?, 2, ?)',
    [slot.id, st.id, slot.id, st4.id],
  );

  const roundId = await insertRound(sut, coordinator.userId, region, 'completed');
  const queuedRoundId = await insertRound(sut, coordinator.userId, region, 'queued');
  for (const studentId of [st.id, st4.id]) {
    await ds.query(
      `INSERT INTO matching_proposals (run_id, student_id, slot_id, school_id, company_id, score, \`rank\`, explanation)
       VALUES (?, ?, ?, ?, ?, 0.9, 1, '{}')`,
      [roundId, studentId, slot.id, school.id, company.id],
    );
  }
  await ds.query(
    `INSERT INTO matching_unmatched (run_id, student_id, school_id, reason_code, slot_id, company_id, reason)
     VALUES (?, ?, ?, 'outranked', ?, ?, '{}')`,
    [roundId, st2.id, school.id, slot.id, company.id],
  );

  const spare = await ds.query<{ insertId: number }>(
    "INSERT INTO users (email, name, password_hash, role, school_id, region_codes) VALUES (?, 'Spare', 'x', 'school_admin', ?, '')",
    [`spare.${name}.${Date.now()}@test.local`, school.id],
  );
  const events = await ds.query<{ id: number; payload: string }[]>(
    'SELECT id, payload FROM outbox_events',
  );
  const eventIds = events
    .filter((e) => (JSON.parse(e.payload) as { schoolId?: number }).schoolId === school.id)
    .map((e) => e.id);

  const outcomes = await ds.query<{ id: number }[]>(
    'SELECT id FROM outcomes WHERE student_id IN (?) ORDER BY id',
    [[st.id, st2.id, st3.id, st4.id]],
  );

  const [schoolAdmin, companyAdmin, stUser, st2User, st3User, limited] = await Promise.all([
    signInAs(sut, Role.SchoolAdmin, { schoolId: school.id }),
    signInAs(sut, Role.CompanyAdmin, { companyId: company.id }),
    signInAs(sut, Role.Student, { studentId: st.id }),
    signInAs(sut, Role.Student, { studentId: st2.id }),
    signInAs(sut, Role.Student, { studentId: st3.id }),
    signInAs(sut, Role.Coordinator, { regionCodes: [region] }),
  ]);

  return {
    name,
    region,
    schoolId: school.id,
    companyId: company.id,
    companyName: company.name,
    unverifiedCompanyId: unverified.id,
    students: { st: st.id, st2: st2.id, st3: st3.id, st4: st4.id },
    slotId: slot.id,
    draftSlotId: draft.id,
    placements: { offered, accepted, active, done },
    workday,
    freeDay: addDays(workday, -7),
    journalEntryId: entry.body.id as number,
    attendanceId: attendance.body.id as number,
    visitId: visit.body.id as number,
    teacherUserId: teacher.userId,
    mentorUserId: mentor.userId,
    cohortId: cohort.id,
    runningCohortId: running.id,
    enrolmentId,
    runningEnrolmentId,
    outcomeId: outcome.body.id as number,
    outcomeIds: outcomes.map((o) => o.id),
    importId,
    outcomeImportId,
    agreementId: agreement.insertId,
    vacancyReportId: report.insertId,
    roundId,
    queuedRoundId,
    spareUserId: spare.insertId,
    eventIds,
    actors: {
      [Role.SchoolAdmin]: schoolAdmin,
      [Role.CompanyAdmin]: companyAdmin,
      students: { st: stUser, st2: st2User, st3: st3User },
      limited,
      [Role.Teacher]: teacher,
      [Role.Mentor]: mentor,
    },
  };
}

/** The worlds' final assessment: their slots require WORLD_UNIT only. */
export const ASSESSMENT = {
  units: [{ unitCode: WORLD_UNIT, level: 4 }],
  attitudes: { discipline: 90, teamwork: 85, initiative: 80, communication: 88 },
  notes: 'Rajin',
};

/** A finished import of a school, with one rejected row. */
async function insertImport(
  sut: TestApp,
  schoolId: number,
  createdBy: number,
  kind: 'students' | 'outcomes',
): Promise<number> {
  const content = `nisn\n${schoolId}${kind}`;
  const result = await sut.dataSource.query<{ insertId: number }>(
    `INSERT INTO imports (kind, school_id, created_by, status, file_name, content_sha256,
                          total_rows, next_row, rejected_count, finished_at)
     VALUES (?, ?, ?, 'completed', 'x.csv', ?, 1, 1, 1, NOW(3))`,
    [kind, schoolId, createdBy, createHash('sha256').update(content).digest('hex')],
  );
  await sut.dataSource.query(
    'INSERT INTO import_file_parts (import_id, part, bytes) VALUES (?, 0, ?)',
    [result.insertId, Buffer.from(content)],
  );
  await sut.dataSource.query(
    "INSERT INTO import_row_errors (import_id, `row_number`, field, reason) VALUES (?, 2, 'nisn', 'bad')",
    [result.insertId],
  );
  return result.insertId;
}

/**
 * A round scoped to one region. Its scope regions go to `matching_run_regions` when that table
 * exists (the access policy reads it).
 */
async function insertRound(
  sut: TestApp,
  createdBy: number,
  region: string,
  status: 'completed' | 'queued',
): Promise<number> {
  const scope = {
    regionCodes: [region],
    graduationYear: null,
    cohortId: null,
    onlyUnplaced: false,
  };
  const done = status === 'completed';
  const result = await sut.dataSource.query<{ insertId: number }>(
    `INSERT INTO matching_runs (status, stage, progress, mode, scope, options, stats, created_by, started_at, finished_at)
     VALUES (?, ?, ?, 'stable', ?, '{}', ?, ?, ?, ?)`,
    [
      status,
      done ? 'done' : 'queued',
      done ? 100 : 0,
      JSON.stringify(scope),
      done ? '{}' : null,
      createdBy,
      done ? new Date() : null,
      done ? new Date() : null,
    ],
  );
  const [table] = await sut.dataSource.query<unknown[]>(
    "SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'matching_run_regions'",
  );
  if (table) {
    await sut.dataSource.query(
      'INSERT INTO matching_run_regions (run_id, region_code) VALUES (?, ?)',
      [result.insertId, region],
    );
  }
  return result.insertId;
}
