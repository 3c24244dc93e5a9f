import { isCalendarDate } from '../../common/database/dates';
import { CompetencySource, type CompetencyImportRow } from '../competencies/competencies.types';
import { NISN } from '../students/students.rules';
import type { RowProblem } from '../students/students.types';
import { type CsvRecord, fieldReader } from './csv';

/** The competencies-held CSV: one unit a student holds per row. */
export const COMPETENCY_COLUMNS = ['nisn', 'unit_code', 'level', 'source', 'achieved_on'] as const;
export const COMPETENCY_OPTIONAL_COLUMNS = ['evidence_ref'] as const;

/** One parsed row: the competencies feature's import row. */
export type CompetencyRow = CompetencyImportRow;

const SOURCES = Object.values(CompetencySource) as string[];

export function parseCompetencyRecord(
  record: CsvRecord,
  index: Map<string, number>,
): CompetencyRow | RowProblem {
  const get = fieldReader(record, index);
  const bad = (field: string, reason: string): RowProblem => ({ row: record.row, field, reason });
  const nisn = get('nisn');
  if (!NISN.test(nisn)) {
    return bad('nisn', 'must be exactly 10 digits');
  }
  const unitCode = get('unit_code');
  if (unitCode === '' || unitCode.length > 32) {
    return bad('unit_code', 'must be a unit code');
  }
  const level = get('level');
  if (!/^[1-5]$/.test(level)) {
    return bad('level', 'must be 1 to 5');
  }
  const source = get('source').toLowerCase();
  if (!SOURCES.includes(source)) {
    return bad('source', `must be one of ${SOURCES.join(', ')}`);
  }
  const evidenceRef = get('evidence_ref');
  if (evidenceRef.length > 100) {
    return bad('evidence_ref', 'must be at most 100 characters');
  }
  const achievedOn = get('achieved_on');
  if (!isCalendarDate(achievedOn)) {
    return bad('achieved_on', 'must be a date YYYY-MM-DD');
  }
  return {
    row: record.row,
    nisn,
    unitCode,
    level: Number(level),
    source: source as CompetencySource,
    evidenceRef,
    achievedOn,
  };
}
