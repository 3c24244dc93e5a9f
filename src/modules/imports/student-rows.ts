import { crossFieldProblems, GENDERS, NIK, NISN, STATUSES } from '../students/students.rules';
import {
  Gender,
  type RowProblem,
  type StudentImportRow,
  StudentStatus,
} from '../students/students.types';
import { type CsvRecord, fieldReader } from './csv';

export type { RowProblem } from '../students/students.types';

/** The students CSV: column names as in the README's import section. */
export const STUDENT_COLUMNS = [
  'nisn',
  'nik',
  'name',
  'birth_date',
  'gender',
  'program_code',
  'domicile_region_code',
  'enrolment_year',
] as const;
export const STUDENT_OPTIONAL_COLUMNS = ['graduation_year', 'status', 'parental_consent'] as const;

/** One parsed row: the students feature's import row. */
export type StudentRow = StudentImportRow;

const YES = new Set(['true', '1', 'yes', 'ya', 'y']);
const NO = new Set(['false', '0', 'no', 'tidak', 'n', '']);
const YEAR = /^\d{4}$/;

/**
 * One CSV record → a student row, or the first problem found. The caller checks what needs
 * the database (programme run by the school, region known, NISN/NIK owned by someone else).
 */
export function parseStudentRecord(
  record: CsvRecord,
  index: Map<string, number>,
  today: string,
): StudentRow | RowProblem {
  const get = fieldReader(record, index);
  const bad = (field: string, reason: string): RowProblem => ({ row: record.row, field, reason });
  const nisn = get('nisn');
  if (!NISN.test(nisn)) {
    return bad('nisn', 'must be exactly 10 digits');
  }
  const nik = get('nik');
  if (!NIK.test(nik)) {
    return bad('nik', 'must be exactly 16 digits');
  }
  const name = get('name');
  if (name.length < 2 || name.length > 150) {
    return bad('name', 'must be 2 to 150 characters');
  }
  const gender = get('gender').toUpperCase();
  if (!GENDERS.includes(gender)) {
    return bad('gender', 'must be L or P');
  }
  const programCode = get('program_code').toUpperCase();
  if (!/^[A-Z0-9]{1,20}$/.test(programCode)) {
    return bad('program_code', 'must be a programme code');
  }
  const domicileRegionCode = get('domicile_region_code');
  if (!/^\d{4}$/.test(domicileRegionCode)) {
    return bad('domicile_region_code', 'must be 4 digits');
  }
  const enrolment = get('enrolment_year');
  if (!YEAR.test(enrolment)) {
    return bad('enrolment_year', 'must be a year');
  }
  const graduation = get('graduation_year');
  if (graduation !== '' && !YEAR.test(graduation)) {
    return bad('graduation_year', 'must be a year or empty');
  }
  const status = get('status').toLowerCase() || StudentStatus.Enrolled;
  if (!STATUSES.includes(status)) {
    return bad('status', `must be one of ${STATUSES.join(', ')}`);
  }
  const consent = get('parental_consent').toLowerCase();
  if (!YES.has(consent) && !NO.has(consent)) {
    return bad('parental_consent', 'must be true or false');
  }
  const row: StudentRow = {
    row: record.row,
    nisn,
    nik,
    name,
    birthDate: get('birth_date'),
    gender: gender as Gender,
    programCode,
    domicileRegionCode,
    enrolmentYear: Number(enrolment),
    graduationYear: graduation === '' ? null : Number(graduation),
    status: status as StudentStatus,
    parentalConsent: YES.has(consent),
  };
  const [problem] = crossFieldProblems(row, today);
  if (problem) {
    return bad(COLUMN_OF[problem.field] ?? problem.field, problem.problems[0]);
  }
  return row;
}

const COLUMN_OF: Record<string, string> = {
  nik: 'nik',
  birthDate: 'birth_date',
  parentalConsent: 'parental_consent',
  graduationYear: 'graduation_year',
};

export function isProblem<T extends object>(value: T | RowProblem): value is RowProblem {
  return 'reason' in value;
}
