import { Role } from '../../src/common/auth/role.enum';
import { createSchool } from '../factories/schools.factory';
import { UsersService } from '../../src/modules/users/users.service';
import {
  createTestApp,
  login,
  loginAsAdmin,
  resetState,
  signInAs,
  SignedIn,
  TestApp,
} from '../helpers/test-app';

describe('Users (e2e)', () => {
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

  it('creates a school_admin who can then log in with their scope', async () => {
    const school = await createSchool(sut.dataSource);
    const created = await sut
      .http()
      .post('/api/v1/users')
      .set(admin.auth)
      .send({
        email: 'Guru@SMKN1.sch.id',
        name: '  Ibu Guru Sari ',
        password: 'a-long-password',
        role: 'school_admin',
        schoolId: school.id,
      })
      .expect(201);
    expect(created.body).toMatchObject({
      email: 'guru@smkn1.sch.id',
      name: 'Ibu Guru Sari',
      role: 'school_admin',
      schoolId: school.id,
      status: 'active',
    });
    expect(created.body).not.toHaveProperty('passwordHash');
    const session = await login(sut, 'guru@smkn1.sch.id', 'a-long-password');
    const me = await sut.http().get('/api/v1/auth/me').set(session.auth).expect(200);
    expect(me.body).toMatchObject({ schoolId: school.id, name: 'Ibu Guru Sari' });
    const listed = await sut.http().get('/api/v1/users?role=school_admin').set(admin.auth);
    expect(listed.body.items[0].name).toBe('Ibu Guru Sari');
    const one = await sut.http().get(`/api/v1/users/${created.body.id}`).set(admin.auth);
    expect(one.body.name).toBe('Ibu Guru Sari');
  });

  it.each([
    [{}, 'is missing'],
    [{ name: '   ' }, 'blank'],
    [{ name: 'x'.repeat(101) }, 'too long'],
    [{ name: null }, 'null'],
  ])('requires a display name on create (%o: %s), writing nothing', async (name, _why) => {
    const response = await sut
      .http()
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ email: 'noname@y.id', password: 'a-long-password', role: 'coordinator', ...name })
      .expect(400);
    expect(response.body.details.map((d: { field: string }) => d.field)).toEqual(['name']);
    const [{ n }] = await sut.dataSource.query(
      "SELECT COUNT(*) AS n FROM users WHERE email = 'noname@y.id'",
    );
    expect(Number(n)).toBe(0);
  });

  it('refuses a weak password on create with the reason, naming the field', async () => {
    const response = await sut
      .http()
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ email: 'lemah@y.id', name: 'Lemah', password: 'password123', role: 'coordinator' })
      .expect(400);
    expect(response.body).toMatchObject({
      code: 'weak_password',
      details: [
        {
          field: 'password',
          problems: expect.arrayContaining(['This is a commonly used password.']),
        },
      ],
    });
    const [{ n }] = await sut.dataSource.query(
      "SELECT COUNT(*) AS n FROM users WHERE email = 'lemah@y.id'",
    );
    expect(Number(n)).toBe(0);
  });

  it.each([
    ['school_admin', 'schoolId'],
    ['company_admin', 'companyId'],
    ['student', 'studentId'],
  ])('refuses a %s whose %s names nothing, writing nothing', async (role, field) => {
    const response = await sut
      .http()
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ email: 'ghost@y.id', name: 'G', password: 'a-long-password', role, [field]: 987654 })
      .expect(400);
    expect(response.body.details).toEqual([{ field, problems: [expect.stringMatching(/987654/)] }]);
    const [{ n }] = await sut.dataSource.query(
      "SELECT COUNT(*) AS n FROM users WHERE email = 'ghost@y.id'",
    );
    expect(Number(n)).toBe(0);
  });

  it.each([
    [{ role: 'school_admin' }, 'schoolId'],
    [{ role: 'company_admin', schoolId: 3 }, 'companyId'],
    [{ role: 'student' }, 'studentId'],
    [{ role: 'coordinator', companyId: 3 }, 'companyId'],
    [{ role: 'admin', regionCodes: ['3672'] }, 'regionCodes'],
    [{ role: 'coordinator', regionCodes: ['9999'] }, 'regionCodes'],
  ])('refuses a scope that does not fit the role (%o) naming %s', async (scope, field) => {
    const response = await sut
      .http()
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ email: 'x@y.id', name: 'X', password: 'a-long-password', ...scope })
      .expect(400);
    expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('creates a coordinator limited to listed regions', async () => {
    const created = await sut
      .http()
      .post('/api/v1/users')
      .set(admin.auth)
      .send({
        email: 'koord@disnaker.id',
        name: 'Koordinator',
        password: 'a-long-password',
        role: 'coordinator',
        regionCodes: ['3672', '3604'],
      })
      .expect(201);
    expect(created.body.regionCodes).toEqual(['3672', '3604']);
  });

  it('lists users with pagination and filters', async () => {
    for (let i = 0; i < 3; i++) {
      await signInAs(sut, Role.Coordinator);
    }
    const page1 = await sut
      .http()
      .get('/api/v1/users?page=1&pageSize=2')
      .set(admin.auth)
      .expect(200);
    expect(page1.body.meta).toEqual({ page: 1, pageSize: 2, total: 4 });
    expect(page1.body.items).toHaveLength(2);
    const page2 = await sut
      .http()
      .get('/api/v1/users?page=2&pageSize=2')
      .set(admin.auth)
      .expect(200);
    expect(page2.body.items.map((u: { id: number }) => u.id)).not.toContain(page1.body.items[0].id);
    const coordinators = await sut
      .http()
      .get('/api/v1/users?role=coordinator')
      .set(admin.auth)
      .expect(200);
    expect(coordinators.body.meta.total).toBe(3);
    await sut.http().get('/api/v1/users?pageSize=1000').set(admin.auth).expect(400);
  });

  it('answers 404 for an unknown user', async () => {
    await sut.http().get('/api/v1/users/999999').set(admin.auth).expect(404);
    await sut.http().post('/api/v1/users/999999/disable').set(admin.auth).expect(404);
  });

  it('keeps non-admins out of user management', async () => {
    const coordinator = await signInAs(sut, Role.Coordinator);
    await sut.http().get('/api/v1/users').set(coordinator.auth).expect(403);
    const student = await signInAs(sut, Role.Student, { studentId: 4 });
    await sut
      .http()
      .post('/api/v1/users')
      .set(student.auth)
      .send({ email: 'x@y.id', name: 'X', password: 'a-long-password', role: 'admin' })
      .expect(403);
  });

  it('creates the bootstrap admin only when no admin exists', async () => {
    const count = async (): Promise<number> =>
      Number(
        (await sut.dataSource.query("SELECT COUNT(*) AS n FROM users WHERE role = 'admin'"))[0].n,
      );
    expect(await count()).toBe(1);
    await sut.app.get(UsersService).onApplicationBootstrap();
    expect(await count()).toBe(1);
  });
});
