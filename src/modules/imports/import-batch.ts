import type { EntityManager } from 'typeorm';
import type { RowProblem } from './student-rows';

/** What one batch did; the runner adds it to the import's counters with the checkpoint. */
export interface BatchOutcome {
  created: number;
  updated: number;
  unchanged: number;
  problems: RowProblem[];
}

/** Who the import acts for, and the reference data every row is checked against. */
export interface ImportContext {
  importId: number;
  schoolId: number;
  actor: { id: number; role: string };
  programs: Set<string>;
  regions: Set<string>;
  today: string;
}

/** `(?, ?, ?), (?, ?, ?)` for a multi-row VALUES list. */
export function placeholders(rows: number, columns: number): string {
  const one = `(${new Array<string>(columns).fill('?').join(', ')})`;
  return new Array<string>(rows).fill(one).join(', ');
}

export function inList(n: number): string {
  return new Array<string>(n).fill('?').join(', ');
}

export async function insertRowProblems(
  manager: EntityManager,
  importId: number,
  problems: RowProblem[],
): Promise<void> {
  if (problems.length === 0) {
    return;
  }
  // IGNORE: a batch re-run after a crash between commit and ack must not fail on its own rows.
  await manager.query(
    `INSERT IGNORE INTO import_row_errors (import_id, \`row_number\`, field, reason) VALUES ${placeholders(problems.length, 4)}`,
    problems.flatMap((p) => [importId, p.row, p.field, p.reason.slice(0, 255)]),
  );
}
