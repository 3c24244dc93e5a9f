import { Role } from '../../src/common/auth/role.enum';
import { CohortStatus } from '../../src/modules/cohorts/cohort.entity';
import {
  CompetencySource,
  StudentCompetency,
} from '../../src/modules/competencies/student-competency.entity';
import { createCohort, createCourse } from '../factories/courses.factory';
import { createSchool } from '../factories/schools.factory';
import { createStudent } from '../factories/students.factory';
import { createTestApp, resetState, signInAs, SignedIn, TestApp } from '../helpers/test-app';

const A = 'C.293000.001.01';
const B = 'C.293000.002.01';
const C = 'C.293000.003.01';

describe('Cohort results and completion (e2e)', () => {
  let sut: TestApp;
  let coordinator: SignedIn;
  let courseId: number;
  let schoolId: number;

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());
  beforeEach(async () => {
    await resetState(sut);
    coordinator = await signInAs(sut, Role.Coordinator);
    courseId = (await createCourse(sut.dataSource, { [A]: 3, [B]: 2, [C]: 4 })).id;
    schoolId = (await createSchool(sut.dataSource)).id;
  });

  const url = (cohortId: number, rest = ''): string => `/api/v1/cohorts/${cohortId}${rest}`;

  const enrol = async (cohortId: number, studentId: number): Promise<number> =>
    (
      await sut
        .http()
        .post(url(cohortId, '/enrolments'))
        .set(coordinator.auth)
        .send({ studentId })
        .expect(201)
    ).body.id;

  const record = (cohortId: number, enrolmentId: number, body: Record<string, unknown>) =>
    sut
      .http()
      .put(url(cohortId, `/enrolments/${enrolmentId}/result`))
      .set(coordinator.auth)
      .send(body);

  const held = async (studentId: number): Promise<Record<string, Partial<StudentCompetency>>> => {
    const rows = await sut.dataSource
      .getRepository(StudentCompetency)
      .find({ where: { studentId }, order: { unitCode: 'ASC' } });
    return Object.fromEntries(
      rows.map((r) => [
        r.unitCode,
        { level: r.level, source: r.source, evidenceRef: r.evidenceRef },
      ]),
    );
  };

  /** A running cohort with five students in the situations completion must tell apart. */
  const scenario = async () => {
    const cohort = await createCohort(sut.dataSource, courseId, coordinator.userId, {
      capacity: 10,
      startDate: '2026-03-01',
      endDate: '2026-04-30',
    });
    const fresh = await createStudent(sut.app, sut.dataSource, schoolId);
    const holder = await createStudent(sut.app, sut.dataSource, schoolId, {
      units: { [A]: 5, [B]: 1 },
    });
    const failed = await createStudent(sut.app, sut.dataSource, schoolId);
    const leaver = await createStudent(sut.app, sut.dataSource, schoolId);
    const unassessed = await createStudent(sut.app, sut.dataSource, schoolId);
    const ids = {
      fresh: await enrol(cohort.id, fresh.id),
      holder: await enrol(cohort.id, holder.id),
      failed: await enrol(cohort.id, failed.id),
      leaver: await enrol(cohort.id, leaver.id),
      unassessed: await enrol(cohort.id, unassessed.id),
    };
    await sut.http().post(url(cohort.id, '/start')).set(coordinator.auth).expect(200);
    await record(cohort.id, ids.fresh, { attendancePct: 95, result: 'competent' }).expect(200);
    await record(cohort.id, ids.holder, { attendancePct: 85, result: 'competent' }).expect(200);
    await record(cohort.id, ids.failed, { attendancePct: 60, result: 'not_yet_competent' }).expect(
      200,
    );
    await record(cohort.id, ids.leaver, { result: 'competent' }).expect(200);
    await record(cohort.id, ids.unassessed, { attendancePct: 70 }).expect(200);
    await sut
      .http()
      .post(url(cohort.id, `/enrolments/${ids.leaver}/withdraw`))
      .set(coordinator.auth)
      .expect(200);
    return { cohort, students: { fresh, holder, failed, leaver, unassessed }, ids };
  };

  it('awards the course units to exactly the competent students, raising but never lowering', async () => {
    const { cohort, students } = await scenario();
    const evidence = `cohort:${cohort.id}`;
    const done = await sut
      .http()
      .post(url(cohort.id, '/complete'))
      .set(coordinator.auth)
      .expect(200);
    expect(done.body).toMatchObject({
      alreadyCompleted: false,
      studentsAwarded: 2,
      unitsAwarded: 6,
      levelsRaised: 5,
      cohort: { status: 'completed' },
    });
    const course = { source: CompetencySource.Course, evidenceRef: evidence };
    expect(await held(students.fresh.id)).toEqual({
      [A]: { level: 3, ...course },
      [B]: { level: 2, ...course },
      [C]: { level: 4, ...course },
    });
    // Level 5 in A stays level 5 with its own evidence; level 1 in B rises to the course's 2.
    expect(await held(students.holder.id)).toEqual({
      [A]: { level: 5, source: CompetencySource.Assessment, evidenceRef: 'test' },
      [B]: { level: 2, ...course },
      [C]: { level: 4, ...course },
    });
    expect(await held(students.failed.id)).toEqual({});
    expect(await held(students.leaver.id)).toEqual({});
    expect(await held(students.unassessed.id)).toEqual({});
    const [{ achieved }] = await sut.dataSource.query(
      'SELECT DISTINCT achieved_on AS achieved FROM student_competencies WHERE evidence_ref = ?',
      [evidence],
    );
    expect(achieved).toBe('2026-04-30');
  });

  it('completing again awards nothing twice and answers alreadyCompleted', async () => {
    const { cohort } = await scenario();
    await sut.http().post(url(cohort.id, '/complete')).set(coordinator.auth).expect(200);
    const snapshot = async () =>
      sut.dataSource.query(
        'SELECT student_id, unit_code, level, source, evidence_ref, updated_at FROM student_competencies ORDER BY student_id, unit_code',
      );
    const before = await snapshot();
    const again = await sut
      .http()
      .post(url(cohort.id, '/complete'))
      .set(coordinator.auth)
      .expect(200);
    expect(again.body).toMatchObject({
      alreadyCompleted: true,
      unitsAwarded: 6,
      studentsAwarded: 2,
    });
    expect(await snapshot()).toEqual(before);
    const [{ n }] = await sut.dataSource.query('SELECT COUNT(*) AS n FROM cohort_awards');
    expect(Number(n)).toBe(6);
  });

  it('of ten concurrent completions exactly one awards', async () => {
    const { cohort } = await scenario();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        sut.http().post(url(cohort.id, '/complete')).set(coordinator.auth),
      ),
    );
    expect(responses.map((r) => r.status).every((s) => s === 200)).toBe(true);
    expect(responses.filter((r) => r.body.alreadyCompleted === false)).toHaveLength(1);
    const [{ n }] = await sut.dataSource.query('SELECT COUNT(*) AS n FROM cohort_awards');
    expect(Number(n)).toBe(6);
  });

  it('a later cohort of a higher-level course raises again and takes over the evidence', async () => {
    const { cohort, students } = await scenario();
    await sut.http().post(url(cohort.id, '/complete')).set(coordinator.auth).expect(200);
    const advanced = await createCourse(sut.dataSource, { [A]: 4, [B]: 1 });
    const next = await createCohort(sut.dataSource, advanced.id, coordinator.userId, {
      status: CohortStatus.Running,
      startDate: '2026-05-01',
      endDate: '2026-05-31',
    });
    const enrolment = await enrol(next.id, students.fresh.id);
    await record(next.id, enrolment, { result: 'competent' }).expect(200);
    const done = await sut.http().post(url(next.id, '/complete')).set(coordinator.auth).expect(200);
    expect(done.body).toMatchObject({ unitsAwarded: 2, levelsRaised: 1 });
    expect(await held(students.fresh.id)).toMatchObject({
      [A]: { level: 4, evidenceRef: `cohort:${next.id}` },
      [B]: { level: 2, evidenceRef: `cohort:${cohort.id}` },
    });
  });

  it('records results only while the cohort runs, for active enrolments, within 0–100 %', async () => {
    const cohort = await createCohort(sut.dataSource, courseId, coordinator.userId);
    const enrolment = await enrol(
      cohort.id,
      (await createStudent(sut.app, sut.dataSource, schoolId)).id,
    );
    const early = await record(cohort.id, enrolment, { result: 'competent' }).expect(422);
    expect(early.body.code).toBe('cohort_not_running');
    await sut.http().post(url(cohort.id, '/start')).set(coordinator.auth).expect(200);
    await record(cohort.id, enrolment, { attendancePct: 101 }).expect(400);
    await record(cohort.id, enrolment, {}).expect(400);
    await record(cohort.id, enrolment, { result: 'excellent' }).expect(400);
    const ok = await record(cohort.id, enrolment, { attendancePct: 88 }).expect(200);
    expect(ok.body).toMatchObject({ attendancePct: 88, result: null });
    await record(cohort.id + 1, enrolment, { result: 'competent' }).expect(404);
    const schoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId });
    await sut
      .http()
      .put(url(cohort.id, `/enrolments/${enrolment}/result`))
      .set(schoolAdmin.auth)
      .send({ result: 'competent' })
      .expect(403);
    await sut.http().post(url(cohort.id, '/complete')).set(coordinator.auth).expect(200);
    const late = await record(cohort.id, enrolment, { result: 'competent' }).expect(422);
    expect(late.body.code).toBe('cohort_not_running');
    const withdrawLate = await sut
      .http()
      .post(url(cohort.id, `/enrolments/${enrolment}/withdraw`))
      .set(coordinator.auth)
      .expect(422);
    expect(withdrawLate.body.code).toBe('cohort_closed');
  });

  it('shows the coordinator fill rate, completion rate and units awarded, and their cohorts by status', async () => {
    const { cohort } = await scenario();
    await sut.http().post(url(cohort.id, '/complete')).set(coordinator.auth).expect(200);
    const stats = await sut.http().get(url(cohort.id, '/stats')).set(coordinator.auth).expect(200);
    expect(stats.body).toEqual({
      cohortId: cohort.id,
      status: 'completed',
      capacity: 10,
      enrolled: 4,
      withdrawn: 1,
      fillRate: 0.4,
      assessed: 3,
      competent: 2,
      notYetCompetent: 1,
      completionRate: 0.5,
      averageAttendancePct: 77.5,
      studentsAwarded: 2,
      unitsAwarded: 6,
      levelsRaised: 5,
      awardsByUnit: [
        { unitCode: A, level: 3, students: 2 },
        { unitCode: B, level: 2, students: 2 },
        { unitCode: C, level: 4, students: 2 },
      ],
    });
    await createCohort(sut.dataSource, courseId, coordinator.userId, { capacity: 4 });
    await createCohort(sut.dataSource, courseId, coordinator.userId, {
      status: CohortStatus.Running,
    });
    const other = await signInAs(sut, Role.Coordinator);
    await createCohort(sut.dataSource, courseId, other.userId);
    const view = await sut
      .http()
      .get('/api/v1/cohorts/coordinator-view')
      .set(coordinator.auth)
      .expect(200);
    expect(view.body.coordinatorId).toBe(coordinator.userId);
    const counts = Object.fromEntries(
      view.body.statuses.map((s: { status: string; count: number }) => [s.status, s.count]),
    );
    expect(counts).toEqual({ planned: 1, running: 1, completed: 1, cancelled: 0 });
    const completed = view.body.statuses.find((s: { status: string }) => s.status === 'completed');
    expect(completed.cohorts[0]).toMatchObject({ id: cohort.id, enrolledCount: 4, fillRate: 0.4 });
    const schoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId });
    await sut.http().get(url(cohort.id, '/stats')).set(schoolAdmin.auth).expect(403);
    await sut.http().get('/api/v1/cohorts/coordinator-view').set(schoolAdmin.auth).expect(403);
  });
});
