import { parseCsv, readHeader } from './csv';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF, a BOM, and skips blank lines', () => {
    const text = '\ufeffa,b,c\r\n1,"x, ""y""",3\r\n\r\n"multi\nline",,\n';
    expect(parseCsv(text)).toEqual([
      { row: 1, fields: ['a', 'b', 'c'] },
      { row: 2, fields: ['1', 'x, "y"', '3'] },
      { row: 4, fields: ['multi\nline', '', ''] },
    ]);
  });

  it('reads a last line without a line end', () => {
    expect(parseCsv('a\n1')).toEqual([
      { row: 1, fields: ['a'] },
      { row: 2, fields: ['1'] },
    ]);
  });

  it('refuses an unclosed quote', () => {
    expect(() => parseCsv('a\n"1')).toThrow('not closed');
  });

  it('names missing and unknown columns', () => {
    const h = readHeader([' NISN ', 'name', 'shoe_size'], ['nisn', 'name', 'nik'], ['status']);
    expect(h.missing).toEqual(['nik']);
    expect(h.unknown).toEqual(['shoe_size']);
    expect(h.index.get('nisn')).toBe(0);
  });
});
