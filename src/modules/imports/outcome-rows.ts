import type { OutcomeImportRow } from '../outcomes/outcomes.service';
import type { RowProblem } from '../students/students.types';
import type { ImportRecord } from './import-table';
import { type ReferenceNames, regionCodeOf } from './reference-names';
import { fieldReader } from './student-rows';

/**
 * One outcome (tracer study) row: only the shape is read here; every rule about an outcome is
 * OutcomesService's, shared with the API. A region given by name is turned into its code.
 */
export function readOutcomeRecord(
  record: ImportRecord,
  names: ReferenceNames,
): OutcomeImportRow | RowProblem {
  if (record.fault) {
    return { row: record.row, field: record.fault.field, reason: record.fault.reason };
  }
  const get = fieldReader(record);
  const region = get('region_code');
  return {
    row: record.row,
    nisn: get('nisn'),
    status: get('status').toLowerCase(),
    outcomeDate: get('outcome_date'),
    employerName: get('employer_name'),
    regionCode: regionCodeOf(region, names) ?? region,
    notes: get('notes'),
  };
}
