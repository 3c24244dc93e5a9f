import type { RowProblem } from '../students/students.types';

/** The competencies feature's shapes other features use (they never import its entities). */

export enum CompetencyUnitKind {
  /** SKKNI-shaped: KBLI letter, 6 KBLI digits, 3-digit sequence, 2-digit version. */
  Skkni = 'skkni',
  Local = 'local',
}

export enum CompetencySource {
  Course = 'course',
  Assessment = 'assessment',
  Certification = 'certification',
  /** Reached in an apprenticeship: the mentor's final assessment (evidence `placement:<id>`). */
  Apprenticeship = 'apprenticeship',
}

/** A unit of the catalogue. */
export interface CompetencyUnitRecord {
  code: string;
  name: string;
  sector: string;
  kind: CompetencyUnitKind;
}

/** A unit a student is awarded (e.g. by a completed course) at a level. */
export interface CompetencyAward {
  studentId: number;
  unitCode: string;
  level: number;
  source: CompetencySource;
  evidenceRef: string;
  achievedOn: string;
}

/** One parsed row of a competencies-held CSV. */
export interface CompetencyImportRow {
  row: number;
  nisn: string;
  unitCode: string;
  level: number;
  source: CompetencySource;
  evidenceRef: string;
  achievedOn: string;
}

export interface CompetencyImportOutcome {
  created: number;
  updated: number;
  unchanged: number;
  problems: RowProblem[];
}

/** Graduates of a year holding a unit at a level, per domicile region (analytics' supply). */
export interface GraduateSupply {
  region: string;
  unit: string;
  level: number;
  n: number;
}
