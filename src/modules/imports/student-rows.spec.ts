import { parseCsv, readHeader } from './csv';
import { findDuplicates } from './import-runner.service';
import {
  isProblem,
  parseStudentRecord,
  STUDENT_COLUMNS,
  STUDENT_OPTIONAL_COLUMNS,
} from './student-rows';

const HEADER =
  'nisn,nik,name,birth_date,gender,program_code,domicile_region_code,enrolment_year,graduation_year,status,parental_consent';
const GOOD = '0071234567,3604012345670001,Siti,2006-05-17,p,tkr,3604,2022,2025,graduated,ya';

function parse(line: string): ReturnType<typeof parseStudentRecord> {
  const [header, record] = parseCsv(`${HEADER}\n${line}`);
  const { index } = readHeader(header.fields, STUDENT_COLUMNS, STUDENT_OPTIONAL_COLUMNS);
  return parseStudentRecord(record, index, '2026-11-28');
}

describe('student rows', () => {
  it('reads a good row, normalising case and yes/no words', () => {
    expect(parse(GOOD)).toMatchObject({
      row: 2,
      gender: 'P',
      programCode: 'TKR',
      parentalConsent: true,
      graduationYear: 2025,
    });
  });

  it.each([
    ['0071234567,9904012345670001', 'nik'],
    ['007123456,3604012345670001', 'nisn'],
  ])('names the column of a bad row (%s) and never echoes the NIK', (start, field) => {
    const line = `${start}${GOOD.slice(GOOD.indexOf(',Siti'))}`;
    const result = parse(line);
    expect(isProblem(result) && result.field).toBe(field);
    expect(JSON.stringify(result)).not.toContain('012345670001');
  });

  it('marks later rows that repeat a key, naming the first', () => {
    const records = parseCsv('nisn,nik\n1,a\n2,b\n1,c\n3,b\n');
    const { index } = readHeader(records[0].fields, ['nisn', 'nik'], []);
    const dups = findDuplicates(records.slice(1), index, [['nisn'], ['nik']]);
    expect([...dups.values()]).toEqual([
      { row: 4, field: 'nisn', reason: 'repeats row 2 of this file' },
      { row: 5, field: 'nik', reason: 'repeats row 3 of this file' },
    ]);
  });
});
