import { Role } from '../../src/common/auth/role.enum';
import { School } from '../../src/modules/schools/school.entity';
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

const valid = {
  npsn: '20604567',
  name: 'SMK Negeri 1 Cilegon',
  regionCode: '3672',
  status: 'negeri',
  accreditation: 'A',
  address: 'Jl. Pangeran Jayakarta',
  programCodes: ['TKR', 'AKL'],
};

describe('Schools (e2e)', () => {
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

  it('creates a school with its programmes and lists them', async () => {
    const created = await sut
      .http()
      .post('/api/v1/schools')
      .set(admin.auth)
      .send(valid)
      .expect(201);
    expect(created.body).toMatchObject({ npsn: '20604567', active: true, accreditation: 'A' });
    const programs = await sut
      .http()
      .get(`/api/v1/schools/${created.body.id}/programs`)
      .set(admin.auth)
      .expect(200);
    expect(programs.body.map((p: { code: string }) => p.code)).toEqual(['AKL', 'TKR']);
  });

  it.each([
    [{ npsn: '1234567' }, 'npsn'],
    [{ npsn: '1234567a' }, 'npsn'],
    [{ regionCode: '9999' }, 'regionCode'],
    [{ status: 'public' }, 'status'],
    [{ programCodes: ['NOPE'] }, 'programCodes'],
  ])('refuses %o naming %s, writing nothing', async (patch, field) => {
    const response = await sut
      .http()
      .post('/api/v1/schools')
      .set(admin.auth)
      .send({ ...valid, ...patch })
      .expect(400);
    expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await sut.dataSource.getRepository(School).count()).toBe(0);
  });

  it('refuses a duplicate NPSN with 409 naming npsn', async () => {
    await sut.http().post('/api/v1/schools').set(admin.auth).send(valid).expect(201);
    const response = await sut
      .http()
      .post('/api/v1/schools')
      .set(admin.auth)
      .send(valid)
      .expect(409);
    expect(response.body.details[0].field).toBe('npsn');
  });

  it('lists with region filter, name search and sort', async () => {
    await createSchool(sut.dataSource, { name: 'SMK Bina Karya', regionCode: '3672' });
    await createSchool(sut.dataSource, { name: 'SMK Al Karya', regionCode: '3604' });
    await createSchool(sut.dataSource, { name: 'SMK Negeri 2', regionCode: '3672' });
    const byRegion = await sut
      .http()
      .get('/api/v1/schools?regionCode=3672&sort=name&order=desc')
      .set(admin.auth)
      .expect(200);
    expect(byRegion.body.items.map((s: School) => s.name)).toEqual([
      'SMK Negeri 2',
      'SMK Bina Karya',
    ]);
    const search = await sut.http().get('/api/v1/schools?q=karya').set(admin.auth).expect(200);
    expect(search.body.meta.total).toBe(2);
  });

  it('a school_admin reads and updates only their own school', async () => {
    const a = await createSchool(sut.dataSource);
    const b = await createSchool(sut.dataSource);
    const adminA = await signInAs(sut, Role.SchoolAdmin, { schoolId: a.id });
    const list = await sut.http().get('/api/v1/schools').set(adminA.auth).expect(200);
    expect(list.body.items.map((s: School) => s.id)).toEqual([a.id]);
    await sut.http().get(`/api/v1/schools/${b.id}`).set(adminA.auth).expect(404);
    await sut
      .http()
      .patch(`/api/v1/schools/${b.id}`)
      .set(adminA.auth)
      .send({ address: 'x' })
      .expect(404);
    await sut
      .http()
      .patch(`/api/v1/schools/${a.id}`)
      .set(adminA.auth)
      .send({ address: 'Jl. Baru 1' })
      .expect(200);
    const refused = await sut
      .http()
      .patch(`/api/v1/schools/${a.id}`)
      .set(adminA.auth)
      .send({ npsn: '99999999' })
      .expect(400);
    expect(refused.body.details[0].field).toBe('npsn');
    await sut.http().post('/api/v1/schools').set(adminA.auth).send(valid).expect(403);
    await sut.http().post(`/api/v1/schools/${a.id}/deactivate`).set(adminA.auth).expect(403);
  });

  it('deactivates a school (coordinator)', async () => {
    const a = await createSchool(sut.dataSource);
    const coordinator = await signInAs(sut, Role.Coordinator);
    const response = await sut
      .http()
      .post(`/api/v1/schools/${a.id}/deactivate`)
      .set(coordinator.auth)
      .expect(200);
    expect(response.body.active).toBe(false);
  });

  it('replaces the programmes but keeps one that still has students', async () => {
    const a = await createSchool(sut.dataSource, { programs: ['TKR', 'AKL'] });
    await createStudent(sut.app, sut.dataSource, a.id, { programCode: 'TKR' });
    const refused = await sut
      .http()
      .put(`/api/v1/schools/${a.id}/programs`)
      .set(admin.auth)
      .send({ programCodes: ['AKL'] })
      .expect(422);
    expect(refused.body.code).toBe('program_in_use');
    const ok = await sut
      .http()
      .put(`/api/v1/schools/${a.id}/programs`)
      .set(admin.auth)
      .send({ programCodes: ['TKR', 'RPL'] })
      .expect(200);
    expect(ok.body.map((p: { code: string }) => p.code)).toEqual(['RPL', 'TKR']);
  });

  it('serves the reference list of programmes to any signed-in user', async () => {
    const student = await signInAs(sut, Role.CompanyAdmin, { companyId: 1 });
    const response = await sut.http().get('/api/v1/programs').set(student.auth).expect(200);
    expect(response.body.length).toBeGreaterThan(10);
  });
});
