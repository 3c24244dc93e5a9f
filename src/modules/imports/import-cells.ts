import { canonicalValue, type ImportColumn } from './import-columns';

/**
 * A cell's text as the row's rules expect it, whatever the spreadsheet did to it: leading zeros
 * of a NISN restored, dates in ISO form, Indonesian words for coded values mapped to ours. Pure.
 * A fault's reason never quotes the cell (it may be a NIK).
 */
export class CellFault {
  constructor(readonly reason: string) {}
}

export const DIGITS_LOST =
  'was saved in scientific notation (like 3.6E+15), which loses digits: format the column as Text and enter the numbers again';

const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?e[+-]?\d+$/i;
const DIGITS = /^\d+$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]*Z?)?$/;
const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
/** Five digits: 1927-05-18 to 2173-10-14; a bare year (2006) is not taken for a serial. */
const SERIAL = /^\d{5}(?:\.0+)?$/;
/** Excel's day 0, in its 1900 date system (which counts a 29 February 1900 that never was). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/**
 * A NISN starts with the last three digits of the birth year (00x for 2000–2009), so a number
 * format drops at most three zeros: a 7–9 digit value is a NISN that lost them.
 */
const NISN_LENGTH = 10;
const NISN_SHORTEST_WITHOUT_ZEROS = 7;

function pad2(n: string | number): string {
  return String(n).padStart(2, '0');
}

/** An Excel serial date (days since 1899-12-30) as YYYY-MM-DD. */
export function excelSerialToIso(serial: number): string {
  // Serials before 1 March 1900 count the phantom 29 February once less.
  const days = serial < 61 ? serial + 1 : serial;
  return new Date(EXCEL_EPOCH_MS + Math.floor(days) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A date cell as YYYY-MM-DD: ISO (a midnight time allowed), day first (DD/MM/YYYY, also with
 * `-` or `.`), or an Excel serial number. Anything else is returned as given, for the row's
 * rules to refuse; an impossible date (31/02) keeps its impossible ISO form for the same reason.
 */
export function normaliseDate(text: string): string {
  let m = ISO_DATE.exec(text);
  if (m) {
    return `${m[1]}-${pad2(m[2])}-${pad2(m[3])}`;
  }
  m = DAY_FIRST.exec(text);
  if (m) {
    return `${m[3]}-${pad2(m[2])}-${pad2(m[1])}`;
  }
  return SERIAL.test(text) ? excelSerialToIso(Number(text)) : text;
}

/** A spreadsheet's "force text" apostrophe, sometimes typed into an exported file. */
function withoutApostrophe(text: string): string {
  return text.startsWith("'") ? text.slice(1) : text;
}

export function normaliseCell(column: ImportColumn, raw: string): string | CellFault {
  const text = raw.trim();
  switch (column.cell) {
    case 'nisn': {
      const digits = withoutApostrophe(text);
      if (SCIENTIFIC.test(digits)) {
        return new CellFault(DIGITS_LOST);
      }
      const short =
        DIGITS.test(digits) &&
        digits.length >= NISN_SHORTEST_WITHOUT_ZEROS &&
        digits.length < NISN_LENGTH;
      return short ? digits.padStart(NISN_LENGTH, '0') : digits;
    }
    case 'nik': {
      const digits = withoutApostrophe(text);
      return SCIENTIFIC.test(digits) ? new CellFault(DIGITS_LOST) : digits;
    }
    case 'date':
      return normaliseDate(text);
    case 'text':
      return canonicalValue(column, text);
  }
}
