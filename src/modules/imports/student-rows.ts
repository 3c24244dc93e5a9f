import { crossFieldProblems, GENDERS, NIK, NISN, STATUSES } from '../students/students.rules';
import {
  Gender,
  type RowProblem,
  type StudentImportRow,
  StudentStatus,
} from '../students/students.types';
import type { ImportRecord } from './import-table';
import { type ReferenceNames, programCodeOf, regionCodeOf } from './reference-names';

export type { RowProblem } from '../students/students.types';

/** One parsed row: the students feature's import row. */
export type StudentRow = StudentImportRow;

const YES = new Set(['true', '1', 'yes', 'ya', 'y']);
const NO = new Set(['false', '0', 'no', 'tidak', 'n', '']);
const YEAR = /^\d{4}$/;

/** A reader of one record's cells by our column name ('' when absent). */
export function fieldReader(record: ImportRecord): (column: string) => string {
  return (column) => record.values[column] ?? '';
}

/**
 * One record → a student row, or the first problem found. The caller checks what needs
 * the database (programme run by the school, region known, NISN/NIK owned by someone else).
 */
export function parseStudentRecord(
  record: ImportRecord,
  today: string,
  names: ReferenceNames,
): StudentRow | RowProblem {
  const get = fieldReader(record);
  const bad = (field: string, reason: string): RowProblem => ({ row: record.row, field, reason });
  if (record.fault) {
    return bad(record.fault.field, record.fault.reason);
  }
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
  const programCode = programCodeOf(get('program_code'), names);
  if (programCode === null) {
    return bad('program_code', 'must be a programme code or name');
  }
  const domicileRegionCode = regionCodeOf(get('domicile_region_code'), names);
  if (!domicileRegionCode) {
    return bad('domicile_region_code', 'must be a region code (4 digits) or name');
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
