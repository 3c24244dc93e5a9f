import { parseCsv, toCsv } from './csv';

describe('csv', () => {
  it('reads quoted fields, doubled quotes, CRLF and a BOM', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\n3,\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['3', ''],
    ]);
  });

  it('writes what it reads, neutralising formulas', () => {
    const text = toCsv(
      ['name', 'n'],
      [
        ['PT "A", Tbk', 3],
        ['=cmd', null],
      ],
    );
    expect(parseCsv(text)).toEqual([
      ['name', 'n'],
      ['PT "A", Tbk', '3'],
      ["'=cmd", ''],
    ]);
  });
});
