import type { Role } from '../../common/auth/role.enum';

/** The students feature's shapes other features use (they never import its entities). */

export enum StudentStatus {
  Enrolled = 'enrolled',
  Graduated = 'graduated',
  Withdrawn = 'withdrawn',
}

export enum Gender {
  Male = 'L',
  Female = 'P',
}

/** A student as other features read them: never the NIK, only its mask. */
export interface StudentRecord {
  id: number;
  nisn: string;
  nikMasked: string;
  name: string;
  birthDate: string;
  gender: Gender;
  schoolId: number;
  programCode: string;
  domicileRegionCode: string;
  enrolmentYear: number;
  graduationYear: number | null;
  status: StudentStatus;
  parentalConsent: boolean;
  phone: string;
  email: string;
}

/** Which students a matching round considers. */
export interface RoundStudentFilter {
  /** true: graduates only; false: everyone not withdrawn (a cohort's round). */
  graduatedOnly: boolean;
  /** Domicile regions; empty means every region. */
  regionCodes: readonly string[];
  graduationYear: number | null;
  /** Only these students (e.g. a cohort's active enrolments); absent means no such limit. */
  onlyIds?: readonly number[];
}

/** What a round needs of a student, ordered by id. */
export interface RoundStudent {
  id: number;
  schoolId: number;
  programCode: string;
  regionCode: string;
  birthDate: string;
  parentalConsent: boolean;
}

/** Why an imported row was refused: a column and a reason that never quotes the NIK. */
export interface RowProblem {
  row: number;
  field: string;
  reason: string;
}

/** What one import batch did to the owner's table. */
export interface BatchOutcome {
  created: number;
  updated: number;
  unchanged: number;
  problems: RowProblem[];
}

/** One parsed row of a students CSV. */
export interface StudentImportRow {
  row: number;
  nisn: string;
  nik: string;
  name: string;
  birthDate: string;
  gender: Gender;
  programCode: string;
  domicileRegionCode: string;
  enrolmentYear: number;
  graduationYear: number | null;
  status: StudentStatus;
  parentalConsent: boolean;
}

/** Who an import acts for and what its rows are checked against. */
export interface StudentImportContext {
  importId: number;
  schoolId: number;
  actor: { id: number; role: Role };
  programs: ReadonlySet<string>;
  regions: ReadonlySet<string>;
}
