import type { EntityManager } from 'typeorm';
import type { CompetencySource } from '../competencies/student-competency.entity';
import { BatchOutcome, ImportContext, inList, placeholders } from './import-batch';
import type { CompetencyRow } from './competency-rows';
import type { RowProblem } from './student-rows';

interface Held {
  student_id: number;
  unit_code: string;
  level: number;
  source: CompetencySource;
  evidence_ref: string;
  achieved_on: string;
}

/** Upserts one batch of units held, by (student, unit), for students of the import's school. */
export async function writeCompetencyBatch(
  manager: EntityManager,
  rows: CompetencyRow[],
  ctx: ImportContext,
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { created: 0, updated: 0, unchanged: 0, problems: [] };
  if (rows.length === 0) {
    return outcome;
  }
  const students = new Map<string, number>();
  for (const s of await manager.query<{ id: number; nisn: string }[]>(
    `SELECT id, nisn FROM students WHERE school_id = ? AND nisn IN (${inList(rows.length)})`,
    [ctx.schoolId, ...rows.map((r) => r.nisn)],
  )) {
    students.set(s.nisn, Number(s.id));
  }
  const units = new Set<string>(
    (
      await manager.query<{ code: string }[]>(
        `SELECT code FROM competency_units WHERE code IN (${inList(rows.length)})`,
        rows.map((r) => r.unitCode),
      )
    ).map((u) => u.code),
  );
  const accepted: (CompetencyRow & { studentId: number })[] = [];
  for (const r of rows) {
    const studentId = students.get(r.nisn);
    if (studentId === undefined) {
      outcome.problems.push(problem(r, 'nisn', 'no student with this NISN at the school'));
    } else if (!units.has(r.unitCode)) {
      outcome.problems.push(problem(r, 'unit_code', 'is not in the competency catalogue'));
    } else {
      accepted.push({ ...r, studentId });
    }
  }
  if (accepted.length === 0) {
    return outcome;
  }
  const held = new Map<string, Held>();
  for (const h of await manager.query<Held[]>(
    `SELECT student_id, unit_code, level, source, evidence_ref, achieved_on
       FROM student_competencies WHERE student_id IN (${inList(accepted.length)}) FOR UPDATE`,
    accepted.map((a) => a.studentId),
  )) {
    held.set(`${h.student_id}|${h.unit_code}`, h);
  }
  const values: unknown[][] = [];
  for (const a of accepted) {
    const existing = held.get(`${a.studentId}|${a.unitCode}`);
    if (!existing) {
      outcome.created++;
    } else if (
      Number(existing.level) === a.level &&
      existing.source === a.source &&
      existing.evidence_ref === a.evidenceRef &&
      existing.achieved_on === a.achievedOn
    ) {
      outcome.unchanged++;
      continue;
    } else {
      outcome.updated++;
    }
    values.push([a.studentId, a.unitCode, a.level, a.source, a.evidenceRef, a.achievedOn]);
  }
  if (values.length > 0) {
    await manager.query(
      `INSERT INTO student_competencies (student_id, unit_code, level, source, evidence_ref, achieved_on)
       VALUES ${placeholders(values.length, 6)}
       ON DUPLICATE KEY UPDATE level = VALUES(level), source = VALUES(source),
         evidence_ref = VALUES(evidence_ref), achieved_on = VALUES(achieved_on)`,
      values.flat(),
    );
  }
  return outcome;
}

function problem(r: CompetencyRow, field: string, reason: string): RowProblem {
  return { row: r.row, field, reason };
}
