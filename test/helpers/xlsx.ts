import { Workbook } from 'exceljs';
import type { Response } from 'supertest';
import type { Test } from 'supertest';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends the request with the body kept as bytes (supertest parses only text by default). */
export function asBinary(request: Test): Test {
  return request.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

/** The first sheet of an .xlsx response: each row's cell values (index 0 = column A, empty = null). */
export async function readXlsx(res: Response): Promise<unknown[][]> {
  expect(res.headers['content-type']).toBe(XLSX_TYPE);
  const workbook = new Workbook();
  await workbook.xlsx.load(res.body as Parameters<Workbook['xlsx']['load']>[0]);
  const sheet = workbook.worksheets[0];
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    // Empty cells are holes in exceljs's (1-based) array: read them as null.
    const values = row.values as unknown[];
    rows.push(Array.from({ length: sheet.columnCount }, (_, i) => values[i + 1] ?? null));
  });
  return rows;
}
