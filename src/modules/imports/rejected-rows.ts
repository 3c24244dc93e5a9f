import type { TableExport } from '../../common/export/table-export';
import { apiText, problemText, type Locale } from '../../common/i18n/problem-text';
import type { ImportRowError } from './import-row-error.entity';
import { ImportTable } from './import-table';
import type { ImportFormat, ImportKind } from './imports.types';

export interface RejectedRows {
  /** The file's header cells, as written (the reader finds our columns by them again). */
  header: string[];
  rows: { cells: string[]; reasons: string }[];
}

/**
 * The rows of an uploaded file that the import refused, with the file's own header and cells
 * (the operator's own data, given back to the one who may read the import) and the reasons in
 * a last column, in the operator's language (as the console shows them): fix them and upload
 * the file again. Rows are found by their number in the file.
 */
export async function rejectedRows(
  content: Buffer,
  imp: { kind: ImportKind; format: ImportFormat; sheet: string },
  errors: readonly ImportRowError[],
  locale: Locale,
): Promise<RejectedRows> {
  const translate = apiText(locale);
  const reasons = new Map<number, string[]>();
  for (const e of errors) {
    const reason = `${e.field}: ${problemText(e.reason, translate)}`;
    reasons.set(e.rowNumber, [...(reasons.get(e.rowNumber) ?? []), reason]);
  }
  const table = await ImportTable.open(imp.kind, content, imp.format, imp.sheet);
  const rows: RejectedRows['rows'] = [];
  for await (const batch of table.sourceRows()) {
    for (const row of batch) {
      if (reasons.has(row.row)) {
        rows.push({ cells: row.cells, reasons: (reasons.get(row.row) ?? []).join('; ') });
      }
    }
  }
  return { header: table.headerRow.cells, rows };
}

/**
 * The export of `rejectedRows` in `locale`: every cell as text (NISN and NIK keep their zeros),
 * then a column of why each row was refused (`alasan_ditolak`), which the import passes over when
 * the fixed file comes back.
 */
export function rejectedRowsTable(
  found: RejectedRows,
  locale: Locale,
): TableExport<RejectedRows['rows'][number]> {
  const text = apiText(locale);
  return {
    sheet: text('imports.rejected.sheet') ?? 'Baris ditolak',
    columns: [
      ...found.header.map((header, i) => ({
        header,
        type: 'text' as const,
        value: (r: RejectedRows['rows'][number]) => r.cells[i] ?? '',
      })),
      {
        header: text('imports.rejected.column') ?? 'alasan_ditolak',
        type: 'text',
        value: (r) => r.reasons,
        width: 60,
      },
    ],
  };
}
