import { Workbook } from 'exceljs';
import { ImportFileError, sniffFormat } from './file-format';
import { ImportFormat } from './imports.types';

async function workbook(): Promise<Buffer> {
  const book = new Workbook();
  book.addWorksheet('Siswa').addRow(['nisn']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('sniffFormat', () => {
  it('knows an .xlsx by its content, whatever its name', async () => {
    expect(sniffFormat(await workbook())).toBe(ImportFormat.Xlsx);
  });

  it('reads text as CSV, UTF-16 included', () => {
    expect(sniffFormat(Buffer.from('nisn;nama\n'))).toBe(ImportFormat.Csv);
    expect(sniffFormat(Buffer.from('\ufeffnisn\tnama\n', 'utf16le'))).toBe(ImportFormat.Csv);
  });

  it.each([
    ['an old .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /\.xls\)/],
    ['binary', Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2]), /not a CSV or \.xlsx/],
    ['a zip without a workbook', zipOf('word/document.xml'), /not an \.xlsx workbook/],
    ['a damaged zip', Buffer.from('PK\u0003\u0004 garbage'), /damaged/],
  ])('refuses %s', (_name, content, message) => {
    expect(() => sniffFormat(content)).toThrow(ImportFileError);
    expect(() => sniffFormat(content)).toThrow(message);
  });

  it('refuses a workbook declaring more than it may unpack to', async () => {
    const zip = await workbook();
    const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const central = zip.readUInt32LE(end + 16);
    zip.writeUInt32LE(0xffffffff, central + 24);
    expect(() => sniffFormat(zip)).toThrow(/unpacks to more than/);
  });
});

/** A stored (uncompressed) zip of one empty entry. */
function zipOf(name: string): Buffer {
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(n.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + n.length, 12);
  end.writeUInt32LE(30 + n.length, 16);
  return Buffer.concat([local, n, central, n, end]);
}
