import { toCsv } from './csv-writer';

describe('toCsv', () => {
  it('writes a header and rows with RFC 4180 quoting', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x, y', 'say "hi"'],
          [1, null],
        ],
      ),
    ).toBe('a,b\r\n"x, y","say ""hi"""\r\n1,\r\n');
  });

  it('neutralises spreadsheet formulas but keeps negative numbers', () => {
    expect(toCsv(['a'], [['=HYPERLINK("x")'], [-5]])).toBe('a\r\n"\'=HYPERLINK(""x"")"\r\n-5\r\n');
  });
});
