import type { TableExport } from '../../common/export/table-export';
import type { ProposalExportRow, UnmatchedExportRow } from './matching.service';

/** A round's proposals as a file: one row per student, the explanation as JSON text. */
export const PROPOSALS_TABLE: TableExport<ProposalExportRow> = {
  sheet: 'Proposals',
  columns: [
    { header: 'student_id', type: 'integer', value: (r) => r.studentId },
    { header: 'nisn', type: 'text', value: (r) => r.nisn },
    { header: 'student_name', type: 'text', value: (r) => r.studentName, width: 28 },
    { header: 'school_id', type: 'integer', value: (r) => r.schoolId },
    { header: 'slot_id', type: 'integer', value: (r) => r.slotId },
    { header: 'slot_title', type: 'text', value: (r) => r.slotTitle, width: 28 },
    { header: 'company_id', type: 'integer', value: (r) => r.companyId },
    { header: 'score', type: 'number', value: (r) => r.score },
    { header: 'rank', type: 'integer', value: (r) => r.rank },
    { header: 'explanation', type: 'text', value: (r) => JSON.stringify(r.explanation) },
  ],
};

/** A round's unmatched students as a file, with the reason's code and details (JSON text). */
export const UNMATCHED_TABLE: TableExport<UnmatchedExportRow> = {
  sheet: 'Unmatched',
  columns: [
    { header: 'student_id', type: 'integer', value: (r) => r.studentId },
    { header: 'nisn', type: 'text', value: (r) => r.nisn },
    { header: 'student_name', type: 'text', value: (r) => r.studentName, width: 28 },
    { header: 'school_id', type: 'integer', value: (r) => r.schoolId },
    { header: 'reason_code', type: 'text', value: (r) => r.reasonCode, width: 20 },
    { header: 'slot_id', type: 'integer', value: (r) => r.slotId },
    { header: 'slot_title', type: 'text', value: (r) => r.slotTitle, width: 28 },
    { header: 'reason', type: 'text', value: (r) => JSON.stringify(r.reason) },
  ],
};
