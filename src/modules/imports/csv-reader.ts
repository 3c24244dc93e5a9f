import { isUtf8 } from 'node:buffer';
import { pipeline, Readable, type Transform } from 'node:stream';
import { CsvError, type Options, parse } from 'csv-parse';
import * as iconv from 'iconv-lite';
import { ImportFileError } from './file-format';
import { fileChunks, type ReadPosition } from './file-chunks';
import type { SourceRow } from './import-table';

/**
 * CSV as spreadsheets save it: comma, semicolon (Excel in an Indonesian locale) or tab
 * separated; UTF-8 with or without a BOM, UTF-16 with a BOM ("Unicode text"), or else
 * Windows-1252. Parsed by csv-parse as a stream of 64 KB chunks: the file is never one string.
 */

export type CsvEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'windows-1252';
export type CsvDelimiter = ',' | ';' | '\t';

const BOMS: { bytes: number[]; encoding: CsvEncoding }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf8' },
  { bytes: [0xff, 0xfe], encoding: 'utf16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf16be' },
];
const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];
/** Bytes looked at to choose the delimiter. */
const SAMPLE_BYTES = 64 * 1024;
/** Lines looked at to choose the delimiter (title rows above the header included). */
const SAMPLE_LINES = 10;
/** A longer record is not a spreadsheet row: refused rather than held in memory. */
const MAX_RECORD_CHARS = 1024 * 1024;
/** Records parsed ahead of the consumer, so parsing overlaps the database's work. */
const READ_AHEAD_RECORDS = 1000;

export interface CsvLayout {
  encoding: CsvEncoding;
  /** Bytes of the BOM, skipped. */
  bom: number;
  delimiter: CsvDelimiter;
}

/** The encoding, by BOM, else UTF-8 when every byte sequence is valid UTF-8, else Windows-1252. */
export function detectEncoding(content: Buffer): { encoding: CsvEncoding; bom: number } {
  for (const { bytes, encoding } of BOMS) {
    if (bytes.every((b, i) => content[i] === b)) {
      return { encoding, bom: bytes.length };
    }
  }
  return { encoding: isUtf8(content) ? 'utf8' : 'windows-1252', bom: 0 };
}

/** The candidate found most often outside quotes in the first lines; a comma on a tie. */
export function detectDelimiter(sample: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  let lines = 0;
  for (const c of sample) {
    if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === '\n' && ++lines >= SAMPLE_LINES) {
      break;
    } else if (!quoted && counts.has(c as CsvDelimiter)) {
      counts.set(c as CsvDelimiter, (counts.get(c as CsvDelimiter) ?? 0) + 1);
    }
  }
  return DELIMITERS.reduce((best, d) =>
    (counts.get(d) ?? 0) > (counts.get(best) ?? 0) ? d : best,
  );
}

export function detectLayout(content: Buffer): CsvLayout {
  const { encoding, bom } = detectEncoding(content);
  const sample = iconv.decode(content.subarray(bom, bom + SAMPLE_BYTES), encoding);
  return { encoding, bom, delimiter: detectDelimiter(sample) };
}

/** Why the parser stopped, in words that quote nothing of the file. */
function readFailure(error: unknown): unknown {
  if (!(error instanceof CsvError)) {
    return error;
  }
  // The parser's count of records before the broken one (blank ones included, as rows are).
  const row = Number(error.records) + 1;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new ImportFileError(`row ${row}: a quoted field is not closed`);
  }
  if (error.code === 'CSV_MAX_RECORD_SIZE') {
    return new ImportFileError(`row ${row}: longer than ${MAX_RECORD_CHARS} characters`);
  }
  return new ImportFileError(`row ${row}: not readable as CSV`);
}

/**
 * The file's records, in batches as parsed, with their number in the file (the first is 1;
 * blank records count, as spreadsheet rows do, and are skipped).
 */
export async function* readCsvRows(
  content: Buffer,
  layout: CsvLayout = detectLayout(content),
  position: ReadPosition = { share: 0 },
): AsyncGenerator<SourceRow[]> {
  const options: Options & { readableHighWaterMark: number } = {
    delimiter: layout.delimiter,
    relax_column_count: true,
    relax_quotes: true,
    // Any line end, even mixed in one file (csv-parse would otherwise keep the first it saw).
    record_delimiter: ['\r\n', '\n', '\r'],
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARS,
    // Passed on to the stream: how far parsing may run ahead of the consumer.
    readableHighWaterMark: READ_AHEAD_RECORDS,
  };
  const parser = parse(options);
  const source = Readable.from(fileChunks(content, layout.bom, position), { objectMode: false });
  // Errors reach the consumer through records(), after the rows parsed before them.
  const done = (): void => undefined;
  if (layout.encoding === 'utf8') {
    pipeline(source, parser, done);
  } else {
    pipeline(source, iconv.decodeStream(layout.encoding) as unknown as Transform, parser, done);
  }
  let row = 0;
  try {
    for await (const batch of records(parser)) {
      const rows: SourceRow[] = [];
      for (const cells of batch) {
        row++;
        if (cells.some((c) => c.trim() !== '')) {
          rows.push({ row, cells });
        }
      }
      yield rows;
    }
  } catch (error) {
    throw readFailure(error);
  }
}

/**
 * The parser's records in order, in batches of those ready, then its error if it failed: unlike a stream's own iterator,
 * which drops the records still buffered when the error comes, so that a broken row 52 would
 * hide rows 1 to 51. At most about READ_AHEAD_RECORDS are parsed ahead of the consumer.
 */
async function* records(parser: Readable): AsyncGenerator<string[][]> {
  let queue: string[][] = [];
  // Set by the stream's events (an object: the compiler does not see callbacks assign).
  const state: { failure: Error | null; ended: boolean } = { failure: null, ended: false };
  let wake: (() => void) | null = null;
  const notify = (): void => {
    wake?.();
    wake = null;
  };
  parser.on('data', (record: string[]) => {
    queue.push(record);
    if (queue.length >= READ_AHEAD_RECORDS) {
      parser.pause();
    }
    notify();
  });
  parser.on('error', (error: Error) => {
    state.failure = error;
    notify();
  });
  parser.on('end', () => {
    state.ended = true;
    notify();
  });
  try {
    for (;;) {
      if (queue.length > 0) {
        const ready = queue;
        queue = [];
        parser.resume();
        yield ready;
      } else if (state.failure) {
        throw state.failure;
      } else if (state.ended) {
        return;
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
  } finally {
    parser.destroy();
  }
}
