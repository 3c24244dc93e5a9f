import { Role } from '../../src/common/auth/role.enum';
import { StudentCompetency } from '../../src/modules/competencies/student-competency.entity';
import { createUnits } from '../factories/reference.factory';
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

describe('Competencies (e2e)', () => {
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

  it('maintains the catalogue: SKKNI or local codes, duplicates refused', async () => {
    const skkni = await sut
      .http()
      .post('/api/v1/competency-units')
      .set(admin.auth)
      .send({ code: 'C.293020.001.01', name: 'Perawatan Berkala', sector: 'Otomotif' })
      .expect(201);
    expect(skkni.body.kind).toBe('skkni');
    const local = await sut
      .http()
      .post('/api/v1/competency-units')
      .set(admin.auth)
      .send({ code: 'BTN-LAS-01', name: 'Las Dasar', sector: 'Manufaktur' })
      .expect(201);
    expect(local.body.kind).toBe('local');
    const bad = await sut
      .http()
      .post('/api/v1/competency-units')
      .set(admin.auth)
      .send({ code: 'c 29', name: 'Bad code', sector: 'X1' })
      .expect(400);
    expect(bad.body.details[0].field).toBe('code');
    const dup = await sut
      .http()
      .post('/api/v1/competency-units')
      .set(admin.auth)
      .send({ code: 'BTN-LAS-01', name: 'Las Dasar', sector: 'Manufaktur' })
      .expect(409);
    expect(dup.body.details[0].field).toBe('code');
    const schoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: 1 });
    const listed = await sut
      .http()
      .get('/api/v1/competency-units?q=Las')
      .set(schoolAdmin.auth)
      .expect(200);
    expect(listed.body.meta.total).toBe(1);
    await sut
      .http()
      .post('/api/v1/competency-units')
      .set(schoolAdmin.auth)
      .send({ code: 'X-1', name: 'Nope', sector: 'Nope' })
      .expect(403);
  });

  it('lists the units a page names by their codes, in one call', async () => {
    await createUnits(sut.dataSource, [
      { code: 'C.293020.001.01', name: 'Perawatan Berkala' },
      { code: 'C.293020.002.01', name: 'Servis Mesin' },
      { code: 'BTN-LAS-01', name: 'Las Dasar' },
    ]);
    const student = await signInAs(sut, Role.Student, { studentId: 1 });
    const named = await sut
      .http()
      .get('/api/v1/competency-units?codes=BTN-LAS-01,C.293020.002.01,C.999999.001.01')
      .set(student.auth)
      .expect(200);
    expect(named.body.items.map((u: { code: string; name: string }) => [u.code, u.name])).toEqual([
      ['BTN-LAS-01', 'Las Dasar'],
      ['C.293020.002.01', 'Servis Mesin'],
    ]);
    expect(named.body.meta.total).toBe(2);
    for (const codes of ['', 'BTN-LAS-01,', 'btn las', "C.293020.001.01'--"]) {
      const bad = await sut
        .http()
        .get('/api/v1/competency-units')
        .query({ codes })
        .set(student.auth)
        .expect(400);
      expect(bad.body.details[0]).toEqual({
        field: 'codes',
        problems: ['codes must be unit codes separated by commas'],
      });
    }
    const many = Array.from({ length: 101 }, (_, i) => `LOCAL-${i}`).join(',');
    const tooMany = await sut
      .http()
      .get('/api/v1/competency-units')
      .query({ codes: many })
      .set(student.auth)
      .expect(400);
    expect(tooMany.body.details[0].field).toBe('codes');
  });

  it('records units a student holds, refusing units outside the catalogue and other schools', async () => {
    await createUnits(sut.dataSource, [{ code: 'C.293020.001.01' }]);
    const a = await createSchool(sut.dataSource);
    const b = await createSchool(sut.dataSource);
    const mine = await createStudent(sut.app, sut.dataSource, a.id);
    const theirs = await createStudent(sut.app, sut.dataSource, b.id);
    const adminA = await signInAs(sut, Role.SchoolAdmin, { schoolId: a.id });
    const held = {
      level: 3,
      source: 'certification',
      evidenceRef: 'LSP/1',
      achievedOn: '2026-05-01',
    };
    const recorded = await sut
      .http()
      .put(`/api/v1/students/${mine.id}/competencies/C.293020.001.01`)
      .set(adminA.auth)
      .send(held)
      .expect(200);
    expect(recorded.body).toMatchObject({ unitCode: 'C.293020.001.01', level: 3 });
    const unknown = await sut
      .http()
      .put(`/api/v1/students/${mine.id}/competencies/C.999999.001.01`)
      .set(adminA.auth)
      .send(held)
      .expect(400);
    expect(unknown.body.details[0].field).toBe('unitCode');
    const badLevel = await sut
      .http()
      .put(`/api/v1/students/${mine.id}/competencies/C.293020.001.01`)
      .set(adminA.auth)
      .send({ ...held, level: 6 })
      .expect(400);
    expect(badLevel.body.details[0].field).toBe('level');
    await sut
      .http()
      .put(`/api/v1/students/${theirs.id}/competencies/C.293020.001.01`)
      .set(adminA.auth)
      .send(held)
      .expect(404);
    await sut.http().get(`/api/v1/students/${theirs.id}/competencies`).set(adminA.auth).expect(404);
    const student = await signInAs(sut, Role.Student, { studentId: mine.id });
    const own = await sut
      .http()
      .get(`/api/v1/students/${mine.id}/competencies`)
      .set(student.auth)
      .expect(200);
    expect(own.body).toHaveLength(1);
    await sut
      .http()
      .delete(`/api/v1/students/${mine.id}/competencies/C.293020.001.01`)
      .set(adminA.auth)
      .expect(204);
    expect(await sut.dataSource.getRepository(StudentCompetency).count()).toBe(0);
  });
});
