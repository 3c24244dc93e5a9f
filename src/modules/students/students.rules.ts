import { Role } from '../../common/auth/role.enum';
import type { AuthUser } from '../../common/auth/auth-user';
import { ageOn, isCalendarDate } from '../../common/database/dates';
import type { FieldProblem } from '../../common/errors/domain.exception';
import { Gender, StudentStatus } from './students.types';

/** Pure rules shared by the API and the bulk import, so both refuse exactly the same things. */

export const NISN = /^\d{10}$/;
export const NIK = /^\d{16}$/;
export { ISO_DATE } from '../../common/database/dates';

/** Province codes (the NIK's first two digits) as issued by Dukcapil. */
export const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '16', '17', '18', '19', '21',
  '31', '32', '33', '34', '35', '36', '51', '52', '53',
  '61', '62', '63', '64', '65', '71', '72', '73', '74', '75', '76',
  '81', '82', '91', '92', '93', '94', '95', '96', '97',
]); // prettier-ignore

/** Under 18 is a minor: a parent's consent is needed for their data and their apprenticeship. */
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

/** What a student may change about themself: their contact details and where they live. */
export const SELF_EDITABLE = ['phone', 'email', 'domicileRegionCode'] as const;

/** Whether the user is the student themself (who alone sees their full NIK). */
export function isOwnStudent(
  user: Pick<AuthUser, 'role' | 'studentId'>,
  studentId: number,
): boolean {
  return user.role === Role.Student && user.studentId === studentId;
}

/** The fields of a change a student may not make to their own record. */
export function refusedSelfEdits(role: Role, changedFields: readonly string[]): FieldProblem[] {
  if (role !== Role.Student) {
    return [];
  }
  return changedFields
    .filter((k) => !(SELF_EDITABLE as readonly string[]).includes(k))
    .map((field) => ({ field, problems: ['a student cannot change this'] }));
}
