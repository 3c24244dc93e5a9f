import { Workbook } from 'exceljs';
import type { SourceRow } from './import-table';
import { numberText, readXlsxRows } from './xlsx-reader';

async function rows(content: Buffer, sheet?: string): Promise<SourceRow[]> {
  const found: SourceRow[] = [];
  for await (const batch of readXlsxRows(content, sheet)) {
    found.push(...batch);
  }
  return found;
}

async function book(build: (b: Workbook) => void): Promise<Buffer> {
  const b = new Workbook();
  build(b);
  return Buffer.from(await b.xlsx.writeBuffer());
}

describe('xlsx reader', () => {
  it('reads the first sheet as text: dates, numbers, formulas, rich text; empty rows skipped', async () => {
    const content = await book((b) => {
      const ws = b.addWorksheet('Data');
      ws.addRow(['NISN', 'Tanggal Lahir', 'Nama', 'Tahun', 'Serial']);
      const row = ws.addRow([
        71234567,
        new Date(Date.UTC(2006, 4, 17)),
        { richText: [{ text: 'Siti ' }, { text: 'Rahma' }] },
        { formula: '2020+2', result: 2022 },
        38854,
      ]);
      row.getCell(2).numFmt = 'dd/mm/yyyy';
      ws.addRow([]);
      ws.addRow(['', '', 'x']);
      b.addWorksheet('Other').addRow(['not me']);
    });
    expect(await rows(content)).toEqual([
      { row: 1, cells: ['NISN', 'Tanggal Lahir', 'Nama', 'Tahun', 'Serial'] },
      { row: 2, cells: ['71234567', '2006-05-17', 'Siti Rahma', '2022', '38854'] },
      { row: 4, cells: ['', '', 'x'] },
    ]);
  });

  it('reads a named sheet, case ignored, and names the sheets when it is missing', async () => {
    const content = await book((b) => {
      b.addWorksheet('Petunjuk').addRow(['baca saya']);
      b.addWorksheet('Siswa').addRow(['nisn']);
    });
    expect(await rows(content, ' siswa ')).toEqual([{ row: 1, cells: ['nisn'] }]);
    await expect(rows(content, 'Data')).rejects.toMatchObject({
      field: 'sheet',
      message: 'no sheet named "Data"; the workbook has: Petunjuk, Siswa',
    });
  });

  it('shows numbers Excel rounded, or shows in scientific notation, as Excel shows them', () => {
    expect(numberText(3604012345670001)).toBe('3604012345670001');
    expect(numberText(3604012345670000)).toBe('3.60401234567E+15');
    expect(numberText(3.6e15)).toBe('3.6E+15');
    expect(numberText(71234567, '0.00E+00')).toBe('7.1234567E+7');
    expect(numberText(2.5)).toBe('2.5');
  });

  it('refuses a damaged workbook without quoting it', async () => {
    const content = await book((b) => b.addWorksheet('Data').addRow(['3604012345670001']));
    await expect(rows(content.subarray(0, content.length - 200))).rejects.toThrow(
      'a damaged .xlsx file',
    );
  });
});
