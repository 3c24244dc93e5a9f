import { Role } from '../../src/common/auth/role.enum';
import { BROKEN, generateStudentsCsv, nikOf } from '../../bench/import/generate';
import { createSchool } from '../factories/schools.factory';
import { pollFor } from '../helpers/poll';
import { createTestApp, resetState, signInAs, TestApp } from '../helpers/test-app';
import { asBinary, readXlsx } from '../helpers/xlsx';

/** The rejected rows of an import as a file to fix the upload by: where and why, no values. */
describe('Import errors export (e2e)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
    await resetState(sut);
  });
  afterAll(() => sut.close());

  it('gives every rejected row as CSV and xlsx: row number, column and message only', async () => {
    const school = await createSchool(sut.dataSource, { programs: ['TKR', 'AKL'] });
    const schoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: school.id });
    const broken = [3, 40, 41];
    const upload = await sut
      .http()
      .post('/api/v1/imports/students')
      .set(schoolAdmin.auth)
      .attach('file', Buffer.from(generateStudentsCsv({ rows: 50, broken })), 'students.csv')
      .expect(202);
    const id = upload.body.id as number;
    await pollFor(
      `import ${id} to end`,
      async () => {
        const res = await sut.http().get(`/api/v1/imports/${id}`).set(schoolAdmin.auth);
        return res.body.status === 'completed' ? res.body : undefined;
      },
      60_000,
      5,
    );
    const expected = broken.map((i, k) => [i + 2, BROKEN[k].field]);

    const csv = await sut
      .http()
      .get(`/api/v1/imports/${id}/errors?format=csv`)
      .set(schoolAdmin.auth)
      .expect(200);
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="import-${id}-errors.csv"`,
    );
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('row_number,column,message');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2))).toEqual(
      expected.map(([row, field]) => [String(row), field]),
    );

    const xlsx = await asBinary(sut.http().get(`/api/v1/imports/${id}/errors?format=xlsx`))
      .set(schoolAdmin.auth)
      .expect(200);
    const [header, ...rows] = await readXlsx(xlsx);
    expect(header).toEqual(['row_number', 'column', 'message']);
    expect(rows.map((r) => [r[0], r[1]])).toEqual(expected);
    expect(rows.every((r) => typeof r[2] === 'string' && r[2].length > 0)).toBe(true);
    for (const i of broken) {
      expect(csv.text).not.toContain(nikOf(i).slice(4));
    }

    // Another school's admin: the import does not exist for them.
    const other = await createSchool(sut.dataSource);
    const otherAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: other.id });
    await sut
      .http()
      .get(`/api/v1/imports/${id}/errors?format=csv`)
      .set(otherAdmin.auth)
      .expect(404);
    await sut
      .http()
      .get(`/api/v1/imports/${id}/rejected?format=csv`)
      .set(otherAdmin.auth)
      .expect(404);
  });

  it('gives the refused rows back as the file had them, with the reasons, to fix and upload again', async () => {
    const school = await createSchool(sut.dataSource, { programs: ['TKR', 'AKL'] });
    const schoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: school.id });
    const finish = async (importId: number) =>
      pollFor(
        `import ${importId} to end`,
        async () => {
          const res = await sut.http().get(`/api/v1/imports/${importId}`).set(schoolAdmin.auth);
          return res.body.status === 'completed' ? res.body : undefined;
        },
        60_000,
        5,
      );
    const file = generateStudentsCsv({ rows: 20, nisnStart: 2_000_000_000, broken: [4] });
    const upload = await sut
      .http()
      .post('/api/v1/imports/students')
      .set(schoolAdmin.auth)
      .attach('file', Buffer.from(file), 'students.csv')
      .expect(202);
    const first = await finish(upload.body.id as number);
    expect(first).toMatchObject({ created: 19, rejected: 1 });

    const rejected = await sut
      .http()
      .get(`/api/v1/imports/${first.id}/rejected?format=csv`)
      .set(schoolAdmin.auth)
      .expect(200);
    expect(rejected.headers['content-disposition']).toBe(
      `attachment; filename="import-${first.id}-rejected.csv"`,
    );
    const [header, row, ...rest] = rejected.text.trimEnd().split('\r\n');
    const fileLines = file.trimEnd().split('\n');
    expect(header).toBe(`${fileLines[0]},alasan_ditolak`);
    expect(rest).toEqual([]);
    // The refused row as uploaded (its own values: the school's data, back to the school).
    expect(row.startsWith(fileLines[5])).toBe(true);
    // Its reason in Indonesian, as the console shows it, unless English is asked for.
    const [error] = (
      await sut.http().get(`/api/v1/imports/${first.id}/errors`).set(schoolAdmin.auth).expect(200)
    ).body.items as { field: string; reason: string }[];
    expect(error).toMatchObject({
      field: BROKEN[0].field,
      reason: 'must start with a valid province code',
    });
    expect(row.endsWith(',nik: harus diawali kode provinsi Dukcapil yang sah')).toBe(true);
    const english = await sut
      .http()
      .get(`/api/v1/imports/${first.id}/rejected?format=csv&lang=en`)
      .set(schoolAdmin.auth)
      .expect(200);
    const [englishHeader, englishRow] = english.text.trimEnd().split('\r\n');
    expect(englishHeader).toBe(`${fileLines[0]},rejection_reason`);
    expect(englishRow).toBe(row.replace(/,[^,]*$/, ',nik: must start with a valid province code'));
    const unknownLanguage = await sut
      .http()
      .get(`/api/v1/imports/${first.id}/rejected?format=csv&lang=jv`)
      .set(schoolAdmin.auth)
      .expect(400);
    expect(unknownLanguage.body.details).toEqual([
      { field: 'lang', problems: ['lang must be one of the following values: id, en'] },
    ]);

    // Fixed (the broken cell put right) and uploaded again as downloaded, its reason column still
    // there (the import passes over a column it does not know): the row is created.
    const fixedCells = row.split(',');
    fixedCells[1] = nikOf(4, 2_000_000_000); // BROKEN[0] spoilt the NIK's province
    const again = await sut
      .http()
      .post('/api/v1/imports/students')
      .set(schoolAdmin.auth)
      .attach('file', Buffer.from(`${header}\n${fixedCells.join(',')}\n`), 'fixed.csv')
      .expect(202);
    expect(await finish(again.body.id as number)).toMatchObject({ created: 1, rejected: 0 });

    const xlsx = await asBinary(sut.http().get(`/api/v1/imports/${first.id}/rejected?format=xlsx`))
      .set(schoolAdmin.auth)
      .expect(200);
    const [xHeader, ...xRows] = await readXlsx(xlsx);
    expect(xHeader).toEqual([...fileLines[0].split(','), 'alasan_ditolak']);
    expect(xRows).toHaveLength(1);
    expect(xRows[0][0]).toBe(fileLines[5].split(',')[0]); // the NISN as text
    expect(xRows[0][xHeader.length - 1]).toBe('nik: harus diawali kode provinsi Dukcapil yang sah');
  });
});
