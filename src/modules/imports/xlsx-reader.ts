import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { stream, type Cell, type CellValue, type Row } from 'exceljs';
import { ImportFileError, type ZipEntry, zipEntries, zipEntryBytes } from './file-format';
import { fileChunks, type ReadPosition } from './file-chunks';
import type { SourceRow } from './import-table';

/**
 * An .xlsx sheet, read by exceljs's streaming reader (rows as the zip inflates, never the whole
 * workbook in memory), as rows of text: the same rows a CSV gives, so the rest of the import does
 * not know which it read. Dates become YYYY-MM-DD; numbers become their digits, except where a
 * spreadsheet rounded them (see numberText).
 */

/**
 * The parts of exceljs's streaming WorkbookReader we drive ourselves. Its own parse() reads the
 * zip front to back in one pass and, on a workbook whose worksheet comes before workbook.xml (as
 * exceljs writes them), sometimes stops after the worksheet (exceljs 4.4.0; seen in CI as an
 * import failed for good, reproduced at a few in a thousand reads). We read the parts
 * by the zip's central directory instead, in the order they are needed, each as a stream.
 */
interface BookParts {
  model?: { sheets?: { name: string; rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(
    rows: AsyncIterable<Buffer>,
    sheetNo: string,
  ): Iterable<{ eventType: string; value: AsyncIterable<Row> }>;
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

/** A zip entry's content as a stream (inflated as it is read), counted into `position`. */
function entryStream(
  zip: Buffer,
  entries: Map<string, ZipEntry>,
  name: string,
  position: ReadPosition = { share: 0 },
): Readable {
  const entry = entries.get(name);
  if (!entry) {
    throw new ImportFileError(`a damaged .xlsx file (it has no ${name})`);
  }
  const stored = Readable.from(fileChunks(zipEntryBytes(zip, entry), 0, position), {
    objectMode: false,
  });
  return entry.method === 8 ? stored.pipe(createInflateRaw()) : stored;
}

/** A relationship's target as a zip entry name (relative to xl/, or absolute from the root). */
function partName(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/**
 * The rows of one sheet, in batches: the one named (case and surrounding spaces ignored), or the
 * first in the workbook's tab order. Row numbers are the sheet's; empty rows are skipped. Only
 * the parts that sheet needs are read, and the sheet as a stream (never the whole workbook in
 * memory); `position` counts the sheet's stored bytes.
 */
export async function* readXlsxRows(
  content: Buffer,
  sheet?: string,
  position: ReadPosition = { share: 0 },
): AsyncGenerator<SourceRow[]> {
  const entries = new Map(zipEntries(content).map((e) => [e.name, e]));
  const book = new stream.xlsx.WorkbookReader(Readable.from([]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  }) as unknown as BookParts;
  let rows: AsyncIterable<Row>;
  try {
    await book._parseRels(entryStream(content, entries, 'xl/_rels/workbook.xml.rels'));
    await book._parseWorkbook(entryStream(content, entries, 'xl/workbook.xml'));
    // Optional parts: a workbook of numbers only has no shared strings.
    if (entries.has('xl/sharedStrings.xml')) {
      for await (const _ of book._parseSharedStrings(
        entryStream(content, entries, 'xl/sharedStrings.xml'),
      )) {
        void _;
      }
    }
    if (entries.has('xl/styles.xml')) {
      await book._parseStyles(entryStream(content, entries, 'xl/styles.xml'));
    }
    const sheets = book.model?.sheets ?? [];
    const wanted = sheet ? sheets.find((s) => sameName(s.name, sheet)) : sheets[0];
    if (!wanted) {
      throw sheet
        ? new ImportFileError(
            `no sheet named "${sheet}"; the workbook has: ${sheets.map((s) => s.name).join(', ')}`,
            'sheet',
          )
        : new ImportFileError('the workbook has no sheet');
    }
    const rel = book.workbookRels?.find((r) => r.Id === wanted.rId);
    if (!rel) {
      throw new ImportFileError('a damaged .xlsx file (its sheet has no part)');
    }
    const name = partName(rel.Target);
    const sheetNo = /sheet(\d+)\.xml$/.exec(name)?.[1] ?? '';
    const [parsed] = book._parseWorksheet(entryStream(content, entries, name, position), sheetNo);
    rows = parsed.value;
  } catch (error) {
    if (error instanceof ImportFileError) {
      throw error;
    }
    // exceljs and zlib say what broke in their own words, which may quote the file.
    throw new ImportFileError('a damaged .xlsx file (it could not be read)');
  }
  try {
    let batch: SourceRow[] = [];
    for await (const row of rows) {
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
  } catch {
    throw new ImportFileError('a damaged .xlsx file (it could not be read to the end)');
  }
}
