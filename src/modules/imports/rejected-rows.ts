import type { TableExport } from '../../common/export/table-export';
import { API_TEXTS, apiText, problemText, type Locale } from '../../common/i18n/problem-text';
import type { ImportRowError } from './import-row-error.entity';
import { ImportTable } from './import-table';
import type { ImportFormat, ImportKind } from './imports.types';

export interface RejectedRows {
  /** The file's header cells, as written (the reader finds our columns by them again). */
  header: string[];
  /** each refused row's cells and its problems, as the import recorded them */
  rows: { cells: string[]; problems: Pick<ImportRowError, 'field' | 'reason'>[] }[];
}

/**
 * The rows of an uploaded file that the import refused, with the file's own header and cells
 * (the operator's own data, given back to the one who may read the import) and their problems:
 * fix them and upload the file again. Rows are found by their number in the file.
 */
export async function rejectedRows(
  content: Buffer,
  imp: { kind: ImportKind; format: ImportFormat; sheet: string },
  errors: readonly ImportRowError[],
): Promise<RejectedRows> {
  const problems = new Map<number, RejectedRows['rows'][number]['problems']>();
  for (const e of errors) {
    problems.set(e.rowNumber, [...(problems.get(e.rowNumber) ?? []), e]);
  }
  const table = await ImportTable.open(imp.kind, content, imp.format, imp.sheet);
  const rows: RejectedRows['rows'] = [];
  for await (const batch of table.sourceRows()) {
    for (const row of batch) {
      const refused = problems.get(row.row);
      if (refused) {
        rows.push({ cells: row.cells, problems: refused });
      }
    }
  }
  return { header: table.headerRow.cells, rows };
}

/**
 * The export of `rejectedRows` in `locale`: every cell as text (NISN and NIK keep their zeros),
 * then a column of why each row was refused, in the operator's language as the console shows it
 * (`alasan_ditolak`: "nik: harus …"), which the import passes over when the fixed file comes back.
 */
export function rejectedRowsTable(
  found: RejectedRows,
  locale: Locale,
): TableExport<RejectedRows['rows'][number]> {
  const texts = API_TEXTS[locale];
  const translate = apiText(locale);
  return {
    sheet: texts['imports.rejected.sheet'],
    columns: [
      ...found.header.map((header, i) => ({
        header,
        type: 'text' as const,
        value: (r: RejectedRows['rows'][number]) => r.cells[i] ?? '',
      })),
      {
        header: texts['imports.rejected.column'],
        type: 'text',
        value: (r) =>
          r.problems.map((p) => `${p.field}: ${problemText(p.reason, translate)}`).join('; '),
        width: 60,
      },
    ],
  };
}
