import { type DataValidation, Workbook, type Worksheet } from 'exceljs';
import { acceptedHeaders, IMPORT_COLUMNS, type ImportColumn } from './import-columns';
import { ImportFormat, ImportKind } from './imports.types';

/**
 * The empty files an operator fills in: our headers and one example row; the .xlsx adds a
 * sheet explaining each column in Bahasa Indonesia with the values the coded columns take.
 * Built from the alias table (import-columns.ts), so a template always imports as it is.
 */

export interface TemplateLists {
  /** The programmes of the caller's school (or the national list when they have none). */
  programs: readonly { code: string; name: string }[];
  regions: readonly { code: string; name: string }[];
}

export interface TemplateFile {
  content: Buffer;
  contentType: string;
  fileName: string;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const KIND_LABEL: Record<ImportKind, { sheet: string; what: string }> = {
  [ImportKind.Students]: { sheet: 'Siswa', what: 'data peserta didik' },
  [ImportKind.Competencies]: { sheet: 'Kompetensi', what: 'kompetensi yang dimiliki siswa' },
  [ImportKind.Outcomes]: { sheet: 'Lulusan', what: 'keadaan lulusan (tracer study)' },
};

const NOTES = [
  'Baris pertama lembar data berisi nama kolom; urutan kolom bebas, huruf besar/kecil, spasi dan tanda baca diabaikan.',
  'Nama kolom lain yang diterima (mis. dari ekspor Dapodik) tercantum di bawah. Kolom lain diabaikan dan dilaporkan pada hasil impor.',
  'Hapus baris contoh sebelum mengunggah. Berkas boleh .xlsx (lembar pertama, atau sebutkan nama lembarnya) atau CSV (pemisah koma, titik koma atau tab).',
  'Baris yang ditolak dilaporkan dengan nomor baris dan kolomnya; baris lain tetap disimpan. Mengunggah berkas yang sama lagi tidak menggandakan data.',
];

/** The example row, its programme one the school runs when it runs any. */
function exampleOf(column: ImportColumn, lists: TemplateLists): string {
  if (column.list === 'programs' && lists.programs.length > 0) {
    return lists.programs[0].code;
  }
  return column.example;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvTemplate(kind: ImportKind, lists: TemplateLists): TemplateFile {
  const columns = IMPORT_COLUMNS[kind];
  const lines = [
    columns.map((c) => csvField(c.name)).join(','),
    columns.map((c) => csvField(exampleOf(c, lists))).join(','),
  ];
  return {
    // A BOM: Excel then opens the file as UTF-8.
    content: Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8'),
    contentType: 'text/csv; charset=utf-8',
    fileName: `template-${kind}.csv`,
  };
}

function dataSheet(book: Workbook, kind: ImportKind, lists: TemplateLists): void {
  const columns = IMPORT_COLUMNS[kind];
  const sheet = book.addWorksheet(KIND_LABEL[kind].sheet, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = columns.map((c) => ({
    header: c.name,
    key: c.name,
    width: Math.max(14, c.name.length + 4),
    // Typed numbers in NISN/NIK columns stay text: no lost zeros, no 3.6E+15.
    style: c.cell === 'nisn' || c.cell === 'nik' ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  const example = sheet.addRow(
    columns.map((c) => {
      const value = exampleOf(c, lists);
      const [y, m, d] = value.split('-').map(Number);
      return c.cell === 'date' && value !== '' ? new Date(Date.UTC(y, m - 1, d)) : value;
    }),
  );
  columns.forEach((c, i) => {
    if (c.cell === 'date') {
      example.getCell(i + 1).numFmt = 'dd/mm/yyyy';
    }
    if (c.codes) {
      const letter = sheet.getColumn(i + 1).letter;
      listsOf(sheet).add(`${letter}2:${letter}${VALIDATED_ROWS}`, {
        type: 'list',
        allowBlank: true,
        showErrorMessage: false,
        formulae: [`"${c.codes.join(',')}"`],
      });
    }
  });
}

/** Rows of the data sheet whose coded cells offer their values in a drop-down. */
const VALIDATED_ROWS = 5000;

/** A sheet's data validations (exceljs has them, its typings do not). */
function listsOf(sheet: Worksheet): { add(range: string, rule: DataValidation): void } {
  return (
    sheet as unknown as { dataValidations: { add(range: string, rule: DataValidation): void } }
  ).dataValidations;
}

function heading(sheet: Worksheet, text: string): void {
  sheet.addRow([]);
  sheet.addRow([text]).font = { bold: true, size: 12 };
}

function guideSheet(book: Workbook, kind: ImportKind, lists: TemplateLists): void {
  const columns = IMPORT_COLUMNS[kind];
  const sheet = book.addWorksheet('Petunjuk');
  sheet.columns = [{ width: 24 }, { width: 10 }, { width: 48 }, { width: 90 }, { width: 20 }];
  sheet.addRow([`Petunjuk pengisian: impor ${KIND_LABEL[kind].what}`]).font = {
    bold: true,
    size: 14,
  };
  NOTES.forEach((note) => sheet.addRow([note]));
  heading(sheet, 'Kolom');
  sheet.addRow(['Kolom', 'Wajib', 'Nama kolom lain yang diterima', 'Keterangan', 'Contoh']).font = {
    bold: true,
  };
  for (const c of columns) {
    sheet.addRow([
      c.name,
      c.required ? 'ya' : 'tidak',
      acceptedHeaders(c).slice(1).join('; '),
      c.help,
      exampleOf(c, lists),
    ]);
  }
  for (const c of columns.filter((col) => col.codes)) {
    heading(sheet, `Nilai kolom ${c.name}`);
    sheet.addRow(['Nilai', 'Juga ditulis']).font = { bold: true };
    for (const code of c.codes ?? []) {
      const words = Object.entries(c.values ?? {})
        .filter(([, ours]) => ours === code)
        .map(([word]) => word);
      sheet.addRow([code, words.join('; ')]);
    }
  }
  const listed = new Set(columns.map((c) => c.list).filter((l) => l !== undefined));
  if (listed.has('programs')) {
    heading(sheet, 'Kompetensi keahlian (kolom program_code: kode atau nama)');
    sheet.addRow(['Kode', 'Nama']).font = { bold: true };
    lists.programs.forEach((p) => sheet.addRow([p.code, p.name]));
  }
  if (listed.has('regions')) {
    heading(sheet, 'Kabupaten/kota (kode wilayah atau nama)');
    sheet.addRow(['Kode', 'Nama']).font = { bold: true };
    lists.regions.forEach((r) => sheet.addRow([r.code, r.name]));
  }
}

export async function xlsxTemplate(kind: ImportKind, lists: TemplateLists): Promise<TemplateFile> {
  const book = new Workbook();
  book.creator = 'SMK Link';
  dataSheet(book, kind, lists);
  guideSheet(book, kind, lists);
  return {
    content: Buffer.from(await book.xlsx.writeBuffer()),
    contentType: XLSX_TYPE,
    fileName: `template-${kind}.xlsx`,
  };
}

export function buildTemplate(
  kind: ImportKind,
  format: ImportFormat,
  lists: TemplateLists,
): Promise<TemplateFile> {
  return format === ImportFormat.Xlsx
    ? xlsxTemplate(kind, lists)
    : Promise.resolve(csvTemplate(kind, lists));
}
