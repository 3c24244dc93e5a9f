import { ImportFormat } from './imports.types';

/**
 * What an uploaded file is, judged by its bytes (never by its name): an .xlsx workbook is a zip
 * holding `xl/workbook.xml`; anything else that is text is read as CSV. Pure.
 */

/** A file that cannot be imported; the message is shown to the uploader and names no value. */
export class ImportFileError extends Error {
  constructor(
    message: string,
    /** The request field to blame: the file itself, or e.g. the sheet named. */
    readonly field = 'file',
  ) {
    super(message);
  }
}

/**
 * The most an .xlsx may unpack to. The uploads are at most 32 MB; a workbook of 100,000
 * students unpacks to about 50 MB. A zip declaring more is refused before it is read.
 */
export const MAX_XLSX_UNPACKED_BYTES = 400 * 1024 * 1024;

const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;
const ZIP_END_SIZE = 22;
const ZIP64_MARK = 0xffffffff;
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const UTF16_BOMS = [Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])];
const TEXT_SAMPLE = 8192;

export function sniffFormat(content: Buffer): ImportFormat {
  if (content.length >= 4 && content.readUInt32LE(0) === ZIP_LOCAL) {
    checkWorkbookZip(content);
    return ImportFormat.Xlsx;
  }
  if (content.subarray(0, OLE2.length).equals(OLE2)) {
    throw new ImportFileError(
      'an Excel 97-2003 workbook (.xls) cannot be read: save it as .xlsx or CSV',
    );
  }
  const isUtf16 = UTF16_BOMS.some((bom) => content.subarray(0, 2).equals(bom));
  if (!isUtf16 && content.subarray(0, TEXT_SAMPLE).includes(0)) {
    throw new ImportFileError('not a CSV or .xlsx file');
  }
  return ImportFormat.Csv;
}

/** One file of a zip, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; others are not read. */
  method: number;
  packedBytes: number;
  unpackedBytes: number;
  /** Where its local header starts. */
  headerAt: number;
}

/**
 * The zip's central directory: its entries' names, sizes and places. Read from the end of the
 * file, as unzip tools do, so the entries' order in the file does not matter.
 */
export function zipEntries(zip: Buffer): ZipEntry[] {
  let end = -1;
  for (
    let i = zip.length - ZIP_END_SIZE;
    i >= Math.max(0, zip.length - ZIP_END_SIZE - 65_535);
    i--
  ) {
    if (zip.readUInt32LE(i) === ZIP_END) {
      end = i;
      break;
    }
  }
  if (end < 0) {
    throw brokenZip();
  }
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== ZIP_CENTRAL) {
      throw brokenZip();
    }
    const nameLength = zip.readUInt16LE(at + 28);
    const rest = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      packedBytes: zip.readUInt32LE(at + 20),
      unpackedBytes: zip.readUInt32LE(at + 24),
      headerAt: zip.readUInt32LE(at + 42),
    });
    at += 46 + rest;
  }
  return entries;
}

/** An entry's stored bytes (deflated when its method is 8), a view into the zip. */
export function zipEntryBytes(zip: Buffer, entry: ZipEntry): Buffer {
  const at = entry.headerAt;
  if (
    entry.packedBytes === ZIP64_MARK ||
    (entry.method !== 0 && entry.method !== 8) ||
    at + 30 > zip.length ||
    zip.readUInt32LE(at) !== ZIP_LOCAL
  ) {
    throw brokenZip();
  }
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  if (start + entry.packedBytes > zip.length) {
    throw brokenZip();
  }
  return zip.subarray(start, start + entry.packedBytes);
}

function brokenZip(): ImportFileError {
  return new ImportFileError('a damaged .xlsx file (its zip directory cannot be read)');
}

function checkWorkbookZip(zip: Buffer): void {
  const entries = zipEntries(zip);
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
    throw new ImportFileError('a zip file that is not an .xlsx workbook');
  }
  const unpacked = entries.reduce(
    (sum, e) => sum + (e.unpackedBytes === ZIP64_MARK ? Infinity : e.unpackedBytes),
    0,
  );
  if (unpacked > MAX_XLSX_UNPACKED_BYTES) {
    throw new ImportFileError(
      `an .xlsx file that unpacks to more than ${MAX_XLSX_UNPACKED_BYTES / 1024 / 1024} MB`,
    );
  }
}
