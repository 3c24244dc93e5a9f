import type { RowProblem } from '../students/students.types';
import { readCsvRows } from './csv-reader';
import type { ReadPosition } from './file-chunks';
import { CellFault, normaliseCell } from './import-cells';
import {
  type HeaderMatch,
  headerScore,
  IMPORT_COLUMNS,
  type ImportColumn,
  matchHeader,
} from './import-columns';
import { ImportFormat, type ImportKind } from './imports.types';
import { readXlsxRows } from './xlsx-reader';

/**
 * The one shape both readers give: rows of header → text. A file is opened per pass; its
 * header is found, mapped onto the kind's columns (aliases, see import-columns.ts), and each
 * later row becomes a record of our column names to normalised cells.
 */

/** A row as a reader gives it: its number in the file or sheet, and its cells as text. */
export interface SourceRow {
  row: number;
  cells: string[];
}

export interface ImportRecord {
  row: number;
  /** Every column of the kind by our name: the normalised cell, '' when absent or empty. */
  values: Record<string, string>;
  /** A cell that cannot be read right (digits lost), reported before the row's own rules. */
  fault?: { field: string; reason: string };
}

/** Title rows a header may sit under (Dapodik's export starts with a few). */
const HEADER_SEARCH_ROWS = 10;

export function readRows(
  content: Buffer,
  format: ImportFormat,
  sheet?: string,
  position: ReadPosition = { share: 0 },
): AsyncGenerator<SourceRow[]> {
  return format === ImportFormat.Xlsx
    ? readXlsxRows(content, sheet || undefined, position)
    : readCsvRows(content, undefined, position);
}

export class ImportTable {
  private constructor(
    /** The header's row as the file has it (rows above it were titles). */
    readonly headerRow: SourceRow,
    readonly header: HeaderMatch,
    private readonly columns: readonly ImportColumn[],
    private readonly ahead: SourceRow[],
    private readonly rest: AsyncGenerator<SourceRow[]>,
  ) {}

  /**
   * Reads the first rows of the file and takes as header the one naming the most of the kind's
   * columns (the first row when none names any), so title rows above it are skipped.
   */
  static async open(
    kind: ImportKind,
    content: Buffer,
    format: ImportFormat,
    sheet?: string,
    position?: ReadPosition,
  ): Promise<ImportTable> {
    const rows = readRows(content, format, sheet, position);
    const first: SourceRow[] = [];
    while (first.length < HEADER_SEARCH_ROWS) {
      const next = await rows.next();
      if (next.done) {
        break;
      }
      first.push(...next.value);
    }
    let best = 0;
    first.slice(0, HEADER_SEARCH_ROWS).forEach((r, i) => {
      if (headerScore(kind, r.cells) > headerScore(kind, first[best].cells)) {
        best = i;
      }
    });
    const header = first[best] ?? { row: 1, cells: [] };
    return new ImportTable(
      header,
      matchHeader(kind, header.cells),
      IMPORT_COLUMNS[kind],
      first.slice(best + 1),
      rows,
    );
  }

  /** Stops reading the file (when only the header was wanted). */
  async close(): Promise<void> {
    await this.rest.return(undefined);
  }

  /**
   * The data rows after the header, in batches as read, once (a second pass opens the file
   * again). With `only`, just those columns are read (the rest are '').
   */
  async *batches(only?: readonly string[]): AsyncGenerator<ImportRecord[]> {
    const at = this.columns
      .filter((column) => !only || only.includes(column.name))
      .map((column) => ({ column, index: this.header.columns.indexOf(column.name) }));
    if (this.ahead.length > 0) {
      yield this.ahead.map((row) => toRecord(row, at));
    }
    for await (const rows of this.rest) {
      yield rows.map((row) => toRecord(row, at));
    }
  }

  /** The data rows after the header as the file has them (raw cells), once (see batches). */
  async *sourceRows(): AsyncGenerator<SourceRow[]> {
    if (this.ahead.length > 0) {
      yield this.ahead;
    }
    yield* this.rest;
  }

  /** The data rows one by one (see batches). */
  async *records(): AsyncGenerator<ImportRecord> {
    for await (const batch of this.batches()) {
      yield* batch;
    }
  }
}

function toRecord(row: SourceRow, at: { column: ImportColumn; index: number }[]): ImportRecord {
  const record: ImportRecord = { row: row.row, values: {} };
  for (const { column, index } of at) {
    const value = index < 0 ? '' : normaliseCell(column, row.cells[index] ?? '');
    if (value instanceof CellFault) {
      record.fault ??= { field: column.name, reason: value.reason };
      record.values[column.name] = '';
    } else {
      record.values[column.name] = value;
    }
  }
  return record;
}

/**
 * Finds later rows repeating an earlier row's key, row by row in file order: a resumed import,
 * which reads the rows before its checkpoint again, refuses the same rows.
 */
export class DuplicateFinder {
  private readonly first: Map<string, number>[];

  constructor(private readonly keys: readonly (readonly string[])[]) {
    this.first = keys.map(() => new Map<string, number>());
  }

  /** The problem of this record if it repeats an earlier one; remembers its keys otherwise. */
  see(record: ImportRecord): RowProblem | undefined {
    let found: RowProblem | undefined;
    this.keys.forEach((columns, k) => {
      const parts = columns.map((c) => record.values[c] ?? '');
      if (parts.every((p) => p === '')) {
        return;
      }
      const value = parts.join('|');
      const earlier = this.first[k].get(value);
      if (earlier === undefined) {
        this.first[k].set(value, record.row);
      } else {
        found ??= {
          row: record.row,
          field: columns.join('+'),
          reason: `repeats row ${earlier} of this file`,
        };
      }
    });
    return found;
  }
}
