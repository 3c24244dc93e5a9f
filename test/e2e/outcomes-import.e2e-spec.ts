import { Role } from '../../src/common/auth/role.enum';
import { createSchool } from '../factories/schools.factory';
import { createStudent } from '../factories/students.factory';
import { createTestApp, resetState, signInAs, SignedIn, TestApp } from '../helpers/test-app';

describe('Outcome CSV import (e2e)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());
  beforeEach(() => resetState(sut));

  async function finished(admin: SignedIn, jobId: string) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const status = await sut
        .http()
        .get(`/api/v1/outcomes/imports/${jobId}`)
        .set(admin.auth)
        .expect(200);
      if (status.body.state === 'completed' || status.body.state === 'failed') {
        return status.body;
      }
      if (Date.now() > deadline) {
        throw new Error(`import ${jobId} still ${status.body.state}`);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it('imports a school’s rows, rejects the rest line by line, and writes nothing twice', async () => {
    const school = await createSchool(sut.dataSource);
    const other = await createSchool(sut.dataSource);
    const a = await createStudent(sut.app, sut.dataSource, school.id);
    const b = await createStudent(sut.app, sut.dataSource, school.id);
    const foreign = await createStudent(sut.app, sut.dataSource, other.id);
    const admin = await signInAs(sut, Role.SchoolAdmin, { schoolId: school.id });
    const csv = [
      'nisn,status,outcome_date,employer_name,region_code,notes',
      `${a.nisn},employed,2026-09-01,"PT Nikomas Gemilang, Serang",3604,`,
      `${b.nisn},studying,2026-08-20,,,Universitas Tirtayasa`,
      `${foreign.nisn},unemployed,2026-09-01,,,`,
      `${b.nisn},retired,2026-09-01,,,`,
      `${a.nisn},apprenticeship,2026-10-01,,,`,
    ].join('\n');

    const accepted = await sut
      .http()
      .post('/api/v1/outcomes/imports')
      .set(admin.auth)
      .attach('file', Buffer.from(csv), 'outcomes.csv')
      .expect(202);
    const done = await finished(admin, accepted.body.jobId);

    expect(done.state).toBe('completed');
    expect(done.result).toMatchObject({ rows: 5, created: 2, unchanged: 0, rejected: 3 });
    expect(done.result.errors).toEqual([
      { line: 4, field: 'nisn', problem: 'no such graduate in your scope' },
      expect.objectContaining({ line: 5, field: 'status' }),
      { line: 6, field: 'employer_name', problem: 'required for apprenticeship' },
    ]);
    const rows = await sut.dataSource.query(
      'SELECT student_id, status, employer_name, source FROM outcomes ORDER BY id',
    );
    expect(rows).toEqual([
      {
        student_id: a.id,
        status: 'employed',
        employer_name: 'PT Nikomas Gemilang, Serang',
        source: 'import',
      },
      { student_id: b.id, status: 'studying', employer_name: '', source: 'import' },
    ]);

    // The same file again is the same job; another school's admin cannot read it.
    const again = await sut
      .http()
      .post('/api/v1/outcomes/imports')
      .set(admin.auth)
      .attach('file', Buffer.from(csv), 'outcomes.csv')
      .expect(202);
    expect(again.body.jobId).toBe(accepted.body.jobId);
    const otherAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: other.id });
    await sut
      .http()
      .get(`/api/v1/outcomes/imports/${accepted.body.jobId}`)
      .set(otherAdmin.auth)
      .expect(404);
  });

  it('re-running rows already recorded counts them as unchanged', async () => {
    const school = await createSchool(sut.dataSource);
    const a = await createStudent(sut.app, sut.dataSource, school.id);
    const admin = await signInAs(sut, Role.SchoolAdmin, { schoolId: school.id });
    const line = `${a.nisn},unemployed,2026-09-01`;
    const upload = (csv: string) =>
      sut
        .http()
        .post('/api/v1/outcomes/imports')
        .set(admin.auth)
        .attach('file', Buffer.from(csv), 'o.csv')
        .expect(202);

    await finished(admin, (await upload(`nisn,status,outcome_date\n${line}\n`)).body.jobId);
    const second = await finished(
      admin,
      (await upload(`nisn,status,outcome_date\r\n${line}\r\n`)).body.jobId,
    );

    expect(second.result).toMatchObject({ created: 0, unchanged: 1, rejected: 0 });
  });

  it('refuses a file without the required columns at upload', async () => {
    const school = await createSchool(sut.dataSource);
    const admin = await signInAs(sut, Role.SchoolAdmin, { schoolId: school.id });
    const response = await sut
      .http()
      .post('/api/v1/outcomes/imports')
      .set(admin.auth)
      .attach('file', Buffer.from('nisn,status\n1,employed\n'), 'o.csv')
      .expect(400);
    expect(response.body.details[0]).toEqual({
      field: 'file',
      problems: ['missing column(s): outcome_date'],
    });
  });
});
