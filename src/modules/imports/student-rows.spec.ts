import { readCsvRows } from './csv-reader';
import { DuplicateFinder, type ImportRecord, ImportTable } from './import-table';
import { ImportFormat, ImportKind } from './imports.types';
import { namesOf } from './reference-names';
import { isProblem, parseStudentRecord } from './student-rows';

const HEADER =
  'nisn,nik,name,birth_date,gender,program_code,domicile_region_code,enrolment_year,graduation_year,status,parental_consent';
const GOOD = '0071234567,3604012345670001,Siti,2006-05-17,p,tkr,3604,2022,2025,graduated,ya';
const NAMES = namesOf(
  [{ code: 'TKR', name: 'Teknik Kendaraan Ringan' }],
  [
    { code: '3604', name: 'Kab. Serang' },
    { code: '3673', name: 'Kota Serang' },
  ],
);

async function records(csv: string, kind = ImportKind.Students): Promise<ImportRecord[]> {
  const table = await ImportTable.open(kind, Buffer.from(csv), ImportFormat.Csv);
  const found: ImportRecord[] = [];
  for await (const record of table.records()) {
    found.push(record);
  }
  return found;
}

async function parse(
  line: string,
  header = HEADER,
): Promise<ReturnType<typeof parseStudentRecord>> {
  const [record] = await records(`${header}\n${line}`);
  return parseStudentRecord(record, '2026-11-28', NAMES);
}

describe('student rows', () => {
  it('reads a good row, normalising case and yes/no words', async () => {
    expect(await parse(GOOD)).toMatchObject({
      row: 2,
      gender: 'P',
      programCode: 'TKR',
      parentalConsent: true,
      graduationYear: 2025,
    });
  });

  it('reads Dapodik-style headers, Indonesian values, day-first dates and names for codes', async () => {
    const header =
      'NISN;NIK;Nama Peserta Didik;Tanggal Lahir;JK;Kompetensi Keahlian;Kabupaten/Kota;Tahun Masuk;Status Siswa';
    const line =
      '71234567;3604012345670001;Budi;17/05/2006;Laki-laki;Teknik Kendaraan Ringan;Kabupaten Serang;2022;Aktif';
    expect(await parse(line, header)).toMatchObject({
      nisn: '0071234567',
      birthDate: '2006-05-17',
      gender: 'L',
      programCode: 'TKR',
      domicileRegionCode: '3604',
      status: 'enrolled',
    });
  });

  it.each([
    ['0071234567,9904012345670001', 'nik'],
    ['00712345678,3604012345670001', 'nisn'],
    ['0071234567,3.60401E+15', 'nik'],
  ])('names the column of a bad row (%s) and never echoes the NIK', async (start, field) => {
    const line = `${start}${GOOD.slice(GOOD.indexOf(',Siti'))}`;
    const result = await parse(line);
    expect(isProblem(result) && result.field).toBe(field);
    expect(JSON.stringify(result)).not.toContain('012345670001');
    expect(JSON.stringify(result)).not.toContain('60401');
  });

  it('refuses a region name two regions could share, and an unknown programme name', async () => {
    const serang = await parse(GOOD.replace(',3604,', ',Serang,'));
    expect(isProblem(serang) && serang.field).toBe('domicile_region_code');
    const unknown = await parse(GOOD.replace(',tkr,', ',Teknik Kapal Selam,'));
    expect(isProblem(unknown) && unknown.field).toBe('program_code');
  });

  it('marks later rows that repeat a key, naming the first', async () => {
    const found = await records(
      'nisn,nik,name\n0000000001,a,x\n0000000002,b,x\n0000000001,c,x\n0000000003,b,x\n',
    );
    const finder = new DuplicateFinder([['nisn'], ['nik']]);
    expect(found.map((r) => finder.see(r)).filter((p) => p !== undefined)).toEqual([
      { row: 4, field: 'nisn', reason: 'repeats row 2 of this file' },
      { row: 5, field: 'nik', reason: 'repeats row 3 of this file' },
    ]);
  });

  it('numbers rows as the file does, blank ones counted', async () => {
    const rows: number[] = [];
    for await (const batch of readCsvRows(Buffer.from('a\n\n1\n;;\n2\n'))) {
      rows.push(...batch.map((r) => r.row));
    }
    expect(rows).toEqual([1, 3, 5]);
  });
});
