import type { Role } from '../../common/auth/role.enum';

export enum ImportKind {
  Students = 'students',
  Competencies = 'competencies',
  /** Tracer-study outcomes of the school's graduates (rules in OutcomesService). */
  Outcomes = 'outcomes',
}

export enum ImportStatus {
  Queued = 'queued',
  Running = 'running',
  Completed = 'completed',
  Failed = 'failed',
}

/** Who the import acts for, and the reference data every row is checked against. */
export interface ImportContext {
  importId: number;
  schoolId: number;
  actor: { id: number; role: Role };
  programs: Set<string>;
  regions: Set<string>;
  today: string;
}

/** The counters a batch adds to its import, with the checkpoint. */
export interface BatchCounts {
  nextRow: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}
