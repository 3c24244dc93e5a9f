import * as iconv from 'iconv-lite';
import { detectDelimiter, detectEncoding, readCsvRows } from './csv-reader';
import { ImportFileError } from './file-format';
import type { SourceRow } from './import-table';

async function rows(content: Buffer): Promise<SourceRow[]> {
  const found: SourceRow[] = [];
  for await (const batch of readCsvRows(content)) {
    found.push(...batch);
  }
  return found;
}

describe('CSV reader', () => {
  it('reads quoted fields, doubled quotes, CRLF, a BOM; blank lines count but are skipped', async () => {
    const text = '\ufeffa,b,c\r\n1,"x, ""y""",3\r\n\r\n"multi\nline",,\n';
    expect(await rows(Buffer.from(text))).toEqual([
      { row: 1, cells: ['a', 'b', 'c'] },
      { row: 2, cells: ['1', 'x, "y"', '3'] },
      { row: 4, cells: ['multi\nline', '', ''] },
    ]);
  });

  it('reads a semicolon Windows-1252 file (Excel, Indonesian locale)', async () => {
    const content = iconv.encode('Nama;Alamat\r\nAndré;Jl. Raya "Mawar" 5\r\n', 'windows-1252');
    expect(detectEncoding(content)).toEqual({ encoding: 'windows-1252', bom: 0 });
    expect(await rows(content)).toEqual([
      { row: 1, cells: ['Nama', 'Alamat'] },
      { row: 2, cells: ['André', 'Jl. Raya "Mawar" 5'] },
    ]);
  });

  it('reads UTF-16 with its BOM, tab separated (Excel "Unicode text")', async () => {
    const content = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('a\tb\r\nç\t2\r\n', 'utf16le'),
    ]);
    expect(await rows(content)).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['ç', '2'] },
    ]);
  });

  it('reads a file far longer than one chunk, streamed', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `${i};Nama ke-${i};"catatan; ${i}"`);
    const found = await rows(Buffer.from(`no;nama;catatan\n${lines.join('\n')}`));
    expect(found).toHaveLength(20_001);
    expect(found[20_000]).toEqual({
      row: 20_001,
      cells: ['19999', 'Nama ke-19999', 'catatan; 19999'],
    });
  });

  it.each([
    ['nisn,nama,nik', ','],
    ['nisn;nama;nik', ';'],
    ['nisn\tnama\tnik', '\t'],
    ['"a;b",c,d', ','],
    ['Daftar Peserta Didik;;;\nNISN;Nama;"Alamat, Kota";NIK', ';'],
    ['nisn', ','],
  ])('chooses the delimiter of %j', (sample, delimiter) => {
    expect(detectDelimiter(sample)).toBe(delimiter);
  });

  it('names the row of an unclosed quote, quoting nothing of the file', async () => {
    const content = Buffer.from('a,b\n1,2\n"3604012345670001,4\n5,6\n');
    await expect(rows(content)).rejects.toEqual(
      new ImportFileError('row 3: a quoted field is not closed'),
    );
  });
});
