import { PassThrough } from 'node:stream';
import { stream } from 'exceljs';

/**
 * Deterministic students CSVs for the import tests and benchmark: row i always has the same
 * NISN, NIK and values, so generating twice gives the same file.
 */
export const STUDENT_HEADER =
  'nisn,nik,name,birth_date,gender,program_code,domicile_region_code,enrolment_year,graduation_year,status,parental_consent';

const NAMES = ['Siti', 'Budi', 'Ahmad', 'Dewi', 'Rizki', 'Nur', 'Agus', 'Putri', 'Dimas', 'Ayu'];
const FAMILY = ['Rahmawati', 'Santoso', 'Hidayat', 'Lestari', 'Saputra', 'Wulandari', 'Pratama'];
const REGIONS = ['3601', '3602', '3603', '3604', '3671', '3672', '3673', '3674'];

export interface StudentCsvOptions {
  rows: number;
  /** First NISN; the rows use consecutive ones (keep files of a test apart with this). */
  nisnStart?: number;
  /** Programme codes the target school runs, used in turn. */
  programs?: string[];
  /** Row indexes (0-based, data rows) replaced by a broken row, in turn of BROKEN below. */
  broken?: number[];
}

/** Broken rows, each breaking one rule, and the column the import must name. */
export const BROKEN: { field: string; patch: (cols: string[]) => void }[] = [
  { field: 'nik', patch: (c) => (c[1] = `99${c[1].slice(2)}`) },
  { field: 'nik', patch: (c) => (c[1] = c[1].slice(0, 15)) },
  // 11 digits: a 7–9 digit NISN is one whose leading zeros a spreadsheet dropped (restored).
  { field: 'nisn', patch: (c) => (c[0] = `${c[0]}1`) },
  { field: 'program_code', patch: (c) => (c[5] = 'NKPI') },
  { field: 'domicile_region_code', patch: (c) => (c[6] = '9999') },
  { field: 'birth_date', patch: (c) => (c[3] = '2008-02-30') },
  { field: 'gender', patch: (c) => (c[4] = 'X') },
  { field: 'parental_consent', patch: (c) => ((c[3] = '2012-01-01'), (c[10] = 'false')) },
  { field: 'graduation_year', patch: (c) => (c[8] = '2019') },
  { field: 'status', patch: (c) => (c[9] = 'expelled') },
];

export function nikOf(i: number, nisnStart = 1_000_000_000): string {
  return `3604${String(nisnStart + i).padStart(12, '0')}`;
}

export function studentRow(i: number, nisnStart: number, programs: string[]): string[] {
  const year = 2005 + (i % 4);
  const month = String(1 + (i % 12)).padStart(2, '0');
  const day = String(1 + (i % 28)).padStart(2, '0');
  const graduation = 2024 + (i % 4);
  return [
    String(nisnStart + i).padStart(10, '0'),
    nikOf(i, nisnStart),
    `${NAMES[i % NAMES.length]} ${FAMILY[(i * 3) % FAMILY.length]}`,
    `${year}-${month}-${day}`,
    i % 2 === 0 ? 'P' : 'L',
    programs[i % programs.length],
    REGIONS[i % REGIONS.length],
    String(2021 + (i % 4)),
    String(graduation),
    graduation <= 2026 && i % 9 !== 0 ? 'graduated' : 'enrolled',
    'true',
  ];
}

export function generateStudentsCsv(options: StudentCsvOptions): string {
  const { rows, nisnStart = 1_000_000_000, programs = ['TKR', 'AKL'], broken = [] } = options;
  const brokenAt = new Map(broken.map((row, k) => [row, BROKEN[k % BROKEN.length]]));
  const lines = [STUDENT_HEADER];
  for (let i = 0; i < rows; i++) {
    const cols = studentRow(i, nisnStart, programs);
    brokenAt.get(i)?.patch(cols);
    lines.push(cols.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The same rows as an .xlsx, as a spreadsheet holds them: NISN and NIK as text, the birth date a
 * date cell, the years numbers. Written by exceljs's streaming writer.
 */
export async function generateStudentsXlsx(options: StudentCsvOptions): Promise<Buffer> {
  const { rows, nisnStart = 1_000_000_000, programs = ['TKR', 'AKL'] } = options;
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const book = new stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
  const sheet = book.addWorksheet('Siswa');
  sheet.addRow(STUDENT_HEADER.split(',')).commit();
  for (let i = 0; i < rows; i++) {
    const c = studentRow(i, nisnStart, programs);
    const [y, m, d] = c[3].split('-').map(Number);
    const row = sheet.addRow([
      c[0],
      c[1],
      c[2],
      new Date(Date.UTC(y, m - 1, d)),
      c[4],
      c[5],
      c[6],
      Number(c[7]),
      Number(c[8]),
      c[9],
      c[10],
    ]);
    row.getCell(4).numFmt = 'dd/mm/yyyy';
    row.commit();
  }
  sheet.commit();
  await book.commit();
  return Buffer.concat(chunks);
}
