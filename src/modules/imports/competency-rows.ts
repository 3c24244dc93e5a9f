import { isCalendarDate } from '../../common/database/dates';
import { CompetencySource, type CompetencyImportRow } from '../competencies/competencies.types';
import { NISN } from '../students/students.rules';
import type { RowProblem } from '../students/students.types';
import type { ImportRecord } from './import-table';
import { fieldReader } from './student-rows';

/** One parsed row: the competencies feature's import row. */
export type CompetencyRow = CompetencyImportRow;

const SOURCES = Object.values(CompetencySource) as string[];

export function parseCompetencyRecord(record: ImportRecord): CompetencyRow | RowProblem {
  const get = fieldReader(record);
  const bad = (field: string, reason: string): RowProblem => ({ row: record.row, field, reason });
  if (record.fault) {
    return bad(record.fault.field, record.fault.reason);
  }
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
    return bad('achieved_on', 'must be a date (YYYY-MM-DD, DD/MM/YYYY or a spreadsheet date)');
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
