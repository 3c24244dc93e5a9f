import { Role } from '../../src/common/auth/role.enum';
import { createUnits } from '../factories/reference.factory';
import { createSchool } from '../factories/schools.factory';
import { createTestApp, resetState, signInAs, SignedIn, TestApp } from '../helpers/test-app';

describe('Courses (e2e)', () => {
  let sut: TestApp;
  let coordinator: SignedIn;

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());
  beforeEach(async () => {
    await resetState(sut);
    coordinator = await signInAs(sut, Role.Coordinator);
    await createUnits(sut.dataSource, [
      { code: 'C.293000.001.01', name: 'Memelihara mesin' },
      { code: 'C.293000.002.01' },
      { code: 'LOCAL-HOTEL-01', sector: 'Pariwisata' },
    ]);
  });

  const course = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
    code: 'BLK-SRG-OTO-01',
    title: 'Servis Sepeda Motor Injeksi',
    providerType: 'training_centre',
    providerName: 'BLK Serang',
    hours: 160,
    units: [
      { unitCode: 'C.293000.001.01', level: 3 },
      { unitCode: 'C.293000.002.01', level: 2 },
    ],
    ...fields,
  });

  it('lets a coordinator create a course that every signed-in user can read', async () => {
    const created = await sut
      .http()
      .post('/api/v1/courses')
      .set(coordinator.auth)
      .send(course())
      .expect(201);
    expect(created.body).toMatchObject({
      code: 'BLK-SRG-OTO-01',
      providerType: 'training_centre',
      providerName: 'BLK Serang',
      providerSchoolId: null,
      hours: 160,
      units: [
        { unitCode: 'C.293000.001.01', unitName: 'Memelihara mesin', level: 3 },
        { unitCode: 'C.293000.002.01', level: 2 },
      ],
    });
    const student = await signInAs(sut, Role.Student, { studentId: 1 });
    const read = await sut
      .http()
      .get(`/api/v1/courses/${created.body.id}`)
      .set(student.auth)
      .expect(200);
    expect(read.body.units).toHaveLength(2);
    const companyAdmin = await signInAs(sut, Role.CompanyAdmin, { companyId: 1 });
    await sut.http().get('/api/v1/courses').set(companyAdmin.auth).expect(200);
  });

  it('keeps everyone but coordinators and admins from managing courses', async () => {
    const schoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: 1 });
    await sut.http().post('/api/v1/courses').set(schoolAdmin.auth).send(course()).expect(403);
    const created = await sut
      .http()
      .post('/api/v1/courses')
      .set(coordinator.auth)
      .send(course())
      .expect(201);
    await sut
      .http()
      .patch(`/api/v1/courses/${created.body.id}`)
      .set(schoolAdmin.auth)
      .send({ title: 'x y z' })
      .expect(403);
    await sut.http().get('/api/v1/courses').expect(401);
  });

  it('names a school provider after the school and requires the school to exist', async () => {
    const school = await createSchool(sut.dataSource, { name: 'SMK Negeri 2 Cilegon' });
    const created = await sut
      .http()
      .post('/api/v1/courses')
      .set(coordinator.auth)
      .send(
        course({ providerType: 'school', providerName: undefined, providerSchoolId: school.id }),
      )
      .expect(201);
    expect(created.body).toMatchObject({
      providerName: 'SMK Negeri 2 Cilegon',
      providerSchoolId: school.id,
    });
    const missing = await sut
      .http()
      .post('/api/v1/courses')
      .set(coordinator.auth)
      .send(course({ code: 'X-2', providerType: 'school', providerSchoolId: 999999 }))
      .expect(400);
    expect(missing.body.details[0].field).toBe('providerSchoolId');
  });

  it.each([
    [{ providerName: undefined }, 'providerName'],
    [{ providerSchoolId: 3 }, 'providerSchoolId'],
    [{ providerType: 'company', providerCompanyId: 999999 }, 'providerCompanyId'],
    [{ units: [{ unitCode: 'C.999999.001.01', level: 2 }] }, 'units'],
    [
      {
        units: [
          { unitCode: 'C.293000.001.01', level: 2 },
          { unitCode: 'C.293000.001.01', level: 3 },
        ],
      },
      'units',
    ],
    [{ units: [{ unitCode: 'C.293000.001.01', level: 6 }] }, 'units.0.level'],
    [{ units: [] }, 'units'],
  ])('refuses %o naming %s', async (fields, field) => {
    const response = await sut
      .http()
      .post('/api/v1/courses')
      .set(coordinator.auth)
      .send(course(fields))
      .expect(400);
    expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('refuses a code already used with 409', async () => {
    await sut.http().post('/api/v1/courses').set(coordinator.auth).send(course()).expect(201);
    const again = await sut
      .http()
      .post('/api/v1/courses')
      .set(coordinator.auth)
      .send(course())
      .expect(409);
    expect(again.body.code).toBe('course_code_taken');
  });

  it('lists with filters by text, provider type and unit taught', async () => {
    await sut.http().post('/api/v1/courses').set(coordinator.auth).send(course()).expect(201);
    await sut
      .http()
      .post('/api/v1/courses')
      .set(coordinator.auth)
      .send(
        course({
          code: 'HOTEL-01',
          title: 'Front Office Hotel',
          providerType: 'company',
          providerName: 'PT Pantai Anyer Resort',
          units: [{ unitCode: 'LOCAL-HOTEL-01', level: 2 }],
        }),
      )
      .expect(201);
    const all = await sut.http().get('/api/v1/courses').set(coordinator.auth).expect(200);
    expect(all.body.meta.total).toBe(2);
    const byText = await sut
      .http()
      .get('/api/v1/courses?q=hotel')
      .set(coordinator.auth)
      .expect(200);
    expect(byText.body.items.map((c: { code: string }) => c.code)).toEqual(['HOTEL-01']);
    const byType = await sut
      .http()
      .get('/api/v1/courses?providerType=training_centre')
      .set(coordinator.auth)
      .expect(200);
    expect(byType.body.items.map((c: { code: string }) => c.code)).toEqual(['BLK-SRG-OTO-01']);
    const byUnit = await sut
      .http()
      .get('/api/v1/courses?unitCode=C.293000.002.01')
      .set(coordinator.auth)
      .expect(200);
    expect(byUnit.body.items.map((c: { code: string }) => c.code)).toEqual(['BLK-SRG-OTO-01']);
    await sut.http().get('/api/v1/courses/999999').set(coordinator.auth).expect(404);
  });

  it('updates fields and replaces the unit list', async () => {
    const created = await sut
      .http()
      .post('/api/v1/courses')
      .set(coordinator.auth)
      .send(course())
      .expect(201);
    const updated = await sut
      .http()
      .patch(`/api/v1/courses/${created.body.id}`)
      .set(coordinator.auth)
      .send({ hours: 200, units: [{ unitCode: 'LOCAL-HOTEL-01', level: 4 }] })
      .expect(200);
    expect(updated.body).toMatchObject({ hours: 200, title: 'Servis Sepeda Motor Injeksi' });
    expect(updated.body.units).toEqual([
      { unitCode: 'LOCAL-HOTEL-01', unitName: 'Unit LOCAL-HOTEL-01', level: 4 },
    ]);
  });
});
