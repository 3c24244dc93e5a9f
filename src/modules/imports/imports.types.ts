import type { Role } from '../../common/auth/role.enum';
import type { ReferenceNames } from './reference-names';

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
  /** Programmes and regions by name, for files naming them instead of giving codes. */
  names: ReferenceNames;
  today: string;
}

/** The counters a batch adds to its import, with the checkpoint. */
export interface BatchCounts {
  nextRow: number;
  /** The file's data rows as estimated so far (see ImportRunner); exact once completed. */
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** How the uploaded file is read, decided by its content (see file-format.ts). */
export enum ImportFormat {
  Csv = 'csv',
  Xlsx = 'xlsx',
}
