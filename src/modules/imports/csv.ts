/**
 * A small RFC 4180 reader: comma-separated, fields optionally in double quotes (a quote inside
 * doubled), CRLF or LF line ends, an optional UTF-8 BOM. Blank lines are skipped. Each record
 * keeps its number in the file (the header is record 1) so that errors can name the row.
 */
export interface CsvRecord {
  row: number;
  fields: string[];
}

export class CsvError extends Error {}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let row = 1;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endRecord = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !fieldStarted)) {
      records.push({ row, fields });
    }
    row++;
    fields = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      fieldStarted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      fieldStarted = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') {
        i++;
      }
      endRecord();
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (quoted) {
    throw new CsvError(`row ${row}: a quoted field is not closed`);
  }
  if (field !== '' || fields.length > 0 || fieldStarted) {
    endRecord();
  }
  return records;
}

/** Maps header names (trimmed, lower-cased) to column indexes; reports missing and unknown ones. */
export function readHeader(
  header: string[],
  required: readonly string[],
  optional: readonly string[],
): { index: Map<string, number>; missing: string[]; unknown: string[]; duplicated: string[] } {
  const index = new Map<string, number>();
  const duplicated: string[] = [];
  header.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    if (index.has(key)) {
      duplicated.push(key);
    }
    index.set(key, i);
  });
  const known = new Set([...required, ...optional]);
  return {
    index,
    missing: required.filter((r) => !index.has(r)),
    unknown: [...index.keys()].filter((k) => !known.has(k)),
    duplicated,
  };
}

/** A reader of one record's fields by header name (from readHeader): trimmed, '' when absent. */
export function fieldReader(
  record: CsvRecord,
  index: Map<string, number>,
): (column: string) => string {
  return (column) => {
    const i = index.get(column);
    return i === undefined ? '' : (record.fields[i] ?? '').trim();
  };
}
