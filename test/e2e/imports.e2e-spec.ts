import { getQueueToken } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { FieldCipher } from '../../src/common/crypto/field-cipher';
import { Role } from '../../src/common/auth/role.enum';
import { Import } from '../../src/modules/imports/import.entity';
import { IMPORTS_QUEUE } from '../../src/modules/imports/imports.constants';
import { StudentCompetency } from '../../src/modules/competencies/student-competency.entity';
import { Student } from '../../src/modules/students/student.entity';
import { BROKEN, generateStudentsCsv, nikOf } from '../../bench/import/generate';
import { createUnits } from '../factories/reference.factory';
import { createSchool } from '../factories/schools.factory';
import { createStudent } from '../factories/students.factory';
import { pollFor } from '../helpers/poll';
import {
  createTestApp,
  loginAsAdmin,
  resetState,
  signInAs,
  SignedIn,
  TestApp,
} from '../helpers/test-app';

interface ImportReport {
  status: string;
  failure: string;
  processedRows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  totalRows: number;
  errors: { row: number; field: string; reason: string }[];
}

describe('Imports (e2e)', () => {
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

  async function upload(
    who: SignedIn,
    csv: string,
    kind = 'students',
    schoolId?: number,
    status = 202,
  ): Promise<{ id: number; body: Record<string, unknown> }> {
    const req = sut
      .http()
      .post(`/api/v1/imports/${kind}`)
      .set(who.auth)
      .attach('file', Buffer.from(csv), `${kind}.csv`);
    if (schoolId !== undefined) {
      req.field('schoolId', String(schoolId));
    }
    const response = await req.expect(status);
    return { id: response.body.id as number, body: response.body as Record<string, unknown> };
  }

  /** Polls the import until it ends, with a deadline (no fixed sleeps). */
  async function finished(who: SignedIn, id: number, deadlineMs = 60_000): Promise<ImportReport> {
    return pollFor(
      `import ${id} to end`,
      async () => {
        const response = await sut.http().get(`/api/v1/imports/${id}`).set(who.auth).expect(200);
        const ended = response.body.status === 'completed' || response.body.status === 'failed';
        return ended ? (response.body as ImportReport) : undefined;
      },
      deadlineMs,
      5,
    );
  }

  const students = (): Promise<number> => sut.dataSource.getRepository(Student).count();

  it('imports 1,000 rows with 10 bad ones: 990 written, 10 reported; again: nothing written', async () => {
    const school = await createSchool(sut.dataSource, { programs: ['TKR', 'AKL'] });
    const schoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: school.id });
    const broken = [3, 100, 250, 251, 400, 555, 700, 801, 950, 999];
    const csv = generateStudentsCsv({ rows: 1000, broken });
    const first = await upload(schoolAdmin, csv);
    const report = await finished(schoolAdmin, first.id);
    expect(report).toMatchObject({
      status: 'completed',
      totalRows: 1000,
      created: 990,
      updated: 0,
      unchanged: 0,
      rejected: 10,
    });
    expect(report.errors.map((e) => [e.row, e.field])).toEqual(
      broken.map((i, k) => [i + 2, BROKEN[k].field]),
    );
    expect(await students()).toBe(990);
    const text = JSON.stringify(report);
    for (const i of broken) {
      expect(text).not.toContain(nikOf(i).slice(4));
    }

    const again = await finished(schoolAdmin, (await upload(schoolAdmin, csv)).id);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 990, rejected: 10 });
    expect(await students()).toBe(990);

    // The NIK column holds no plain text, nor does any other column of the table.
    const plain = await sut.dataSource.query<{ n: string }[]>(
      `SELECT COUNT(*) AS n FROM students WHERE nik_ciphertext LIKE ? OR nik_masked = ? OR nik_hash = ?`,
      [`%${nikOf(0)}%`, nikOf(0), nikOf(0)],
    );
    expect(Number(plain[0].n)).toBe(0);
    const stored = await sut.dataSource
      .getRepository(Student)
      .findOneByOrFail({ nisn: '1000000000' });
    expect(stored.nikMasked).toBe('3604********0000');
    expect(sut.app.get(FieldCipher).decrypt(stored.nikCiphertext)).toBe(nikOf(0));
    const audit = await sut.dataSource.query<{ n: string }[]>(
      `SELECT COUNT(*) AS n FROM audit_events WHERE import_id = ? AND action = 'create'`,
      [first.id],
    );
    expect(Number(audit[0].n)).toBe(990);
  });

  it('updates changed rows only, and rejects duplicates inside the file', async () => {
    const school = await createSchool(sut.dataSource);
    const csv = generateStudentsCsv({ rows: 20 });
    await finished(admin, (await upload(admin, csv, 'students', school.id)).id);
    const lines = csv.trimEnd().split('\n');
    lines[2] = lines[2].replace('Budi Lestari', 'Budi Lestari Putra');
    lines.push(lines[5]);
    const report = await finished(
      admin,
      (await upload(admin, lines.join('\n'), 'students', school.id)).id,
    );
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 19, rejected: 1 });
    expect(report.errors[0]).toMatchObject({ row: 22, field: 'nisn' });
  });

  it('resumes after a crash mid-file without duplicates (the retry starts at the checkpoint)', async () => {
    const school = await createSchool(sut.dataSource);
    const cipher = sut.app.get(FieldCipher);
    const encrypt = cipher.encrypt.bind(cipher);
    let calls = 0;
    const spy = jest.spyOn(cipher, 'encrypt').mockImplementation((plain: string) => {
      calls++;
      if (calls === 700) {
        throw new Error('worker crashed');
      }
      return encrypt(plain);
    });
    try {
      const { id } = await upload(
        admin,
        generateStudentsCsv({ rows: 1200 }),
        'students',
        school.id,
      );
      const report = await finished(admin, id);
      expect(report).toMatchObject({ status: 'completed', created: 1200, rejected: 0 });
      expect(await students()).toBe(1200);
      // The first batch was not redone: 1200 rows, one failed batch of 500 retried.
      expect(calls).toBe(1200 + 200);
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps a school_admin to their own school', async () => {
    const a = await createSchool(sut.dataSource);
    const b = await createSchool(sut.dataSource);
    const theirs = await createStudent(sut.app, sut.dataSource, b.id, { nisn: '1000000001' });
    const adminA = await signInAs(sut, Role.SchoolAdmin, { schoolId: a.id });
    const csv = generateStudentsCsv({ rows: 3 });
    await upload(adminA, csv, 'students', b.id, 404);
    const report = await finished(adminA, (await upload(adminA, csv)).id);
    expect(report).toMatchObject({ created: 2, rejected: 1 });
    expect(report.errors[0]).toMatchObject({ row: 3, field: 'nisn' });
    const still = await sut.dataSource.getRepository(Student).findOneByOrFail({ id: theirs.id });
    expect(still.schoolId).toBe(b.id);
    const adminB = await signInAs(sut, Role.SchoolAdmin, { schoolId: b.id });
    const { id } = await upload(adminB, generateStudentsCsv({ rows: 1, nisnStart: 1_500_000_000 }));
    await sut.http().get(`/api/v1/imports/${id}`).set(adminA.auth).expect(404);
    const list = await sut.http().get('/api/v1/imports').set(adminA.auth).expect(200);
    expect(list.body.items.every((i: Import) => i.schoolId === a.id)).toBe(true);
  });

  it('refuses a file with missing columns (an unknown one is only ignored), writing nothing', async () => {
    const school = await createSchool(sut.dataSource);
    const response = await upload(
      admin,
      'nisn,name,shoe_size\n1,2,3\n',
      'students',
      school.id,
      400,
    );
    expect(response.body).toMatchObject({ code: 'bad_import_file' });
    expect(JSON.stringify(response.body)).toContain('missing columns: nik');
    const noSchool = await upload(
      admin,
      generateStudentsCsv({ rows: 1 }),
      'students',
      undefined,
      400,
    );
    expect(noSchool.body).toMatchObject({ details: [{ field: 'schoolId' }] });
    expect(await sut.dataSource.getRepository(Import).count()).toBe(0);
  });

  it('imports competencies held: catalogue units, students of the school only', async () => {
    await createUnits(sut.dataSource, [{ code: 'C.293020.001.01' }, { code: 'C.293020.002.01' }]);
    const a = await createSchool(sut.dataSource);
    const b = await createSchool(sut.dataSource);
    const mine = await createStudent(sut.app, sut.dataSource, a.id, { nisn: '0071234500' });
    await createStudent(sut.app, sut.dataSource, b.id, { nisn: '0071234599' });
    const adminA = await signInAs(sut, Role.SchoolAdmin, { schoolId: a.id });
    const csv = [
      'nisn,unit_code,level,source,evidence_ref,achieved_on',
      '0071234500,C.293020.001.01,3,certification,LSP/1,2026-05-01',
      '0071234500,C.293020.002.01,2,assessment,,2026-04-12',
      '0071234500,C.999999.001.01,2,assessment,,2026-04-12',
      '0071234599,C.293020.001.01,2,assessment,,2026-04-12',
      '0071234500,C.293020.001.01,6,assessment,,2026-04-12',
    ].join('\n');
    const report = await finished(adminA, (await upload(adminA, csv, 'competencies')).id);
    expect(report).toMatchObject({ created: 2, rejected: 3 });
    expect(report.errors.map((e) => [e.row, e.field])).toEqual([
      [4, 'unit_code'],
      [5, 'nisn'],
      [6, 'nisn+unit_code'],
    ]);
    expect(
      await sut.dataSource.getRepository(StudentCompetency).countBy({ studentId: mine.id }),
    ).toBe(2);
    const again = await finished(adminA, (await upload(adminA, csv, 'competencies')).id);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it.each(['students', 'competencies', 'outcomes'])(
    'fails a %s import queued before its school was deactivated, writing nothing, without retries',
    async (kind) => {
      await createUnits(sut.dataSource, [{ code: 'C.293020.001.01' }]);
      const school = await createSchool(sut.dataSource);
      const graduate = await createStudent(sut.app, sut.dataSource, school.id);
      const schoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: school.id });
      const csv = {
        students: generateStudentsCsv({ rows: 3 }),
        competencies: `nisn,unit_code,level,source,achieved_on\n${graduate.nisn},C.293020.001.01,3,assessment,2026-05-01\n`,
        outcomes: `nisn,status,outcome_date\n${graduate.nisn},employed,2026-09-01\n`,
      }[kind] as string;
      const queue = sut.app.get<Queue>(getQueueToken(IMPORTS_QUEUE));
      // This app's worker takes no job until resumed: the import stays queued.
      await queue.pause(true);
      let id: number;
      try {
        id = (await upload(schoolAdmin, csv, kind)).id;
        await sut
          .http()
          .post(`/api/v1/schools/${school.id}/deactivate`)
          .set(admin.auth)
          .expect(200);
        const refused = await upload(schoolAdmin, csv, kind, undefined, 422);
        expect(refused.body).toMatchObject({ code: 'school_inactive' });
      } finally {
        await queue.resume(true);
      }

      const report = await finished(schoolAdmin, id);
      expect(report).toMatchObject({
        status: 'failed',
        failure: `school ${school.id} was deactivated after this import was queued: nothing was written`,
        processedRows: 0,
        created: 0,
        updated: 0,
        rejected: 0,
      });
      expect(await students()).toBe(1);
      const written = await sut.dataSource.query<{ n: string }[]>(
        `SELECT (SELECT COUNT(*) FROM student_competencies) + (SELECT COUNT(*) FROM outcomes)
              + (SELECT COUNT(*) FROM audit_events WHERE import_id = ?) AS n`,
        [id],
      );
      expect(Number(written[0].n)).toBe(0);
      // A refusal, not an error: the job completes at its first attempt and is not retried.
      const job = await pollFor(
        'the job to complete',
        async () => {
          const found = await queue.getJob(`import-${id}`);
          return (await found?.isCompleted()) ? found : undefined;
        },
        10_000,
      );
      expect(job?.attemptsMade).toBe(0);
    },
  );

  it('writes no NIK to the logs: imports, refused rows, duplicates', async () => {
    const logged: string[] = [];
    const spies = (['log', 'warn', 'error', 'debug', 'verbose'] as const).map((level) =>
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => {
        logged.push(JSON.stringify(args, (_k, v: unknown) => (v instanceof Error ? v.stack : v)));
      }),
    );
    try {
      const school = await createSchool(sut.dataSource);
      const csv = generateStudentsCsv({ rows: 50, broken: [0, 1, 2] });
      await finished(admin, (await upload(admin, csv, 'students', school.id)).id);
      const unclosed = `${csv.trimEnd()}\n"${nikOf(7)},unclosed\n`;
      const failed = await finished(
        admin,
        (await upload(admin, unclosed, 'students', school.id)).id,
      );
      expect(failed).toMatchObject({
        status: 'failed',
        failure: 'row 52: a quoted field is not closed',
      });
      await sut
        .http()
        .post('/api/v1/students')
        .set(admin.auth)
        .send({
          nisn: '0000000001',
          nik: nikOf(5),
          name: 'Dup',
          birthDate: '2000-01-01',
          gender: 'L',
          schoolId: school.id,
          programCode: 'TKR',
          domicileRegionCode: '3604',
          enrolmentYear: 2020,
        })
        .expect(409);
      expect(logged.length).toBeGreaterThan(0);
      const text = logged.join('\n');
      for (let i = 0; i < 50; i++) {
        expect(text).not.toContain(nikOf(i).slice(4));
      }
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
  });
});
