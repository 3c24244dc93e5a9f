import { Readable } from 'node:stream';
import { stream, type Cell, type CellValue, type Row } from 'exceljs';
import { ImportFileError } from './file-format';
import { fileChunks, type ReadPosition } from './file-chunks';
import type { SourceRow } from './import-table';

/**
 * An .xlsx sheet, read by exceljs's streaming reader (rows as the zip inflates, never the whole
 * workbook in memory), as rows of text: the same rows a CSV gives, so the rest of the import does
 * not know which it read. Dates become YYYY-MM-DD; numbers become their digits, except where a
 * spreadsheet rounded them (see numberText).
 */

/** The parts of exceljs's WorksheetReader its typings leave out. */
interface SheetReader extends AsyncIterable<Row> {
  name?: string;
}

interface BookReader extends AsyncIterable<SheetReader> {
  model?: { sheets?: { name: string }[] };
}

/** Rows handed on together (one await per batch, not per row). */
const BATCH_ROWS = 500;

/** Excel keeps 15 significant digits: a longer number may have been rounded. */
const EXCEL_DIGITS = 15;

/** A number format showing a date (d, m, y tokens outside quotes, brackets and escapes). */
function isDateFormat(numFmt: string | undefined): boolean {
  return !!numFmt && /[dy]/i.test(numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));
}

function isScientificFormat(numFmt: string | undefined): boolean {
  return !!numFmt && /E[+-]/i.test(numFmt);
}

function isoDate(date: Date): string {
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}

/**
 * A number as text. Integers keep all their digits (a NISN typed as a number is still its
 * digits; its lost leading zeros are restored later). A number shown in scientific notation,
 * one beyond a double's exact integers, or an integer longer than Excel's 15 digits ending in 0
 * (Excel rounds a typed 16-digit NIK that way) is given as Excel shows it, `3.60401E+15`, which
 * the NISN/NIK columns refuse as digits lost.
 */
export function numberText(n: number, numFmt?: string): string {
  const rounded = Number.isInteger(n) && Math.abs(n) >= 10 ** EXCEL_DIGITS && n % 10 === 0;
  if (isScientificFormat(numFmt) || rounded || (Number.isInteger(n) && !Number.isSafeInteger(n))) {
    return n.toExponential().toUpperCase();
  }
  return String(n);
}

function valueText(value: CellValue, numFmt: string | undefined): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number') {
    return isDateFormat(numFmt) ? isoDate(excelDate(value)) : numberText(value, numFmt);
  }
  if (typeof value === 'boolean') {
    return value ? 'true' : 'false';
  }
  if (value instanceof Date) {
    return isoDate(value);
  }
  if ('richText' in value) {
    return value.richText.map((part) => part.text).join('');
  }
  if ('formula' in value || 'sharedFormula' in value) {
    return valueText((value as { result?: CellValue }).result ?? null, numFmt);
  }
  if ('text' in value) {
    return valueText(value.text, numFmt);
  }
  // An error value (#N/A, #REF!): the cell holds nothing usable.
  return '';
}

/** A serial of Excel's 1900 date system as a date (a formula's result carries no Date). */
function excelDate(serial: number): Date {
  return new Date(Math.round((serial - 25_569) * 86_400_000));
}

function cellText(cell: Cell): string {
  return valueText(cell.value, cell.numFmt).trim();
}

function rowCells(row: Row): string[] {
  const cells: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    cells[column - 1] = cellText(cell);
  });
  for (let i = 0; i < cells.length; i++) {
    cells[i] ??= '';
  }
  return cells;
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * The rows of one sheet, in batches: the one named (case and surrounding spaces ignored), or the first in
 * the workbook's tab order. Row numbers are the sheet's; empty rows are skipped.
 */
export async function* readXlsxRows(
  content: Buffer,
  sheet?: string,
  position: ReadPosition = { bytes: 0 },
): AsyncGenerator<SourceRow[]> {
  const source = Readable.from(fileChunks(content, 0, position), { objectMode: false });
  const book = new stream.xlsx.WorkbookReader(source, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  }) as unknown as BookReader;
  const seen: string[] = [];
  try {
    for await (const ws of book) {
      const name = ws.name ?? '';
      seen.push(name);
      const wanted = sheet
        ? sameName(name, sheet)
        : (book.model?.sheets?.[0]?.name ?? name) === name;
      if (!wanted) {
        // Read to its end: exceljs keeps a sheet that comes before the shared strings in a temp
        // file and deletes it once the next sheet is asked for, so a sheet left unread could be
        // opened after its file was gone (ENOENT, seen once in CI).
        for await (const row of ws) {
          void row;
        }
        continue;
      }
      let batch: SourceRow[] = [];
      for await (const row of ws) {
        const cells = rowCells(row);
        if (cells.some((c) => c !== '')) {
          batch.push({ row: row.number, cells });
        }
        if (batch.length === BATCH_ROWS) {
          yield batch;
          batch = [];
        }
      }
      yield batch;
      return;
    }
  } catch {
    // exceljs and its unzipper say what broke in their own words, which may quote the file.
    throw new ImportFileError('a damaged .xlsx file (it could not be read to the end)');
  }
  throw sheet
    ? new ImportFileError(
        `no sheet named "${sheet}"; the workbook has: ${seen.join(', ')}`,
        'sheet',
      )
    : new ImportFileError('the workbook has no sheet');
}
