/** The outcomes feature's shapes other features use (they never import its entity). */

/** What a graduate is doing at a date (tracer study). */
export enum OutcomeStatus {
  Employed = 'employed',
  Apprenticeship = 'apprenticeship',
  SelfEmployed = 'self_employed',
  Studying = 'studying',
  Unemployed = 'unemployed',
  NotInLabourForce = 'not_in_labour_force',
}

/** Outside the labour force for the TPT-style rate (BPS: bukan angkatan kerja). */
export const OUTSIDE_LABOUR_FORCE = [OutcomeStatus.Studying, OutcomeStatus.NotInLabourForce];
/** Outcomes that name an employer. */
export const NEEDS_EMPLOYER = [OutcomeStatus.Employed, OutcomeStatus.Apprenticeship];

export enum OutcomeSource {
  School = 'school',
  Student = 'student',
  Placement = 'placement',
  Import = 'import',
}

export interface ApprenticeshipStart {
  studentId: number;
  /** The placement's start date (YYYY-MM-DD). */
  date: string;
  employerName: string;
  regionCode: string | null;
  placementId: number;
}

/** A checked outcome ready to write: what both the API and the CSV import produce. */
export interface OutcomeInput {
  studentId: number;
  status: OutcomeStatus;
  outcomeDate: string;
  employerName: string;
  regionCode: string | null;
  notes: string;
  source: OutcomeSource;
  recordedBy: number | null;
}

/** One outcome row of a CSV, as read: the imports feature hands these over unchecked. */
export interface OutcomeImportRow {
  /** The record's number in the file (the header is row 1). */
  row: number;
  nisn: string;
  status: string;
  outcomeDate: string;
  employerName: string;
  regionCode: string;
  notes: string;
}

/** What one imported batch did; problems name the CSV column and never stop the batch. */
export interface OutcomeImportBatch {
  created: number;
  unchanged: number;
  problems: { row: number; field: string; reason: string }[];
}

/** Which graduates the unemployment figures count, and what they are grouped by. */
export interface UnemploymentFilter {
  fromYear: number;
  toYear: number;
  groupBy: 'region' | 'school' | 'program';
  schoolId: number | null;
  /** The graduates' domicile regions (null: all). */
  regionCodes: string[] | null;
  /** An access condition over the students alias `s` (named parameters), or null. */
  scope: { sql: string; params: Record<string, unknown> } | null;
}

/** Graduates of one year and group, by their latest outcome. */
export interface UnemploymentCounts {
  year: number;
  key: string;
  graduates: number;
  withoutOutcome: number;
  working: number;
  unemployed: number;
  outside: number;
}
