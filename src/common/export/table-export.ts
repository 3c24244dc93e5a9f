import { StreamableFile } from '@nestjs/common';
import { stream } from 'exceljs';
import { PassThrough, type Readable } from 'node:stream';
import type { Response } from 'express';
import { toCsv, type CsvCell } from '../csv/csv-writer';

/**
 * One description of an export's columns, two files from it: the CSV every export wrote
 * before (unchanged, byte for byte) and an .xlsx whose cells are typed, so Excel sums numbers,
 * sorts dates and keeps the leading zeros of a NISN or an NIB.
 */
export enum ExportFormat {
  Csv = 'csv',
  Xlsx = 'xlsx',
}

export const EXPORT_CONTENT_TYPE: Record<ExportFormat, string> = {
  [ExportFormat.Csv]: 'text/csv; charset=utf-8',
  [ExportFormat.Xlsx]: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * - `text`: kept as typed (codes such as NISN, NIB, region codes: never a number).
 * - `integer` / `number` / `percent`: a number (percent: a fraction shown as 12.5 %).
 * - `date`: a `YYYY-MM-DD` string or a Date, a date cell in the xlsx.
 */
export type ColumnType = 'text' | 'integer' | 'number' | 'percent' | 'date';

export interface ExportColumn<T> {
  header: string;
  type: ColumnType;
  value: (row: T) => string | number | Date | null | undefined;
  /** Width in characters in the xlsx (default from the header). */
  width?: number;
}

export interface TableExport<T> {
  /** The xlsx sheet's name (at most 31 characters). */
  sheet: string;
  columns: ExportColumn<T>[];
}

export function tableCsv<T>(table: TableExport<T>, rows: readonly T[]): string {
  return toCsv(
    table.columns.map((c) => c.header),
    rows.map((row) => table.columns.map((c) => csvCell(c, row))),
  );
}

/**
 * The xlsx as a stream: each row is written to the zip as it is added (exceljs's streaming
 * writer, inline strings), so a national round's proposals never sit in memory as a workbook.
 */
export function tableXlsxStream<T>(table: TableExport<T>, rows: readonly T[]): Readable {
  const out = new PassThrough();
  const workbook = new stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(table.sheet.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = table.columns.map((c) => ({
    header: c.header,
    width: c.width ?? Math.max(12, c.header.length + 2),
    style: { numFmt: NUMBER_FORMAT[c.type] },
  }));
  sheet.getRow(1).font = { bold: true };
  const write = async (): Promise<void> => {
    for (let i = 0; i < rows.length; i++) {
      sheet.addRow(table.columns.map((c) => xlsxCell(c, rows[i]))).commit();
      if (i % 1000 === 999) {
        // Let the response drain and other requests run between thousands of rows.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: Error) => out.destroy(error));
  return out;
}

/** The whole xlsx in memory (tests, small files). */
export async function tableXlsx<T>(table: TableExport<T>, rows: readonly T[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of tableXlsxStream(table, rows)) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Sets the headers of a download of the table and returns its body. */
export function sendTable<T>(
  res: Response,
  format: ExportFormat,
  basename: string,
  table: TableExport<T>,
  rows: readonly T[],
): string | StreamableFile {
  res.setHeader('Content-Type', EXPORT_CONTENT_TYPE[format]);
  res.setHeader('Content-Disposition', `attachment; filename="${basename}.${format}"`);
  // Bytes go out as a file: Nest would serialise a bare Buffer as JSON.
  return format === ExportFormat.Csv
    ? tableCsv(table, rows)
    : new StreamableFile(tableXlsxStream(table, rows));
}

const NUMBER_FORMAT: Record<ColumnType, string> = {
  text: '@',
  integer: '0',
  number: '0.##',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
};

function csvCell<T>(column: ExportColumn<T>, row: T): CsvCell {
  const value = column.value(row);
  if (value instanceof Date) {
    return value.toISOString().slice(0, 10);
  }
  return value;
}

function xlsxCell<T>(column: ExportColumn<T>, row: T): string | number | Date | null {
  const value = column.value(row);
  if (value === null || value === undefined || value === '') {
    return null;
  }
  switch (column.type) {
    case 'text':
      return String(value instanceof Date ? value.toISOString().slice(0, 10) : value);
    case 'integer':
    case 'number':
    case 'percent': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? n : String(value);
    }
    case 'date':
      return toDate(value);
  }
}

/** A date as a Date at UTC midnight (how exceljs writes a date without a time of day). */
function toDate(value: string | number | Date): Date | string {
  if (value instanceof Date) {
    return new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate()));
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value));
  return match
    ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
    : String(value);
}
