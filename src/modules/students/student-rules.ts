import { ageOn, isCalendarDate } from '../../common/database/dates';
import type { FieldProblem } from '../../common/errors/domain.exception';
import { Gender, StudentStatus } from './student.entity';

/** Pure rules shared by the API and the bulk import, so both refuse exactly the same things. */

export const NISN = /^\d{10}$/;
export const NIK = /^\d{16}$/;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Province codes (the NIK's first two digits) as issued by Dukcapil. */
export const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '16', '17', '18', '19', '21',
  '31', '32', '33', '34', '35', '36', '51', '52', '53',
  '61', '62', '63', '64', '65', '71', '72', '73', '74', '75', '76',
  '81', '82', '91', '92', '93', '94', '95', '96', '97',
]); // prettier-ignore

export const ADULT_AGE = 18;

/** The only form of a NIK that leaves the server, except to its owner: 3604********0001. */
export function maskNik(nik: string): string {
  return `${nik.slice(0, 4)}********${nik.slice(12)}`;
}

/** Problems with a NIK, in words that never repeat the NIK itself. */
export function nikProblem(nik: string): string | null {
  if (!NIK.test(nik)) {
    return 'must be exactly 16 digits';
  }
  if (!PROVINCE_CODES.has(nik.slice(0, 2))) {
    return 'must start with a valid province code';
  }
  return null;
}

export interface StudentFacts {
  nik?: string;
  birthDate?: string;
  enrolmentYear?: number;
  graduationYear?: number | null;
  parentalConsent?: boolean;
}

/** Rules across fields, checked after each field's own shape. `today` is an ISO date. */
export function crossFieldProblems(facts: StudentFacts, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (facts.nik !== undefined) {
    const p = nikProblem(facts.nik);
    if (p) {
      problems.push({ field: 'nik', problems: [p] });
    }
  }
  if (facts.birthDate !== undefined) {
    if (!isCalendarDate(facts.birthDate) || facts.birthDate >= today) {
      problems.push({ field: 'birthDate', problems: ['must be a real date in the past'] });
    } else if (facts.parentalConsent === false && ageOn(facts.birthDate, today) < ADULT_AGE) {
      problems.push({
        field: 'parentalConsent',
        problems: ["is required for a student under 18 (UU PDP: a child's data)"],
      });
    }
  }
  if (
    facts.enrolmentYear !== undefined &&
    facts.graduationYear !== undefined &&
    facts.graduationYear !== null &&
    facts.graduationYear < facts.enrolmentYear
  ) {
    problems.push({ field: 'graduationYear', problems: ['must not be before enrolmentYear'] });
  }
  return problems;
}

export const GENDERS = Object.values(Gender) as string[];
export const STATUSES = Object.values(StudentStatus) as string[];

export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
