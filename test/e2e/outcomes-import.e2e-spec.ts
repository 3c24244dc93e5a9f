import type { Queue } from 'bull';
import { getQueueToken } from '@nestjs/bull';
import { Role } from '../../src/common/auth/role.enum';
import { IMPORTS_QUEUE } from '../../src/modules/imports/imports.constants';
import { StudentStatus } from '../../src/modules/students/student.entity';
import { OutcomesService } from '../../src/modules/outcomes/outcomes.service';
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
  kind: string;
  status: string;
  failure: string;
  processedRows: number;
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: { row: number; field: string; reason: string }[];
}

/** 600 outcome rows (more than one batch of 500): 200 dates for each of three graduates. */
function sixHundredRows(graduates: { nisn: string }[]): string[] {
  const lines = ['nisn,status,outcome_date'];
  for (const g of graduates) {
    for (let d = 0; d < 200; d++) {
      const date = new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${g.nisn},unemployed,${date}`);
    }
  }
  return lines;
}

describe('Outcome CSV import through the imports mechanism (e2e)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());
  beforeEach(() => resetState(sut));

  async function upload(who: SignedIn, csv: string, schoolId?: number, status = 202) {
    const req = sut
      .http()
      .post('/api/v1/imports/outcomes')
      .set(who.auth)
      .attach('file', Buffer.from(csv), 'outcomes.csv');
    if (schoolId !== undefined) {
      req.field('schoolId', String(schoolId));
    }
    return req.expect(status);
  }

  /** Polls the import until it ends, with a deadline (no fixed sleeps). */
  async function finished(who: SignedIn, id: number, deadlineMs = 30_000): Promise<ImportReport> {
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

  it('imports a school’s rows, rejects the rest row by row, and writes nothing twice', async () => {
    const school = await createSchool(sut.dataSource);
    const other = await createSchool(sut.dataSource);
    const a = await createStudent(sut.app, sut.dataSource, school.id);
    const b = await createStudent(sut.app, sut.dataSource, school.id);
    const pupil = await createStudent(sut.app, sut.dataSource, school.id, {
      status: StudentStatus.Enrolled,
      graduationYear: null,
    });
    const foreign = await createStudent(sut.app, sut.dataSource, other.id);
    const admin = await signInAs(sut, Role.SchoolAdmin, { schoolId: school.id });
    const csv = [
      'nisn,status,outcome_date,employer_name,region_code,notes',
      `${a.nisn},employed,2026-09-01,"PT Nikomas Gemilang, Serang",3604,`,
      `${b.nisn},studying,2026-08-20,,,Universitas Tirtayasa`,
      `${foreign.nisn},unemployed,2026-09-01,,,`,
      `${b.nisn},retired,2026-09-01,,,`,
      `${a.nisn},apprenticeship,2026-10-01,,,`,
      `${pupil.nisn},unemployed,2026-09-01,,,`,
      `${b.nisn},unemployed,2026-09-01,,9999,`,
      `${a.nisn},employed,2026-09-01,PT Lain,,`,
    ].join('\n');

    const accepted = await upload(admin, csv);
    expect(accepted.body).toEqual({ id: expect.any(Number), status: 'queued', ignoredColumns: [] });
    const report = await finished(admin, accepted.body.id);

    expect(report).toMatchObject({
      kind: 'outcomes',
      status: 'completed',
      totalRows: 8,
      created: 2,
      updated: 0,
      unchanged: 0,
      rejected: 6,
    });
    expect(report.errors).toEqual([
      { row: 4, field: 'nisn', reason: 'no student with this NISN at the school' },
      { row: 5, field: 'status', reason: expect.stringContaining('must be one of') },
      { row: 6, field: 'employer_name', reason: 'required for apprenticeship' },
      { row: 7, field: 'nisn', reason: 'not a graduate' },
      { row: 8, field: 'region_code', reason: 'unknown region' },
      { row: 9, field: 'nisn+outcome_date+status', reason: 'repeats row 2 of this file' },
    ]);
    const rows = await sut.dataSource.query(
      'SELECT student_id, status, employer_name, source, recorded_by FROM outcomes ORDER BY id',
    );
    expect(rows).toEqual([
      {
        student_id: a.id,
        status: 'employed',
        employer_name: 'PT Nikomas Gemilang, Serang',
        source: 'import',
        recorded_by: admin.userId,
      },
      {
        student_id: b.id,
        status: 'studying',
        employer_name: '',
        source: 'import',
        recorded_by: admin.userId,
      },
    ]);

    // The same file again: a new import that finds every good row already recorded.
    const again = await finished(admin, (await upload(admin, csv)).body.id);
    expect(again).toMatchObject({ status: 'completed', created: 0, unchanged: 2, rejected: 6 });
    expect(await sut.dataSource.query('SELECT COUNT(*) AS n FROM outcomes')).toEqual([{ n: '2' }]);

    // Another school's admin does not see it.
    const otherAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: other.id });
    await sut.http().get(`/api/v1/imports/${accepted.body.id}`).set(otherAdmin.auth).expect(404);
  });

  it('keeps the file in MySQL: the Bull job carries only the import id', async () => {
    const school = await createSchool(sut.dataSource);
    const a = await createStudent(sut.app, sut.dataSource, school.id);
    const admin = await loginAsAdmin(sut);
    const csv = `nisn,status,outcome_date\n${a.nisn},unemployed,2026-09-01\n`;

    const { id } = (await upload(admin, csv, school.id)).body as { id: number };
    await finished(admin, id);

    const job = await sut.app.get<Queue>(getQueueToken(IMPORTS_QUEUE)).getJob(`import-${id}`);
    expect(job?.data).toEqual({ importId: id });
    const [stored] = await sut.dataSource.query<{ bytes: Buffer }[]>(
      'SELECT bytes FROM import_file_parts WHERE import_id = ?',
      [id],
    );
    expect(stored.bytes.toString('utf8')).toBe(csv);
  });

  it('resumes after a crash mid-file at the checkpoint, without duplicates', async () => {
    const school = await createSchool(sut.dataSource);
    const graduates = await Promise.all(
      [0, 1, 2].map(() => createStudent(sut.app, sut.dataSource, school.id)),
    );
    const admin = await signInAs(sut, Role.SchoolAdmin, { schoolId: school.id });
    const lines = sixHundredRows(graduates);
    const outcomes = sut.app.get(OutcomesService);
    const insert = outcomes.insert.bind(outcomes);
    let calls = 0;
    const spy = jest.spyOn(outcomes, 'insert').mockImplementation((manager, input) => {
      calls++;
      if (calls === 550) {
        throw new Error('worker crashed');
      }
      return insert(manager, input);
    });
    try {
      const { id } = (await upload(admin, lines.join('\n'))).body as { id: number };
      const report = await finished(admin, id);

      expect(report).toMatchObject({ status: 'completed', created: 600, rejected: 0 });
      expect(await sut.dataSource.query('SELECT COUNT(*) AS n FROM outcomes')).toEqual([
        { n: '600' },
      ]);
      // The first batch was not redone; the second ran 49 rows, crashed, then ran all 100.
      expect(calls).toBe(550 + 100);
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps the batches written before its school was deactivated mid-run and refuses the rest', async () => {
    const school = await createSchool(sut.dataSource);
    const graduates = await Promise.all(
      [0, 1, 2].map(() => createStudent(sut.app, sut.dataSource, school.id)),
    );
    const admin = await signInAs(sut, Role.SchoolAdmin, { schoolId: school.id });
    const provinceAdmin = await loginAsAdmin(sut);
    const lines = sixHundredRows(graduates);
    const outcomes = sut.app.get(OutcomesService);
    const insert = outcomes.insert.bind(outcomes);
    let deactivation: Promise<unknown> | undefined;
    let deactivated = false;
    let processedWhenDeactivated: number | undefined;
    const updatingSchools = async (): Promise<boolean> => {
      const [running] = await sut.dataSource.query<{ n: string }[]>(
        `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST
          WHERE DB = DATABASE() AND INFO LIKE 'UPDATE \`schools\`%'`,
      );
      return Number(running.n) > 0;
    };
    const spy = jest.spyOn(outcomes, 'insert').mockImplementation(async (manager, input) => {
      if (!deactivation) {
        // Inside the first batch: the school is deactivated, which waits for this batch's commit.
        deactivation = sut
          .http()
          .post(`/api/v1/schools/${school.id}/deactivate`)
          .set(provinceAdmin.auth)
          .expect(200)
          .then(async () => {
            deactivated = true;
            const [imp] = await sut.dataSource.query<{ next_row: number }[]>(
              'SELECT next_row FROM imports',
            );
            processedWhenDeactivated = Number(imp.next_row);
          });
        await pollFor(
          'the deactivation to end or wait for the batch',
          async () => (deactivated || (await updatingSchools()) ? true : undefined),
          10_000,
        );
      }
      return insert(manager, input);
    });
    try {
      const { id } = (await upload(admin, lines.join('\n'))).body as { id: number };
      const report = await finished(admin, id);
      await deactivation;
      // The deactivation waited for the batch in flight: nothing landed after it returned.
      expect(processedWhenDeactivated).toBe(500);

      expect(report).toMatchObject({
        status: 'failed',
        failure: `school ${school.id} was deactivated after this import was queued: the first 500 data rows, processed before that, were kept; the rest were not`,
        totalRows: 600,
        processedRows: 500,
        created: 500,
      });
      expect(await sut.dataSource.query('SELECT COUNT(*) AS n FROM outcomes')).toEqual([
        { n: '500' },
      ]);
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses a file without the required columns at upload, and other roles', async () => {
    const school = await createSchool(sut.dataSource);
    const admin = await signInAs(sut, Role.SchoolAdmin, { schoolId: school.id });
    const refused = await upload(admin, 'nisn,status\n1,employed\n', undefined, 400);
    expect(refused.body.details).toEqual([
      { field: 'file', problems: ['missing columns: outcome_date'] },
    ]);

    const coordinator = await signInAs(sut, Role.Coordinator);
    await upload(coordinator, 'nisn,status,outcome_date\n', school.id, 403);
    const provinceAdmin = await loginAsAdmin(sut);
    const noSchool = await upload(provinceAdmin, 'nisn,status,outcome_date\n', undefined, 400);
    expect(noSchool.body.details).toEqual([{ field: 'schoolId', problems: ['is required'] }]);
    expect(await sut.dataSource.query('SELECT COUNT(*) AS n FROM imports')).toEqual([{ n: '0' }]);
  });

  it('answers 404 at the endpoints the old outcome-only queue had', async () => {
    const admin = await loginAsAdmin(sut);
    await sut
      .http()
      .post('/api/v1/outcomes/imports')
      .set(admin.auth)
      // JSON: an upload to a route that takes no files is refused 415 before routing.
      .send({})
      .expect(404);
  });
});
