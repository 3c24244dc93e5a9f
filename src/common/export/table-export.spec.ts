import { Workbook } from 'exceljs';
import { type TableExport, tableCsv, tableXlsx } from './table-export';

interface Row {
  nisn: string;
  name: string;
  count: number;
  rate: number | null;
  day: string;
}

const TABLE: TableExport<Row> = {
  sheet: 'Test',
  columns: [
    { header: 'nisn', type: 'text', value: (r) => r.nisn },
    { header: 'name', type: 'text', value: (r) => r.name },
    { header: 'count', type: 'integer', value: (r) => r.count },
    { header: 'rate', type: 'percent', value: (r) => r.rate },
    { header: 'day', type: 'date', value: (r) => r.day },
  ],
};
const ROWS: Row[] = [
  { nisn: '0061111111', name: 'Budi, S.', count: 3, rate: 0.25, day: '2026-02-03' },
  { nisn: '0061111112', name: '=cmd', count: 0, rate: null, day: '2026-12-31' },
];

describe('table export', () => {
  it('writes the CSV as toCsv did: RFC 4180 quoting, formulas neutralised', () => {
    expect(tableCsv(TABLE, ROWS)).toBe(
      'nisn,name,count,rate,day\r\n' +
        '0061111111,"Budi, S.",3,0.25,2026-02-03\r\n' +
        "0061111112,'=cmd,0,,2026-12-31\r\n",
    );
  });

  it('writes typed xlsx cells: text codes, numbers, dates, empty for null', async () => {
    const workbook = new Workbook();
    await workbook.xlsx.load((await tableXlsx(TABLE, ROWS)) as never);
    const sheet = workbook.getWorksheet('Test')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'nisn', 'name', 'count', 'rate', 'day']);
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBe('0061111111');
    expect(first.getCell(3).value).toBe(3);
    expect(first.getCell(4).value).toBe(0.25);
    expect(first.getCell(4).numFmt).toBe('0.0%');
    expect(first.getCell(5).value).toEqual(new Date(Date.UTC(2026, 1, 3)));
    const second = sheet.getRow(3);
    // No formula neutralising needed in xlsx: a string cell is never evaluated.
    expect(second.getCell(2).value).toBe('=cmd');
    expect(second.getCell(4).value).toBeNull();
  });
});
