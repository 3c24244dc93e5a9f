import type { QueryRunner } from 'typeorm';
import { Role } from '../../src/common/auth/role.enum';
import { CohortStatus } from '../../src/modules/cohorts/cohort.entity';
import { EnrolmentsService } from '../../src/modules/cohorts/enrolments.service';
import { createCohort, createCourse } from '../factories/courses.factory';
import { createSchool } from '../factories/schools.factory';
import { createStudent } from '../factories/students.factory';
import { pollFor } from '../helpers/poll';
import { createTestApp, resetState, signInAs, SignedIn, TestApp } from '../helpers/test-app';

/** Races through HTTP against the real database: the counter and the locks must hold. */
describe('Enrolment under concurrency (e2e)', () => {
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
    courseId = (await createCourse(sut.dataSource, { 'C.293000.001.01': 3 })).id;
    schoolId = (await createSchool(sut.dataSource)).id;
  });

  const students = async (n: number): Promise<number[]> => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      ids.push((await createStudent(sut.app, sut.dataSource, schoolId)).id);
    }
    return ids;
  };

  const enrolAll = async (pairs: [number, number][]): Promise<number[]> => {
    const responses = await Promise.all(
      pairs.map(([cohortId, studentId]) =>
        sut
          .http()
          .post(`/api/v1/cohorts/${cohortId}/enrolments`)
          .set(coordinator.auth)
          .send({ studentId }),
      ),
    );
    return responses.map((r) => r.status);
  };

  const dbCounts = async (cohortId: number): Promise<{ rows: number; counter: number }> => {
    const [row] = await sut.dataSource.query(
      `SELECT (SELECT COUNT(*) FROM enrolments WHERE cohort_id = ? AND active = 1) AS \`rows\`,
              (SELECT enrolled_count FROM cohorts WHERE id = ?) AS counter`,
      [cohortId, cohortId],
    );
    return { rows: Number(row.rows), counter: Number(row.counter) };
  };

  it('50 concurrent requests for the last seat: exactly one succeeds, 49 get 409', async () => {
    const cohort = await createCohort(sut.dataSource, courseId, coordinator.userId, {
      capacity: 5,
      status: CohortStatus.Running,
    });
    const [first, ...rest] = await students(54);
    for (const studentId of rest.splice(0, 3).concat(first)) {
      expect((await enrolAll([[cohort.id, studentId]]))[0]).toBe(201);
    }
    const statuses = await enrolAll(rest.map((studentId) => [cohort.id, studentId]));
    expect(statuses).toHaveLength(50);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(await dbCounts(cohort.id)).toEqual({ rows: 5, counter: 5 });
  });

  it('50 concurrent requests for 7 free seats: exactly 7 succeed, the rest get 409', async () => {
    const cohort = await createCohort(sut.dataSource, courseId, coordinator.userId, {
      capacity: 7,
    });
    const statuses = await enrolAll(
      (await students(50)).map((studentId) => [cohort.id, studentId]),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(7);
    expect(statuses.filter((s) => s === 409)).toHaveLength(43);
    expect(await dbCounts(cohort.id)).toEqual({ rows: 7, counter: 7 });
  });

  it('one student sent to overlapping cohorts at once ends up in exactly one of them', async () => {
    const [studentId] = await students(1);
    const cohorts = [];
    for (let i = 0; i < 25; i++) {
      cohorts.push(
        await createCohort(sut.dataSource, courseId, coordinator.userId, {
          startDate: `2026-07-${String(i + 1).padStart(2, '0')}`,
          endDate: '2026-07-31',
        }),
      );
    }
    // Each cohort twice: both the overlap rule and the one-active-enrolment key are raced.
    const statuses = await enrolAll(
      cohorts.flatMap(
        (c) =>
          [
            [c.id, studentId],
            [c.id, studentId],
          ] as [number, number][],
      ),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409 || s === 422)).toBe(true);
    const [row] = await sut.dataSource.query(
      'SELECT COUNT(*) AS n, (SELECT SUM(enrolled_count) FROM cohorts) AS seats FROM enrolments WHERE student_id = ? AND active = 1',
      [studentId],
    );
    expect({ n: Number(row.n), seats: Number(row.seats) }).toEqual({ n: 1, seats: 1 });
  });

  it('the overlap rule holds when the service is raced directly, without HTTP spacing the calls', async () => {
    // HTTP requests reach the service some milliseconds apart; direct calls start every
    // transaction together, the tightest race this harness can produce.
    const [studentId] = await students(1);
    const cohorts = [];
    for (let i = 0; i < 20; i++) {
      cohorts.push(await createCohort(sut.dataSource, courseId, coordinator.userId));
    }
    const actor = {
      id: coordinator.userId,
      email: coordinator.email,
      role: Role.Coordinator,
      schoolId: null,
      companyId: null,
      studentId: null,
      regionCodes: [],
    };
    const service = sut.app.get(EnrolmentsService);
    const outcomes = await Promise.allSettled(
      cohorts.map((c) => service.enrol(c.id, studentId, actor)),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const codes = outcomes.flatMap((o) =>
      o.status === 'rejected' ? [(o.reason as { code?: string }).code] : [],
    );
    expect(codes.every((c) => c === 'cohort_dates_overlap')).toBe(true);
  });

  it('a second enrolment of the student waits on the student row until the first commits, then is refused', async () => {
    // The races above only hit the window by chance. Here the first enrolment stops after its
    // INSERT, before its COMMIT, while the second one for an overlapping cohort starts. Only the
    // student-row lock makes the second wait: nothing else is shared (the unique key names the
    // cohort, the foreign-key check takes a share lock), so without it both would commit.
    const [studentId] = await students(1);
    const july = await createCohort(sut.dataSource, courseId, coordinator.userId, {
      startDate: '2026-07-01',
      endDate: '2026-07-31',
    });
    const midJuly = await createCohort(sut.dataSource, courseId, coordinator.userId, {
      startDate: '2026-07-15',
      endDate: '2026-08-15',
    });
    const enrol = (cohortId: number) =>
      sut
        .http()
        .post(`/api/v1/cohorts/${cohortId}/enrolments`)
        .set(coordinator.auth)
        .send({ studentId })
        .then((response) => response);
    // MariaDB lists a transaction waiting for the student row in neither INNODB_TRX nor
    // INNODB_LOCK_WAITS; the process list shows it inside its locking read.
    const waitingForStudentRow = async (): Promise<boolean> => {
      const [row] = await sut.dataSource.query<{ n: string }[]>(
        `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST
          WHERE DB = DATABASE() AND ID <> CONNECTION_ID() AND COMMAND = 'Query'
            AND INFO LIKE 'SELECT % FROM %students% WHERE % FOR UPDATE'`,
      );
      return Number(row.n) > 0;
    };

    let pause: () => void = () => undefined;
    const paused = new Promise<void>((resolve) => (pause = resolve));
    let resume: () => void = () => undefined;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    // EntityManager.query runs through the data source with the transaction's query runner.
    const query = sut.dataSource.query.bind(sut.dataSource);
    let insertsSeen = 0;
    const spy = jest
      .spyOn(sut.dataSource, 'query')
      .mockImplementation(async (sql: string, params?: unknown[], runner?: QueryRunner) => {
        const result: unknown = await query(sql, params, runner);
        if (sql.startsWith('INSERT INTO enrolments') && ++insertsSeen === 1) {
          pause();
          await resumed;
        }
        return result;
      });
    let first: Promise<{ status: number; body: Record<string, unknown> }> | undefined;
    let second: Promise<{ status: number; body: Record<string, unknown> }> | undefined;
    try {
      first = enrol(july.id);
      await paused;
      let secondEnded = false;
      second = enrol(midJuly.id).finally(() => (secondEnded = true));
      await pollFor(
        'the second enrolment to wait for the student row or to end',
        async () => (secondEnded || (await waitingForStudentRow()) ? true : undefined),
        5_000,
      );
      resume();
      const [firstResponse, secondResponse] = await Promise.all([first, second]);

      expect(firstResponse.status).toBe(201);
      expect(secondResponse.status).toBe(422);
      expect(secondResponse.body).toMatchObject({
        code: 'cohort_dates_overlap',
        details: { conflictingCohortId: july.id },
      });
      const rows = await sut.dataSource.query<{ cohort_id: number }[]>(
        'SELECT cohort_id FROM enrolments WHERE student_id = ? AND active = 1',
        [studentId],
      );
      expect(rows.map((r) => Number(r.cohort_id))).toEqual([july.id]);
      expect(await dbCounts(midJuly.id)).toEqual({ rows: 0, counter: 0 });
    } finally {
      // Never leave the first transaction open holding its locks for the next test.
      resume();
      await Promise.allSettled([first, second]);
      spy.mockRestore();
    }
  }, 15_000);

  it('withdrawals and enrolments racing keep the counter equal to the active rows', async () => {
    const cohort = await createCohort(sut.dataSource, courseId, coordinator.userId, {
      capacity: 10,
    });
    const ids = await students(20);
    const enrolmentIds: number[] = [];
    for (const studentId of ids.slice(0, 10)) {
      const response = await sut
        .http()
        .post(`/api/v1/cohorts/${cohort.id}/enrolments`)
        .set(coordinator.auth)
        .send({ studentId })
        .expect(201);
      enrolmentIds.push(response.body.id);
    }
    const withdrawals = enrolmentIds
      .slice(0, 5)
      .map((id) =>
        sut
          .http()
          .post(`/api/v1/cohorts/${cohort.id}/enrolments/${id}/withdraw`)
          .set(coordinator.auth),
      );
    const [withdrawn, enrolled] = await Promise.all([
      Promise.all(withdrawals),
      enrolAll(ids.slice(10).map((studentId) => [cohort.id, studentId])),
    ]);
    expect(withdrawn.every((r) => r.status === 200)).toBe(true);
    const successes = enrolled.filter((s) => s === 201).length;
    expect(enrolled.every((s) => s === 201 || s === 409)).toBe(true);
    expect(successes).toBeLessThanOrEqual(5);
    expect(await dbCounts(cohort.id)).toEqual({ rows: 5 + successes, counter: 5 + successes });
  });
});
