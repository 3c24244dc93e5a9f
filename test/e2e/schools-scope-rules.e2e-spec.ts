import { Role } from '../../src/common/auth/role.enum';
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

const newStudent = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  nisn: '0071234567',
  nik: '3604012345670001',
  name: 'Siti Rahmawati',
  birthDate: '2007-05-17',
  gender: 'P',
  programCode: 'TKR',
  domicileRegionCode: '3604',
  enrolmentYear: 2023,
  graduationYear: 2026,
  ...over,
});

const count = async (sut: TestApp, table: string): Promise<number> =>
  Number((await sut.dataSource.query(`SELECT COUNT(*) AS n FROM \`${table}\``))[0].n);

describe('Schools: deactivated schools and region-limited coordinators (e2e)', () => {
  let sut: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());
  beforeEach(async () => {
    await resetState(sut);
    admin = await loginAsAdmin(sut);
  });

  describe('a deactivated school', () => {
    it('refuses new students, students moved in, imports and cohort enrolments with 422 school_inactive', async () => {
      const closed = await createSchool(sut.dataSource);
      const open = await createSchool(sut.dataSource);
      const existing = await createStudent(sut.app, sut.dataSource, closed.id);
      const mover = await createStudent(sut.app, sut.dataSource, open.id);
      await sut.http().post(`/api/v1/schools/${closed.id}/deactivate`).set(admin.auth).expect(200);
      const schoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: closed.id });
      const before = await count(sut, 'students');

      const byAdmin = await sut
        .http()
        .post('/api/v1/students')
        .set(admin.auth)
        .send(newStudent({ schoolId: closed.id }))
        .expect(422);
      expect(byAdmin.body).toMatchObject({
        statusCode: 422,
        message: expect.stringContaining(`school ${closed.id} is deactivated`),
        details: [{ field: 'schoolId', problems: ['school is deactivated'] }],
      });
      await sut
        .http()
        .post('/api/v1/students')
        .set(schoolAdmin.auth)
        .send(newStudent())
        .expect(422);
      await sut
        .http()
        .patch(`/api/v1/students/${mover.id}`)
        .set(admin.auth)
        .send({ schoolId: closed.id })
        .expect(422);
      expect(await count(sut, 'students')).toBe(before);

      for (const [kind, header] of [
        [
          'students',
          'nisn,nik,name,birth_date,gender,program_code,domicile_region_code,enrolment_year',
        ],
        ['competencies', 'nisn,unit_code,level,source,achieved_on'],
        ['outcomes', 'nisn,status,outcome_date'],
      ]) {
        const refused = await sut
          .http()
          .post(`/api/v1/imports/${kind}`)
          .set(schoolAdmin.auth)
          .attach('file', Buffer.from(`${header}\n`), `${kind}.csv`)
          .expect(422);
        expect(refused.body.message).toContain('is deactivated');
      }
      expect(await count(sut, 'imports')).toBe(0);

      const coordinator = await signInAs(sut, Role.Coordinator);
      const course = await createCourse(sut.dataSource, { 'INACT-001': 2 });
      const cohort = await createCohort(sut.dataSource, course.id, coordinator.userId);
      await sut
        .http()
        .post(`/api/v1/cohorts/${cohort.id}/enrolments`)
        .set(coordinator.auth)
        .send({ studentId: existing.id })
        .expect(422);
      expect(await count(sut, 'enrolments')).toBe(0);

      // What the school already holds stays readable and editable.
      await sut.http().get(`/api/v1/students/${existing.id}`).set(schoolAdmin.auth).expect(200);
      await sut
        .http()
        .patch(`/api/v1/students/${existing.id}`)
        .set(schoolAdmin.auth)
        .send({ name: 'Nama Baru' })
        .expect(200);
    });
  });

  describe('a coordinator limited to some regions', () => {
    it('sees only schools located in, and students domiciled in, their regions', async () => {
      const inSerang = await createSchool(sut.dataSource, { regionCode: '3604' });
      const inCilegon = await createSchool(sut.dataSource, { regionCode: '3672' });
      const local = await createStudent(sut.app, sut.dataSource, inCilegon.id, {
        domicileRegionCode: '3604',
      });
      const away = await createStudent(sut.app, sut.dataSource, inSerang.id, {
        domicileRegionCode: '3672',
      });
      const regional = await signInAs(sut, Role.Coordinator, { regionCodes: ['3604'] });
      const http = () => sut.http();

      const schools = await http().get('/api/v1/schools').set(regional.auth).expect(200);
      expect(schools.body.items.map((s: { id: number }) => s.id)).toEqual([inSerang.id]);
      expect(schools.body.meta.total).toBe(1);
      await http().get(`/api/v1/schools/${inSerang.id}`).set(regional.auth).expect(200);
      await http().get(`/api/v1/schools/${inCilegon.id}`).set(regional.auth).expect(404);
      await http().get(`/api/v1/schools/${inCilegon.id}/programs`).set(regional.auth).expect(404);
      await http()
        .patch(`/api/v1/schools/${inCilegon.id}`)
        .set(regional.auth)
        .send({ name: 'Bukan wilayahnya' })
        .expect(404);
      await http()
        .post(`/api/v1/schools/${inCilegon.id}/deactivate`)
        .set(regional.auth)
        .expect(404);

      const students = await http().get('/api/v1/students').set(regional.auth).expect(200);
      expect(students.body.items.map((s: { id: number }) => s.id)).toEqual([local.id]);
      const byNisn = await http()
        .get(`/api/v1/students?q=${away.nisn}`)
        .set(regional.auth)
        .expect(200);
      expect(byNisn.body.items).toEqual([]);
      await http().get(`/api/v1/students/${local.id}`).set(regional.auth).expect(200);
      await http().get(`/api/v1/students/${away.id}`).set(regional.auth).expect(404);
      await http()
        .patch(`/api/v1/students/${away.id}`)
        .set(regional.auth)
        .send({ name: 'Nama Lain' })
        .expect(404);

      // Nothing it writes falls outside its own sight.
      const outside = await http()
        .post('/api/v1/students')
        .set(regional.auth)
        .send(newStudent({ schoolId: inSerang.id, domicileRegionCode: '3672' }))
        .expect(400);
      expect(outside.body.details).toEqual([
        { field: 'domicileRegionCode', problems: ['is outside your regions'] },
      ]);
      await http()
        .post('/api/v1/students')
        .set(regional.auth)
        .send(newStudent({ schoolId: inCilegon.id }))
        .expect(404);
      await http()
        .post('/api/v1/imports/students')
        .set(regional.auth)
        .field('schoolId', String(inCilegon.id))
        .attach('file', Buffer.from('nisn\n'), 's.csv')
        .expect(404);

      // A coordinator without regions still sees the whole province.
      const province = await signInAs(sut, Role.Coordinator);
      const all = await http().get('/api/v1/students').set(province.auth).expect(200);
      expect(all.body.meta.total).toBe(2);
      await http().get(`/api/v1/schools/${inCilegon.id}`).set(province.auth).expect(200);
    });
  });
});
