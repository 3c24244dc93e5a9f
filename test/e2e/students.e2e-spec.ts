import { Role } from '../../src/common/auth/role.enum';
import { AuditEvent } from '../../src/modules/audit/audit-event.entity';
import { Student, StudentStatus } from '../../src/modules/students/student.entity';
import { StudentsService } from '../../src/modules/students/students.service';
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

const NIK = '3604012345670001';
const body = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  nisn: '0071234567',
  nik: NIK,
  name: 'Siti Rahmawati',
  birthDate: '2007-05-17',
  gender: 'P',
  programCode: 'TKR',
  domicileRegionCode: '3604',
  enrolmentYear: 2023,
  graduationYear: 2026,
  ...over,
});

describe('Students (e2e)', () => {
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

  const count = (): Promise<number> => sut.dataSource.getRepository(Student).count();

  it('a school_admin enrols a student into their school; the NIK is masked and encrypted', async () => {
    const a = await createSchool(sut.dataSource);
    const adminA = await signInAs(sut, Role.SchoolAdmin, { schoolId: a.id });
    const created = await sut
      .http()
      .post('/api/v1/students')
      .set(adminA.auth)
      .send(body())
      .expect(201);
    expect(created.body).toMatchObject({
      schoolId: a.id,
      nik: '3604********0001',
      status: 'enrolled',
    });
    expect(JSON.stringify(created.body)).not.toContain(NIK);
    const [raw] = await sut.dataSource.query<Record<string, string>[]>(
      'SELECT nik_ciphertext, nik_hash, nik_masked FROM students WHERE id = ?',
      [created.body.id],
    );
    expect(Object.values(raw).join('|')).not.toContain(NIK);
    expect(Object.values(raw).join('|')).not.toContain('012345670');
  });

  it.each([
    [{ nisn: '123' }, 'nisn'],
    [{ nik: '360401234567000' }, 'nik'],
    [{ nik: '9904012345670001' }, 'nik'],
    [{ domicileRegionCode: '9999' }, 'domicileRegionCode'],
    [{ programCode: 'RPL' }, 'programCode'],
    [{ birthDate: '2007-02-30' }, 'birthDate'],
    [{ birthDate: '2012-01-01', parentalConsent: false }, 'parentalConsent'],
    [{ graduationYear: 2020 }, 'graduationYear'],
    [{ gender: 'X' }, 'gender'],
  ])('refuses %o naming %s, writing nothing', async (patch, field) => {
    const a = await createSchool(sut.dataSource, { programs: ['TKR'] });
    const response = await sut
      .http()
      .post('/api/v1/students')
      .set(admin.auth)
      .send(body({ schoolId: a.id, ...patch }))
      .expect(400);
    expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(JSON.stringify(response.body)).not.toContain(NIK.slice(4, 12));
    expect(await count()).toBe(0);
  });

  it('refuses a duplicate NISN and a duplicate NIK with 409 naming the field', async () => {
    const a = await createSchool(sut.dataSource);
    await sut
      .http()
      .post('/api/v1/students')
      .set(admin.auth)
      .send(body({ schoolId: a.id }))
      .expect(201);
    const nisn = await sut
      .http()
      .post('/api/v1/students')
      .set(admin.auth)
      .send(body({ schoolId: a.id, nik: '3604012345670002' }))
      .expect(409);
    expect(nisn.body.details[0].field).toBe('nisn');
    const nik = await sut
      .http()
      .post('/api/v1/students')
      .set(admin.auth)
      .send(body({ schoolId: a.id, nisn: '0071234568' }))
      .expect(409);
    expect(nik.body.details[0].field).toBe('nik');
    expect(JSON.stringify(nik.body)).not.toContain(NIK);
    expect(await count()).toBe(1);
  });

  it('keeps school A admin out of school B: by id, lists, search, writes and moves', async () => {
    const a = await createSchool(sut.dataSource);
    const b = await createSchool(sut.dataSource);
    const mine = await createStudent(sut.app, sut.dataSource, a.id, { name: 'Andi A' });
    const theirs = await createStudent(sut.app, sut.dataSource, b.id, { name: 'Budi B' });
    const adminA = await signInAs(sut, Role.SchoolAdmin, { schoolId: a.id });
    await sut.http().get(`/api/v1/students/${theirs.id}`).set(adminA.auth).expect(404);
    await sut
      .http()
      .patch(`/api/v1/students/${theirs.id}`)
      .set(adminA.auth)
      .send({ name: 'Xavier' })
      .expect(404);
    const list = await sut.http().get('/api/v1/students').set(adminA.auth).expect(200);
    expect(list.body.items.map((s: Student) => s.id)).toEqual([mine.id]);
    const search = await sut
      .http()
      .get(`/api/v1/students?q=${theirs.nisn}`)
      .set(adminA.auth)
      .expect(200);
    expect(search.body.meta.total).toBe(0);
    const byName = await sut.http().get('/api/v1/students?q=Budi').set(adminA.auth).expect(200);
    expect(byName.body.meta.total).toBe(0);
    await sut
      .http()
      .post('/api/v1/students')
      .set(adminA.auth)
      .send(body({ schoolId: b.id }))
      .expect(404);
    await sut
      .http()
      .patch(`/api/v1/students/${mine.id}`)
      .set(adminA.auth)
      .send({ schoolId: b.id })
      .expect(404);
    const still = await sut.dataSource.getRepository(Student).findOneByOrFail({ id: mine.id });
    expect(still.schoolId).toBe(a.id);
  });

  it('a coordinator reads everyone, with filters; lists never carry the NIK or birth date', async () => {
    const a = await createSchool(sut.dataSource);
    const b = await createSchool(sut.dataSource);
    await createStudent(sut.app, sut.dataSource, a.id, { graduationYear: 2025 });
    await createStudent(sut.app, sut.dataSource, b.id, {
      graduationYear: 2026,
      domicileRegionCode: '3604',
    });
    const coordinator = await signInAs(sut, Role.Coordinator);
    const all = await sut.http().get('/api/v1/students').set(coordinator.auth).expect(200);
    expect(all.body.meta.total).toBe(2);
    expect(all.body.items[0]).not.toHaveProperty('birthDate');
    expect(all.body.items[0]).not.toHaveProperty('nik');
    const filtered = await sut
      .http()
      .get(`/api/v1/students?graduationYear=2026&regionCode=3604&schoolId=${b.id}&status=graduated`)
      .set(coordinator.auth)
      .expect(200);
    expect(filtered.body.meta.total).toBe(1);
    await sut.http().post('/api/v1/students').set(signInAsNone()).send(body()).expect(401);
  });

  it('a student sees their own full NIK, others only the mask, and edits only contact fields', async () => {
    const a = await createSchool(sut.dataSource);
    const me = await createStudent(sut.app, sut.dataSource, a.id, { nik: NIK });
    const other = await createStudent(sut.app, sut.dataSource, a.id);
    const student = await signInAs(sut, Role.Student, { studentId: me.id });
    const own = await sut.http().get(`/api/v1/students/${me.id}`).set(student.auth).expect(200);
    expect(own.body.nik).toBe(NIK);
    await sut.http().get(`/api/v1/students/${other.id}`).set(student.auth).expect(404);
    const list = await sut.http().get('/api/v1/students').set(student.auth).expect(200);
    expect(list.body.items.map((s: Student) => s.id)).toEqual([me.id]);
    const coordinator = await signInAs(sut, Role.Coordinator);
    const seen = await sut
      .http()
      .get(`/api/v1/students/${me.id}`)
      .set(coordinator.auth)
      .expect(200);
    expect(seen.body.nik).toBe('3604********0001');
    const edited = await sut
      .http()
      .patch(`/api/v1/students/${me.id}`)
      .set(student.auth)
      .send({ phone: '081234567890', domicileRegionCode: '3601' })
      .expect(200);
    expect(edited.body).toMatchObject({ phone: '081234567890', domicileRegionCode: '3601' });
    // Only the student's own GET shows (and audits) the full NIK; a PATCH answers the mask.
    expect(edited.body.nik).toBe('3604********0001');
    expect(JSON.stringify(edited.body)).not.toContain(NIK);
    const refused = await sut
      .http()
      .patch(`/api/v1/students/${me.id}`)
      .set(student.auth)
      .send({ name: 'Someone Else', birthDate: '2000-01-01' })
      .expect(400);
    expect(refused.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'birthDate',
      'name',
    ]);
    const company = await signInAs(sut, Role.CompanyAdmin, { companyId: 1 });
    await sut.http().get(`/api/v1/students/${me.id}`).set(company.auth).expect(403);
  });

  it('records reads and changes of personal data, listed for admins by student', async () => {
    const a = await createSchool(sut.dataSource);
    const adminA = await signInAs(sut, Role.SchoolAdmin, { schoolId: a.id });
    const created = await sut
      .http()
      .post('/api/v1/students')
      .set(adminA.auth)
      .send(body())
      .expect(201);
    const id = created.body.id as number;
    await sut.http().get(`/api/v1/students/${id}`).set(adminA.auth).expect(200);
    await sut
      .http()
      .patch(`/api/v1/students/${id}`)
      .set(adminA.auth)
      .send({ birthDate: '2007-05-18' })
      .expect(200);
    await sut
      .http()
      .patch(`/api/v1/students/${id}`)
      .set(adminA.auth)
      .send({ name: 'Siti R' })
      .expect(200);
    await sut.http().get('/api/v1/students').set(adminA.auth).expect(200);
    const events = await sut
      .http()
      .get(`/api/v1/audit-events?studentId=${id}`)
      .set(admin.auth)
      .expect(200);
    expect(events.body.items.map((e: AuditEvent) => [e.action, e.fields, e.actorUserId])).toEqual([
      ['update', ['birthDate'], adminA.userId],
      ['read', ['birthDate'], adminA.userId],
      ['create', ['nik', 'birthDate'], adminA.userId],
    ]);
    await sut.http().get('/api/v1/audit-events').set(adminA.auth).expect(403);
  });

  it("reads a round's students region by region, returned once each and in id order", async () => {
    const school = await createSchool(sut.dataSource);
    // Ids interleave across the regions; a withdrawn student is never in a round.
    const regions = ['3672', '3604', '3601'];
    const made: number[] = [];
    for (let i = 0; i < 12; i++) {
      const student = await createStudent(sut.app, sut.dataSource, school.id, {
        domicileRegionCode: regions[i % 3],
        ...(i === 7 ? { status: StudentStatus.Withdrawn } : {}),
      });
      if (i !== 7 && regions[i % 3] !== '3601') made.push(student.id);
    }
    const found = await sut.app.get(StudentsService).findForRound({
      graduatedOnly: false,
      regionCodes: ['3604', '3672', '3604'],
      graduationYear: 2026,
    });
    expect(found.map((s) => s.id)).toEqual([...made].sort((a, b) => a - b));
    expect(new Set(found.map((s) => s.regionCode))).toEqual(new Set(['3672', '3604']));
  });
});

function signInAsNone(): Record<string, string> {
  return {};
}
