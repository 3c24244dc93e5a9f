import type { OutcomeImportRow } from '../outcomes/outcomes.service';
import { type CsvRecord, fieldReader } from './csv';

/**
 * The outcomes (tracer study) CSV: one graduate's state at a date per row. Only the shape is
 * read here; every rule about an outcome is OutcomesService's, shared with the API.
 */
export const OUTCOME_COLUMNS = ['nisn', 'status', 'outcome_date'] as const;
export const OUTCOME_OPTIONAL_COLUMNS = ['employer_name', 'region_code', 'notes'] as const;

export function readOutcomeRecord(record: CsvRecord, index: Map<string, number>): OutcomeImportRow {
  const get = fieldReader(record, index);
  return {
    row: record.row,
    nisn: get('nisn'),
    status: get('status').toLowerCase(),
    outcomeDate: get('outcome_date'),
    employerName: get('employer_name'),
    regionCode: get('region_code'),
    notes: get('notes'),
  };
}
