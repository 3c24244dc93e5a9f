import { Role } from '../../src/common/auth/role.enum';
import { CohortStatus } from '../../src/modules/cohorts/cohort.entity';
import { StudentStatus } from '../../src/modules/students/student.entity';
import { createCohort, createCourse } from '../factories/courses.factory';
import { createSchool } from '../factories/schools.factory';
import { createStudent } from '../factories/students.factory';
import {
  createTestApp,
  loginAsAdmin,
  resetState,
  signInAs,
  SignedIn,
  TestApp,
} from '../helpers/test-app';

describe('Cohorts and enrolments (e2e)', () => {
  let sut: TestApp;
  let coordinator: SignedIn;
  let courseId: number;

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());
  beforeEach(async () => {
    await resetState(sut);
    coordinator = await signInAs(sut, Role.Coordinator);
    courseId = (await createCourse(sut.dataSource, { 'C.293000.001.01': 3 })).id;
  });

  const enrol = (cohortId: number, studentId: number, who: SignedIn = coordinator) =>
    sut.http().post(`/api/v1/cohorts/${cohortId}/enrolments`).set(who.auth).send({ studentId });

  const seats = async (cohortId: number): Promise<number> =>
    (await sut.http().get(`/api/v1/cohorts/${cohortId}`).set(coordinator.auth).expect(200)).body
      .enrolledCount;

  describe('managing cohorts', () => {
    it('creates a planned cohort coordinated by the calling coordinator, readable by a school', async () => {
      const created = await sut
        .http()
        .post('/api/v1/cohorts')
        .set(coordinator.auth)
        .send({
          courseId,
          name: 'Angkatan 1',
          startDate: '2026-07-01',
          endDate: '2026-08-31',
          capacity: 25,
          regionCode: '3604',
        })
        .expect(201);
      expect(created.body).toMatchObject({
        courseId,
        status: 'planned',
        capacity: 25,
        enrolledCount: 0,
        seatsLeft: 25,
        coordinatorId: coordinator.userId,
        regionCode: '3604',
      });
      const schoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: 1 });
      const list = await sut
        .http()
        .get(`/api/v1/cohorts?courseId=${courseId}`)
        .set(schoolAdmin.auth)
        .expect(200);
      expect(list.body.meta.total).toBe(1);
      await sut.http().post('/api/v1/cohorts').set(schoolAdmin.auth).send({}).expect(403);
    });

    it.each([
      [{ endDate: '2026-06-30' }, 'endDate'],
      [{ startDate: '2026-02-30' }, 'startDate'],
      [{ regionCode: '9999' }, 'regionCode'],
      [{ courseId: 999999 }, 'courseId'],
      [{ capacity: 0 }, 'capacity'],
      [{ coordinatorId: 999999 }, 'coordinatorId'],
    ])('refuses %o naming %s', async (fields, field) => {
      const response = await sut
        .http()
        .post('/api/v1/cohorts')
        .set(coordinator.auth)
        .send({
          courseId,
          name: 'Angkatan A',
          startDate: '2026-07-01',
          endDate: '2026-07-31',
          capacity: 10,
          regionCode: '3672',
          ...fields,
        })
        .expect(400);
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('requires an admin to name the coordinator, and keeps a regional coordinator to their regions', async () => {
      const admin = await loginAsAdmin(sut);
      const body = {
        courseId,
        name: 'Angkatan A',
        startDate: '2026-07-01',
        endDate: '2026-07-31',
        capacity: 10,
        regionCode: '3672',
      };
      await sut.http().post('/api/v1/cohorts').set(admin.auth).send(body).expect(400);
      await sut
        .http()
        .post('/api/v1/cohorts')
        .set(admin.auth)
        .send({ ...body, coordinatorId: coordinator.userId })
        .expect(201);
      const regional = await signInAs(sut, Role.Coordinator, { regionCodes: ['3601'] });
      const refused = await sut
        .http()
        .post('/api/v1/cohorts')
        .set(regional.auth)
        .send(body)
        .expect(400);
      expect(refused.body.details[0].field).toBe('regionCode');
      await sut
        .http()
        .post('/api/v1/cohorts')
        .set(regional.auth)
        .send({ ...body, regionCode: '3601' })
        .expect(201);
    });

    it('refuses to make a coordinator responsible for a cohort outside their regions', async () => {
      const admin = await loginAsAdmin(sut);
      const lebakOnly = await signInAs(sut, Role.Coordinator, { regionCodes: ['3602'] });
      const body = {
        courseId,
        name: 'Angkatan Cilegon',
        startDate: '2026-07-01',
        endDate: '2026-07-31',
        capacity: 10,
        regionCode: '3672',
        coordinatorId: lebakOnly.userId,
      };
      const refused = await sut
        .http()
        .post('/api/v1/cohorts')
        .set(admin.auth)
        .send(body)
        .expect(400);
      expect(refused.body.details).toEqual([
        {
          field: 'coordinatorId',
          problems: ["covers only regions 3602, not the cohort's 3672"],
        },
      ]);
      const created = await sut
        .http()
        .post('/api/v1/cohorts')
        .set(admin.auth)
        .send({ ...body, coordinatorId: coordinator.userId })
        .expect(201);
      await sut
        .http()
        .patch(`/api/v1/cohorts/${created.body.id}`)
        .set(admin.auth)
        .send({ coordinatorId: lebakOnly.userId })
        .expect(400);
      await sut
        .http()
        .post('/api/v1/cohorts')
        .set(admin.auth)
        .send({ ...body, regionCode: '3602' })
        .expect(201);
    });

    it('moves through planned → running → completed and refuses other transitions with 422', async () => {
      const cohort = await createCohort(sut.dataSource, courseId, coordinator.userId);
      const url = `/api/v1/cohorts/${cohort.id}`;
      const early = await sut.http().post(`${url}/complete`).set(coordinator.auth).expect(422);
      expect(early.body.code).toBe('invalid_status_transition');
      await sut.http().post(`${url}/start`).set(coordinator.auth).expect(200);
      await sut.http().post(`${url}/start`).set(coordinator.auth).expect(422);
      await sut.http().post(`${url}/complete`).set(coordinator.auth).expect(200);
      await sut.http().post(`${url}/cancel`).set(coordinator.auth).expect(422);
    });

    it('never lowers capacity below the students enrolled, and locks dates once anyone is enrolled', async () => {
      const school = await createSchool(sut.dataSource);
      const cohort = await createCohort(sut.dataSource, courseId, coordinator.userId, {
        capacity: 3,
      });
      for (let i = 0; i < 2; i++) {
        await enrol(cohort.id, (await createStudent(sut.app, sut.dataSource, school.id)).id).expect(
          201,
        );
      }
      const url = `/api/v1/cohorts/${cohort.id}`;
      const below = await sut
        .http()
        .patch(url)
        .set(coordinator.auth)
        .send({ capacity: 1 })
        .expect(422);
      expect(below.body.code).toBe('capacity_below_enrolled');
      await sut
        .http()
        .patch(url)
        .set(coordinator.auth)
        .send({ capacity: 2, name: 'Renamed' })
        .expect(200);
      const locked = await sut
        .http()
        .patch(url)
        .set(coordinator.auth)
        .send({ endDate: '2026-08-15' })
        .expect(422);
      expect(locked.body.code).toBe('cohort_dates_locked');
      const after = await sut.http().get(url).set(coordinator.auth).expect(200);
      expect(after.body).toMatchObject({ capacity: 2, name: 'Renamed', endDate: '2026-07-31' });
    });
  });

  describe('a region-limited coordinator', () => {
    let regional: SignedIn;
    let here: number;
    let there: number;

    beforeEach(async () => {
      regional = await signInAs(sut, Role.Coordinator, { regionCodes: ['3672'] });
      here = (await createCohort(sut.dataSource, courseId, coordinator.userId)).id;
      there = (
        await createCohort(sut.dataSource, courseId, coordinator.userId, {
          name: 'Angkatan Lebak',
          regionCode: '3602',
          status: CohortStatus.Running,
        })
      ).id;
    });

    const expectMissingCohort = (response: { body: { code: string; message: string } }) =>
      expect(response.body).toMatchObject({
        code: 'cohort_not_found',
        message: `cohort ${there} not found`,
      });

    it('lists and reads only the cohorts of their regions; the others answer 404 as missing', async () => {
      const list = await sut.http().get('/api/v1/cohorts').set(regional.auth).expect(200);
      expect(list.body.items.map((c: { id: number }) => c.id)).toEqual([here]);
      expect(list.body.meta.total).toBe(1);
      const filtered = await sut
        .http()
        .get('/api/v1/cohorts?regionCode=3602')
        .set(regional.auth)
        .expect(200);
      expect(filtered.body.meta.total).toBe(0);
      await sut.http().get(`/api/v1/cohorts/${here}`).set(regional.auth).expect(200);
      expectMissingCohort(
        await sut.http().get(`/api/v1/cohorts/${there}`).set(regional.auth).expect(404),
      );
      expectMissingCohort(
        await sut.http().get(`/api/v1/cohorts/${there}/stats`).set(regional.auth).expect(404),
      );
      const view = await sut
        .http()
        .get(`/api/v1/cohorts/coordinator-view?coordinatorId=${coordinator.userId}`)
        .set(regional.auth)
        .expect(200);
      const seen = view.body.statuses.flatMap((s: { cohorts: { id: number }[] }) =>
        s.cohorts.map((c) => c.id),
      );
      expect(seen).toEqual([here]);
      // Everyone else keeps the whole province.
      const admin = await loginAsAdmin(sut);
      const schoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: 1 });
      for (const who of [coordinator, admin, schoolAdmin]) {
        const all = await sut.http().get('/api/v1/cohorts').set(who.auth).expect(200);
        expect(all.body.meta.total).toBe(2);
        await sut.http().get(`/api/v1/cohorts/${there}`).set(who.auth).expect(200);
      }
    });

    it('changes nothing in a cohort outside their regions, answering 404 as missing', async () => {
      const url = `/api/v1/cohorts/${there}`;
      expectMissingCohort(
        await sut.http().patch(url).set(regional.auth).send({ name: 'Taken over' }).expect(404),
      );
      for (const action of ['start', 'cancel', 'complete']) {
        expectMissingCohort(
          await sut.http().post(`${url}/${action}`).set(regional.auth).expect(404),
        );
      }
      const after = await sut.http().get(url).set(coordinator.auth).expect(200);
      expect(after.body).toMatchObject({ status: 'running', name: 'Angkatan Lebak' });
      await sut.http().post(`/api/v1/cohorts/${here}/start`).set(regional.auth).expect(200);
      await sut
        .http()
        .patch(`/api/v1/cohorts/${here}`)
        .set(regional.auth)
        .send({ name: 'Renamed' })
        .expect(200);
    });

    it('enrols, lists, withdraws and assesses only in the cohorts of their regions', async () => {
      const school = await createSchool(sut.dataSource);
      const student = await createStudent(sut.app, sut.dataSource, school.id);
      const other = await createStudent(sut.app, sut.dataSource, school.id);
      const enrolment = (await enrol(there, student.id).expect(201)).body.id;
      const url = `/api/v1/cohorts/${there}/enrolments`;
      expectMissingCohort(await enrol(there, other.id, regional).expect(404));
      expectMissingCohort(await sut.http().get(url).set(regional.auth).expect(404));
      expectMissingCohort(
        await sut.http().get(`${url}/${enrolment}`).set(regional.auth).expect(404),
      );
      expectMissingCohort(
        await sut.http().post(`${url}/${enrolment}/withdraw`).set(regional.auth).expect(404),
      );
      expectMissingCohort(
        await sut
          .http()
          .put(`${url}/${enrolment}/result`)
          .set(regional.auth)
          .send({ result: 'competent' })
          .expect(404),
      );
      const kept = await sut.http().get(`${url}/${enrolment}`).set(coordinator.auth).expect(200);
      expect(kept.body).toMatchObject({ state: 'enrolled', result: null });
      expect(await seats(there)).toBe(1);
      const mine = await enrol(here, other.id, regional).expect(201);
      await sut
        .http()
        .get(`/api/v1/cohorts/${here}/enrolments/${mine.body.id}`)
        .set(regional.auth)
        .expect(200);
    });
  });

  describe('enrolling', () => {
    it('lets a school admin enrol their own students but answers 404 for another school’s', async () => {
      const own = await createSchool(sut.dataSource);
      const other = await createSchool(sut.dataSource);
      const mine = await createStudent(sut.app, sut.dataSource, own.id);
      const theirs = await createStudent(sut.app, sut.dataSource, other.id);
      const schoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: own.id });
      const cohort = await createCohort(sut.dataSource, courseId, coordinator.userId);
      const created = await enrol(cohort.id, mine.id, schoolAdmin).expect(201);
      expect(created.body).toMatchObject({
        cohortId: cohort.id,
        studentId: mine.id,
        state: 'enrolled',
        result: null,
      });
      const refused = await enrol(cohort.id, theirs.id, schoolAdmin).expect(404);
      expect(refused.body.code).toBe('student_not_found');
      await enrol(cohort.id, 999999, schoolAdmin).expect(404);
      expect(await seats(cohort.id)).toBe(1);
      // The coordinator enrols anyone; the school admin still sees only their own.
      await enrol(cohort.id, theirs.id).expect(201);
      const seen = await sut
        .http()
        .get(`/api/v1/cohorts/${cohort.id}/enrolments`)
        .set(schoolAdmin.auth)
        .expect(200);
      expect(seen.body.items.map((e: { studentId: number }) => e.studentId)).toEqual([mine.id]);
      const all = await sut
        .http()
        .get(`/api/v1/cohorts/${cohort.id}/enrolments`)
        .set(coordinator.auth)
        .expect(200);
      expect(all.body.meta.total).toBe(2);
      const theirEnrolment = all.body.items.find(
        (e: { studentId: number }) => e.studentId === theirs.id,
      );
      await sut
        .http()
        .post(`/api/v1/cohorts/${cohort.id}/enrolments/${theirEnrolment.id}/withdraw`)
        .set(schoolAdmin.auth)
        .expect(404);
      const student = await signInAs(sut, Role.Student, { studentId: mine.id });
      await enrol(cohort.id, mine.id, student).expect(403);
    });

    it('refuses a second enrolment of the same student in the same cohort with 409', async () => {
      const school = await createSchool(sut.dataSource);
      const student = await createStudent(sut.app, sut.dataSource, school.id);
      const cohort = await createCohort(sut.dataSource, courseId, coordinator.userId);
      await enrol(cohort.id, student.id).expect(201);
      const again = await enrol(cohort.id, student.id).expect(409);
      expect(again.body.code).toBe('already_enrolled');
      expect(await seats(cohort.id)).toBe(1);
    });

    it('refuses a cohort whose dates overlap one the student is in (422), allows adjacent ones', async () => {
      const school = await createSchool(sut.dataSource);
      const student = await createStudent(sut.app, sut.dataSource, school.id);
      const july = await createCohort(sut.dataSource, courseId, coordinator.userId, {
        startDate: '2026-07-01',
        endDate: '2026-07-31',
      });
      const lateJuly = await createCohort(sut.dataSource, courseId, coordinator.userId, {
        startDate: '2026-07-31',
        endDate: '2026-08-20',
      });
      const august = await createCohort(sut.dataSource, courseId, coordinator.userId, {
        startDate: '2026-08-01',
        endDate: '2026-08-31',
      });
      await enrol(july.id, student.id).expect(201);
      const overlap = await enrol(lateJuly.id, student.id).expect(422);
      expect(overlap.body).toMatchObject({
        code: 'cohort_dates_overlap',
        details: { conflictingCohortId: july.id },
      });
      expect(await seats(lateJuly.id)).toBe(0);
      await enrol(august.id, student.id).expect(201);
    });

    it('ignores withdrawn enrolments and cancelled cohorts when checking overlaps', async () => {
      const school = await createSchool(sut.dataSource);
      const student = await createStudent(sut.app, sut.dataSource, school.id);
      const first = await createCohort(sut.dataSource, courseId, coordinator.userId);
      const second = await createCohort(sut.dataSource, courseId, coordinator.userId);
      const third = await createCohort(sut.dataSource, courseId, coordinator.userId);
      const enrolment = await enrol(first.id, student.id).expect(201);
      await sut
        .http()
        .post(`/api/v1/cohorts/${first.id}/enrolments/${enrolment.body.id}/withdraw`)
        .set(coordinator.auth)
        .expect(200);
      await enrol(second.id, student.id).expect(201);
      await sut
        .http()
        .post(`/api/v1/cohorts/${second.id}/cancel`)
        .set(coordinator.auth)
        .expect(200);
      await enrol(third.id, student.id).expect(201);
    });

    it.each([CohortStatus.Completed, CohortStatus.Cancelled])(
      'refuses enrolment in a %s cohort with 422 naming the rule',
      async (status) => {
        const school = await createSchool(sut.dataSource);
        const student = await createStudent(sut.app, sut.dataSource, school.id);
        const cohort = await createCohort(sut.dataSource, courseId, coordinator.userId, { status });
        const refused = await enrol(cohort.id, student.id).expect(422);
        expect(refused.body.code).toBe('cohort_closed');
        expect(refused.body.message).toContain(status);
        expect(await seats(cohort.id)).toBe(0);
      },
    );

    it('refuses a full cohort with 409, and a student who left school with 422', async () => {
      const school = await createSchool(sut.dataSource);
      const cohort = await createCohort(sut.dataSource, courseId, coordinator.userId, {
        capacity: 1,
        status: CohortStatus.Running,
      });
      await enrol(cohort.id, (await createStudent(sut.app, sut.dataSource, school.id)).id).expect(
        201,
      );
      const full = await enrol(
        cohort.id,
        (await createStudent(sut.app, sut.dataSource, school.id)).id,
      ).expect(409);
      expect(full.body.code).toBe('cohort_full');
      const other = await createCohort(sut.dataSource, courseId, coordinator.userId, {
        startDate: '2026-09-01',
        endDate: '2026-09-30',
      });
      const left = await createStudent(sut.app, sut.dataSource, school.id, {
        status: StudentStatus.Withdrawn,
      });
      expect((await enrol(other.id, left.id).expect(422)).body.code).toBe('student_not_enrollable');
      await enrol(999999, left.id).expect(404);
    });

    it('withdrawing frees the seat; the student may enrol again; withdrawing twice is 409', async () => {
      const school = await createSchool(sut.dataSource);
      const student = await createStudent(sut.app, sut.dataSource, school.id);
      const waiting = await createStudent(sut.app, sut.dataSource, school.id);
      const cohort = await createCohort(sut.dataSource, courseId, coordinator.userId, {
        capacity: 1,
      });
      const first = await enrol(cohort.id, student.id).expect(201);
      await enrol(cohort.id, waiting.id).expect(409);
      const withdrawn = await sut
        .http()
        .post(`/api/v1/cohorts/${cohort.id}/enrolments/${first.body.id}/withdraw`)
        .set(coordinator.auth)
        .expect(200);
      expect(withdrawn.body.state).toBe('withdrawn');
      expect(withdrawn.body.withdrawnAt).not.toBeNull();
      expect(await seats(cohort.id)).toBe(0);
      const again = await sut
        .http()
        .post(`/api/v1/cohorts/${cohort.id}/enrolments/${first.body.id}/withdraw`)
        .set(coordinator.auth)
        .expect(409);
      expect(again.body.code).toBe('enrolment_withdrawn');
      const back = await enrol(cohort.id, student.id).expect(201);
      expect(back.body.id).not.toBe(first.body.id);
      expect(await seats(cohort.id)).toBe(1);
      const history = await sut
        .http()
        .get(`/api/v1/cohorts/${cohort.id}/enrolments?state=all`)
        .set(coordinator.auth)
        .expect(200);
      expect(history.body.items.map((e: { state: string }) => e.state)).toEqual([
        'withdrawn',
        'enrolled',
      ]);
    });
  });
});
