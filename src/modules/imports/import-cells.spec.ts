import {
  CellFault,
  DIGITS_LOST,
  excelSerialToIso,
  normaliseCell,
  normaliseDate,
} from './import-cells';
import { type ImportColumn, IMPORT_COLUMNS } from './import-columns';
import { ImportKind } from './imports.types';

const column = (name: string): ImportColumn =>
  IMPORT_COLUMNS[ImportKind.Students].find((c) => c.name === name) as ImportColumn;

describe('import cells', () => {
  it.each([
    ['2006-05-17', '2006-05-17'],
    ['2006-5-7', '2006-05-07'],
    ['2006-05-17 00:00:00', '2006-05-17'],
    ['17/05/2006', '2006-05-17'],
    ['7-5-2006', '2006-05-07'],
    ['17.05.2006', '2006-05-17'],
    ['38854', '2006-05-17'],
    ['31/02/2006', '2006-02-31'],
    ['2006', '2006'],
    ['kemarin', 'kemarin'],
  ])('reads the date %s as %s', (text, iso) => {
    expect(normaliseDate(text)).toBe(iso);
  });

  it('counts Excel serials as Excel does, around its phantom 29 February 1900', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(45658)).toBe('2025-01-01');
  });

  it.each([
    ['71234567', '0071234567'],
    ['1234567', '0001234567'],
    ['123456', '123456'],
    ["'0071234567", '0071234567'],
    ['0071234567', '0071234567'],
  ])('restores the leading zeros of the NISN %s where its length says so', (text, nisn) => {
    expect(normaliseCell(column('nisn'), text)).toBe(nisn);
  });

  it.each(['3.60401E+15', '3,60401E+15', '3.6e15', '7.12346E+09'])(
    'refuses %s in scientific notation, without quoting it',
    (text) => {
      const nik = normaliseCell(column('nik'), text);
      expect(nik).toEqual(new CellFault(DIGITS_LOST));
      expect(normaliseCell(column('nisn'), text)).toBeInstanceOf(CellFault);
    },
  );

  it('maps the Indonesian words of a coded column', () => {
    expect(normaliseCell(column('status'), ' Lulus ')).toBe('graduated');
  });
});
