import { Workbook } from 'exceljs';
import * as iconv from 'iconv-lite';
import type { Response } from 'supertest';
import { Role } from '../../src/common/auth/role.enum';
import { FieldCipher } from '../../src/common/crypto/field-cipher';
import { DIGITS_LOST } from '../../src/modules/imports/import-cells';
import { Import } from '../../src/modules/imports/import.entity';
import { Student, StudentStatus } from '../../src/modules/students/student.entity';
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
  format: string;
  sheet: string;
  ignoredColumns: string[];
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: { row: number; field: string; reason: string }[];
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function xlsxOf(build: (book: Workbook) => void): Promise<Buffer> {
  const book = new Workbook();
  build(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A supertest response body as a Buffer (binary parsing). */
function binary(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('Imports: spreadsheets as people have them (e2e)', () => {
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
    file: Buffer,
    name: string,
    fields: Record<string, string | number> = {},
    kind = 'students',
    status = 202,
  ): Promise<Record<string, unknown>> {
    const req = sut.http().post(`/api/v1/imports/${kind}`).set(who.auth).attach('file', file, name);
    for (const [key, value] of Object.entries(fields)) {
      req.field(key, String(value));
    }
    const res = await req;
    // The answer's body in the failure: a 400 says which rule refused the file.
    expect({ status: res.status, body: res.status === status ? 'as expected' : res.body }).toEqual({
      status,
      body: 'as expected',
    });
    return res.body as Record<string, unknown>;
  }

  async function finished(who: SignedIn, id: number): Promise<ImportReport> {
    return pollFor(
      `import ${id} to end`,
      async () => {
        const response = await sut.http().get(`/api/v1/imports/${id}`).set(who.auth).expect(200);
        const ended = response.body.status === 'completed' || response.body.status === 'failed';
        return ended ? (response.body as ImportReport) : undefined;
      },
      60_000,
      5,
    );
  }

  async function imported(
    who: SignedIn,
    file: Buffer,
    name: string,
    fields = {},
    kind = 'students',
  ) {
    const accepted = await upload(who, file, name, fields, kind);
    return { accepted, report: await finished(who, accepted.id as number) };
  }

  const student = (nisn: string): Promise<Student | null> =>
    sut.dataSource.getRepository(Student).findOneBy({ nisn });

  it('imports a semicolon Windows-1252 CSV with Indonesian headers, restoring NISN zeros and refusing NIKs in scientific notation', async () => {
    const school = await createSchool(sut.dataSource, { programs: ['TKR', 'AKL'] });
    const schoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: school.id });
    const text = [
      'NISN;NIK;Nama Peserta Didik;JK;Tempat Lahir;Tanggal Lahir;Jurusan;Kode Wilayah Domisili;Tahun Masuk;Status Siswa',
      '071234501;3604012345670001;André Saputra;L;Serang;17/05/2006;TKR;3604;2022;aktif',
      '71234502;3604012345670002;Dewi Lestari;P;Cilegon;2006-06-01;Akuntansi dan Keuangan Lembaga;3672;2022;Lulus',
      '0071234503;3.60401E+15;Nur Hidayat;L;Pandeglang;01/01/2006;TKR;3601;2022;aktif',
      '0071234504;3604012345670004;Ayu;P;Lebak;31/02/2006;TKR;3602;2022;aktif',
      ';;;;;;;;;',
    ].join('\r\n');
    const file = iconv.encode(text, 'windows-1252');
    expect(file.includes(Buffer.from('é'))).toBe(false);

    const { accepted, report } = await imported(schoolAdmin, file, 'dapodik.csv');
    expect(accepted).toMatchObject({ status: 'queued', ignoredColumns: ['Tempat Lahir'] });
    expect(report).toMatchObject({
      status: 'completed',
      format: 'csv',
      ignoredColumns: ['Tempat Lahir'],
      totalRows: 4,
      created: 2,
      rejected: 2,
    });
    expect(report.errors).toEqual([
      { row: 4, field: 'nik', reason: DIGITS_LOST },
      { row: 5, field: 'birth_date', reason: 'must be a real date in the past' },
    ]);
    expect(await student('0071234501')).toMatchObject({
      name: 'André Saputra',
      gender: 'L',
      birthDate: '2006-05-17',
      status: 'enrolled',
    });
    expect(await student('0071234502')).toMatchObject({
      programCode: 'AKL',
      domicileRegionCode: '3672',
      status: 'graduated',
    });
    expect(JSON.stringify(report)).not.toMatch(/60401|3604012345670004/);
  });

  it('imports an .xlsx with Indonesian headers under title rows, Excel dates and numbers, from a named sheet; again: nothing written', async () => {
    const school = await createSchool(sut.dataSource, { programs: ['TKR', 'AKL'] });
    const schoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: school.id });
    const file = await xlsxOf((book) => {
      book.addWorksheet('Petunjuk').addRow(['Lembar ini tidak diimpor']);
      const ws = book.addWorksheet('Peserta Didik');
      ws.addRow(['Daftar Peserta Didik']);
      ws.addRow(['SMK Contoh, Kab. Serang']);
      ws.addRow([]);
      ws.addRow([
        'No',
        'Nama',
        'NISN',
        'NIK',
        'JK',
        'Tanggal Lahir',
        'Agama',
        'Kompetensi Keahlian',
        'Kabupaten/Kota',
        'Tahun Masuk',
        'Tahun Lulus',
        'Persetujuan Orang Tua',
      ]);
      const rows: (string | number | Date)[][] = [
        // A date cell, NISN and NIK typed as numbers (the NISN lost its zeros).
        [
          1,
          'Siti Rahmawati',
          71234511,
          3604012345670011,
          'P',
          new Date(Date.UTC(2006, 4, 17)),
          'Islam',
          'Teknik Kendaraan Ringan',
          'Kab. Serang',
          2022,
          2025,
          'ya',
        ],
        // An unformatted Excel serial (38869 = 2006-06-01), a region by another spelling.
        [
          2,
          'Budi Santoso',
          '0071234512',
          '3604012345670012',
          'L',
          38869,
          'Islam',
          'AKL',
          'KABUPATEN SERANG',
          2022,
          2025,
          'ya',
        ],
        // A 16-digit NIK as a number Excel rounded (ends in 0): digits lost.
        [
          3,
          'Agus Pratama',
          71234513,
          3604012345670000,
          'L',
          '01/02/2006',
          'Islam',
          'TKR',
          '3604',
          2022,
          2025,
          'ya',
        ],
        // A NIK shown in scientific notation.
        [
          4,
          'Putri Wulandari',
          71234514,
          3604012345670014,
          'P',
          '2006-03-03',
          'Islam',
          'TKR',
          '3604',
          2022,
          2025,
          'ya',
        ],
      ];
      for (const values of rows) {
        const row = ws.addRow(values);
        row.getCell(6).numFmt = values[5] instanceof Date ? 'dd/mm/yyyy' : 'General';
      }
      ws.getCell('D8').numFmt = '0.00E+00';
    });

    const { accepted, report } = await imported(schoolAdmin, file, 'siswa.xlsx', {
      sheet: 'peserta didik',
    });
    expect(accepted.ignoredColumns).toEqual(['No', 'Agama']);
    expect(report).toMatchObject({
      status: 'completed',
      format: 'xlsx',
      sheet: 'peserta didik',
      totalRows: 4,
      created: 2,
      rejected: 2,
    });
    expect(report.errors).toEqual([
      { row: 7, field: 'nik', reason: DIGITS_LOST },
      { row: 8, field: 'nik', reason: DIGITS_LOST },
    ]);
    expect(await student('0071234511')).toMatchObject({
      birthDate: '2006-05-17',
      programCode: 'TKR',
      domicileRegionCode: '3604',
      graduationYear: 2025,
    });
    const budi = await student('0071234512');
    expect(budi).toMatchObject({ birthDate: '2006-06-01', programCode: 'AKL' });
    expect(sut.app.get(FieldCipher).decrypt((await student('0071234511'))!.nikCiphertext)).toBe(
      '3604012345670011',
    );

    const again = await imported(schoolAdmin, file, 'siswa.xlsx', { sheet: 'Peserta Didik' });
    expect(again.report).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 2 });

    const missing = await upload(
      schoolAdmin,
      file,
      'siswa.xlsx',
      { sheet: 'Data' },
      'students',
      400,
    );
    expect(missing).toMatchObject({
      code: 'bad_import_file',
      details: [
        {
          field: 'sheet',
          problems: ['no sheet named "Data"; the workbook has: Petunjuk, Peserta Didik'],
        },
      ],
    });
  });

  it('imports competencies from an .xlsx and outcomes from a CSV, with Indonesian headers and words', async () => {
    await createUnits(sut.dataSource, [{ code: 'C.293020.001.01' }]);
    const school = await createSchool(sut.dataSource);
    const graduate = await createStudent(sut.app, sut.dataSource, school.id, {
      nisn: '0071234521',
      status: StudentStatus.Graduated,
      graduationYear: 2025,
    });
    const schoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: school.id });

    const units = await xlsxOf((book) => {
      const ws = book.addWorksheet('Kompetensi');
      ws.addRow(['NISN', 'Kode Unit', 'Tingkat', 'Sumber', 'Nomor Sertifikat', 'Tanggal']);
      ws.addRow([
        71234521,
        'C.293020.001.01',
        3,
        'Sertifikasi',
        'LSP/1',
        new Date(Date.UTC(2026, 4, 1)),
      ]);
      ws.getCell('F2').numFmt = 'd mmmm yyyy';
    });
    const held = await imported(schoolAdmin, units, 'kompetensi.xlsx', {}, 'competencies');
    expect(held.report).toMatchObject({ status: 'completed', created: 1, rejected: 0 });
    const [unit] = await sut.dataSource.query<
      { level: number; source: string; achieved_on: string }[]
    >(
      "SELECT level, source, DATE_FORMAT(achieved_on, '%Y-%m-%d') AS achieved_on FROM student_competencies WHERE student_id = ?",
      [graduate.id],
    );
    expect(unit).toEqual({ level: 3, source: 'certification', achieved_on: '2026-05-01' });

    const outcomes = Buffer.from(
      [
        'NISN,Kegiatan,Tanggal,Nama Perusahaan,Kabupaten/Kota,Kelas',
        '71234521,Bekerja,01/09/2026,PT Krakatau Steel,Kota Cilegon,XII TKR 1',
        '71234521,Mencari Kerja,2026-03-01,,,XII TKR 1',
      ].join('\n'),
    );
    const { report } = await imported(schoolAdmin, outcomes, 'tracer.csv', {}, 'outcomes');
    expect(report).toMatchObject({
      status: 'completed',
      created: 2,
      rejected: 0,
      ignoredColumns: ['Kelas'],
    });
    const stored = await sut.dataSource.query<{ status: string; region_code: string | null }[]>(
      'SELECT status, region_code FROM outcomes WHERE student_id = ? ORDER BY outcome_date',
      [graduate.id],
    );
    expect(stored.map((o) => [o.status, o.region_code ?? ''])).toEqual([
      ['unemployed', ''],
      ['employed', '3672'],
    ]);
  });

  it('gives templates: .xlsx with an explanation sheet and lists, CSV with a BOM; each imports as it is', async () => {
    const school = await createSchool(sut.dataSource, { programs: ['AKL', 'RPL'] });
    const schoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: school.id });

    const xlsx = await sut
      .http()
      .get('/api/v1/imports/templates/students')
      .set(schoolAdmin.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(xlsx.headers['content-type']).toBe(XLSX);
    expect(xlsx.headers['content-disposition']).toContain('template-students.xlsx');
    const book = new Workbook();
    // exceljs reads a Buffer; its typings predate Node's generic Buffer.
    await book.xlsx.load(xlsx.body as Parameters<typeof book.xlsx.load>[0]);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Siswa', 'Petunjuk']);
    const data = book.getWorksheet('Siswa')!;
    expect((data.getRow(1).values as string[]).slice(1)).toEqual([
      'nisn',
      'nik',
      'name',
      'birth_date',
      'gender',
      'program_code',
      'domicile_region_code',
      'enrolment_year',
      'graduation_year',
      'status',
      'parental_consent',
    ]);
    expect(data.getCell('A2').value).toBe('0071234567');
    expect(data.getColumn(1).numFmt).toBe('@');
    expect(data.getCell('F2').value).toBe('AKL');
    const guide = book.getWorksheet('Petunjuk')!;
    const rows: string[][] = [];
    guide.eachRow((row) =>
      rows.push((row.values as (string | number | null)[]).slice(1).map((v) => String(v ?? ''))),
    );
    const nik = rows.find((r) => r[0] === 'nik')!;
    expect(nik[1]).toBe('ya');
    expect(nik[2]).toContain('No KTP');
    expect(nik[3]).toContain('Format kolom sebagai Teks');
    expect(rows).toContainEqual(['AKL', 'Akuntansi dan Keuangan Lembaga']);
    expect(rows).toContainEqual(['RPL', 'Rekayasa Perangkat Lunak']);
    expect(rows.some((r) => r[0] === 'TKR')).toBe(false);
    expect(rows.some((r) => r[0] === '3604')).toBe(true);
    expect(rows).toContainEqual(['graduated', 'lulus']);

    const { report } = await imported(schoolAdmin, xlsx.body as Buffer, 'template.xlsx');
    expect(report).toMatchObject({
      status: 'completed',
      created: 1,
      rejected: 0,
      ignoredColumns: [],
    });

    const csv = await sut
      .http()
      .get('/api/v1/imports/templates/competencies?format=csv')
      .set(admin.auth)
      .expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text).toBe(
      '\ufeffnisn,unit_code,level,source,evidence_ref,achieved_on\r\n0071234567,C.293020.001.01,3,certification,LSP-P1/2026/001,2026-05-01\r\n',
    );
  });

  it('refuses a bad template kind or format naming it, outcomes to a coordinator, another school to a school_admin', async () => {
    const school = await createSchool(sut.dataSource);
    const other = await createSchool(sut.dataSource);
    const schoolAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: school.id });
    const coordinator = await signInAs(sut, Role.Coordinator);
    const kind = await sut
      .http()
      .get('/api/v1/imports/templates/teachers')
      .set(admin.auth)
      .expect(400);
    expect(kind.body.details).toEqual([expect.objectContaining({ field: 'kind' })]);
    const format = await sut
      .http()
      .get('/api/v1/imports/templates/students?format=pdf')
      .set(admin.auth)
      .expect(400);
    expect(format.body.details).toEqual([expect.objectContaining({ field: 'format' })]);
    await sut.http().get('/api/v1/imports/templates/outcomes').set(coordinator.auth).expect(403);
    await sut.http().get('/api/v1/imports/templates/students').set(coordinator.auth).expect(200);
    await sut
      .http()
      .get(`/api/v1/imports/templates/students?schoolId=${other.id}`)
      .set(schoolAdmin.auth)
      .expect(404);
  });

  it('knows a file by its content (an .xlsx named .csv is read, an .xls refused) and names missing columns', async () => {
    const school = await createSchool(sut.dataSource);
    const xlsx = await xlsxOf((book) =>
      book
        .addWorksheet('Data')
        .addRow([
          'nisn',
          'nik',
          'name',
          'birth_date',
          'gender',
          'program_code',
          'domicile_region_code',
          'enrolment_year',
        ]),
    );
    const accepted = await upload(admin, xlsx, 'students.csv', { schoolId: school.id });
    expect((await finished(admin, accepted.id as number)).format).toBe('xlsx');
    const xls = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
    ]);
    const old = await upload(admin, xls, 'siswa.xls', { schoolId: school.id }, 'students', 400);
    expect(old).toMatchObject({ code: 'bad_import_file', details: [{ field: 'file' }] });
    expect(JSON.stringify(old)).toContain('.xls');
    const missing = await upload(
      admin,
      Buffer.from('NISN;Nama;Agama\n0071234567;Siti;Islam\n'),
      'siswa.csv',
      { schoolId: school.id },
      'students',
      400,
    );
    expect(JSON.stringify(missing)).toContain('missing columns: nik, birth_date, gender');
    expect(await sut.dataSource.getRepository(Import).count()).toBe(1);
  });
});
