import type { EntityManager } from 'typeorm';
import type { StudentsService } from '../students/students.service';
import type { RowProblem } from '../students/students.types';
import type { CompetenciesRepository } from './competencies.repository';
import type {
  CompetencyAward,
  CompetencyImportOutcome,
  CompetencyImportRow,
} from './competencies.types';

/**
 * Upserts one batch of units held, by (student, unit), for students of the import's school,
 * in the caller's transaction: unchanged rows are not written, the rest in one statement.
 */
export async function importCompetencyBatch(
  deps: { repo: CompetenciesRepository; students: StudentsService },
  manager: EntityManager,
  rows: CompetencyImportRow[],
  schoolId: number,
): Promise<CompetencyImportOutcome> {
  const outcome: CompetencyImportOutcome = { created: 0, updated: 0, unchanged: 0, problems: [] };
  if (rows.length === 0) {
    return outcome;
  }
  const students = new Map(
    (
      await deps.students.findByNisns(
        schoolId,
        rows.map((r) => r.nisn),
        manager,
      )
    ).map((s) => [s.nisn, s.id]),
  );
  const units = await deps.repo.knownUnitCodes(
    manager,
    rows.map((r) => r.unitCode),
  );
  const accepted: CompetencyAward[] = [];
  for (const r of rows) {
    const studentId = students.get(r.nisn);
    if (studentId === undefined) {
      outcome.problems.push(problem(r, 'nisn', 'no student with this NISN at the school'));
    } else if (!units.has(r.unitCode)) {
      outcome.problems.push(problem(r, 'unit_code', 'is not in the competency catalogue'));
    } else {
      accepted.push({
        studentId,
        unitCode: r.unitCode,
        level: r.level,
        source: r.source,
        evidenceRef: r.evidenceRef,
        achievedOn: r.achievedOn,
      });
    }
  }
  if (accepted.length === 0) {
    return outcome;
  }
  const held = new Map(
    (
      await deps.repo.lockHeld(
        manager,
        accepted.map((a) => a.studentId),
      )
    ).map((h) => [`${h.student_id}|${h.unit_code}`, h]),
  );
  const changed: CompetencyAward[] = [];
  for (const a of accepted) {
    const existing = held.get(`${a.studentId}|${a.unitCode}`);
    if (!existing) {
      outcome.created++;
    } else if (
      Number(existing.level) === a.level &&
      existing.source === String(a.source) &&
      existing.evidence_ref === a.evidenceRef &&
      existing.achieved_on === a.achievedOn
    ) {
      outcome.unchanged++;
      continue;
    } else {
      outcome.updated++;
    }
    changed.push(a);
  }
  await deps.repo.upsertImported(manager, changed);
  return outcome;
}

function problem(r: CompetencyImportRow, field: string, reason: string): RowProblem {
  return { row: r.row, field, reason };
}
