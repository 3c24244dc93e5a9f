import { ImportKind } from './imports.types';

/**
 * The columns of each import kind, with the other names a header may give them: ours, the
 * common Indonesian ones and Dapodik's export. One table per kind; the mapping of a file's
 * header, the templates and the README's table of accepted headers are all read from here.
 * Pure: no Nest, no I/O.
 */

/** How a cell is normalised before the row's rules see it (see import-cells.ts). */
export type CellKind =
  | 'text'
  /** 10 digits; leading zeros lost to a number format are restored. */
  | 'nisn'
  /** 16 digits; a value in scientific notation has lost digits. */
  | 'nik'
  /** YYYY-MM-DD, DD/MM/YYYY or an Excel date (a serial or a date cell). */
  | 'date';

/** A reference list a column's values come from, shown in the xlsx template. */
export type ValueList = 'programs' | 'regions';

export interface ImportColumn {
  /** Our name: the templates' header, and the field a row error names. */
  name: string;
  required: boolean;
  /** Other headers accepted; compared without case, spaces or punctuation. */
  aliases: readonly string[];
  cell: CellKind;
  /** The accepted values, in English, for the README. */
  format: string;
  /** What to write, in Bahasa Indonesia, for the template's explanation sheet. */
  help: string;
  example: string;
  /** Words accepted beside our values (compared like headers), each mapped to ours. */
  values?: Readonly<Record<string, string>>;
  /** Our values of a coded column, listed in the template. */
  codes?: readonly string[];
  list?: ValueList;
}

const NISN: ImportColumn = {
  name: 'nisn',
  required: true,
  aliases: ['NISN', 'Nomor Induk Siswa Nasional', 'No Induk Siswa Nasional'],
  cell: 'nisn',
  format: '10 digits (leading zeros a spreadsheet dropped are restored)',
  help: 'Nomor Induk Siswa Nasional, 10 angka. Format kolom sebagai Teks agar angka 0 di depan tidak hilang.',
  example: '0071234567',
};

const STUDENT_COLUMNS: readonly ImportColumn[] = [
  {
    ...NISN,
    format: `${NISN.format}; the upsert key. A NISN of another school's student is refused`,
  },
  {
    name: 'nik',
    required: true,
    aliases: ['NIK', 'NIK Siswa', 'NIK Peserta Didik', 'Nomor Induk Kependudukan', 'No KTP'],
    cell: 'nik',
    format:
      '16 digits, valid province code; a NIK of another student is refused; one in scientific notation (3.6E+15) has lost digits and is refused',
    help: 'Nomor Induk Kependudukan, 16 angka sesuai KK. Format kolom sebagai Teks: Excel menyimpan angka hanya sampai 15 digit dan menampilkannya seperti 3,6E+15, sehingga digit terakhir hilang.',
    example: '3604012345670001',
  },
  {
    name: 'name',
    required: true,
    aliases: ['Nama', 'Nama Peserta Didik', 'Nama Siswa', 'Nama Lengkap'],
    cell: 'text',
    format: '2–150 characters',
    help: 'Nama lengkap peserta didik (2–150 karakter).',
    example: 'Siti Rahmawati',
  },
  {
    name: 'birth_date',
    required: true,
    aliases: ['Tanggal Lahir', 'Tgl Lahir'],
    cell: 'date',
    format: '`YYYY-MM-DD`, `DD/MM/YYYY` or a spreadsheet date, in the past',
    help: 'Tanggal lahir: sel tanggal Excel, atau teks HH/BB/TTTT (17/05/2006) atau TTTT-BB-HH (2006-05-17).',
    example: '2006-05-17',
  },
  {
    name: 'gender',
    required: true,
    aliases: ['JK', 'L/P', 'Jenis Kelamin'],
    cell: 'text',
    format: '`L` or `P` (also `Laki-laki`, `Perempuan`)',
    help: 'Jenis kelamin: L (laki-laki) atau P (perempuan).',
    example: 'P',
    values: { 'laki-laki': 'L', laki: 'L', pria: 'L', perempuan: 'P', wanita: 'P' },
    codes: ['L', 'P'],
  },
  {
    name: 'program_code',
    required: true,
    aliases: [
      'Kode Program',
      'Program',
      'Program Keahlian',
      'Kompetensi Keahlian',
      'Konsentrasi Keahlian',
      'Jurusan',
      'Kode Jurusan',
    ],
    cell: 'text',
    format: 'a programme the school runs, by code (`TKR`) or by name (`Teknik Kendaraan Ringan`)',
    help: 'Kompetensi keahlian yang dibuka sekolah: kodenya (mis. TKR) atau namanya (mis. Teknik Kendaraan Ringan). Lihat daftar di bawah.',
    example: 'TKR',
    list: 'programs',
  },
  {
    name: 'domicile_region_code',
    required: true,
    aliases: [
      'Kode Wilayah Domisili',
      'Wilayah Domisili',
      'Domisili',
      'Kode Kabupaten/Kota',
      'Kabupaten/Kota',
    ],
    cell: 'text',
    format: 'a known region, by BPS code (`3604`) or by name (`Kab. Serang`)',
    help: 'Kabupaten/kota domisili: kode wilayah 4 angka (mis. 3604) atau namanya (mis. Kab. Serang). Lihat daftar di bawah.',
    example: '3604',
    list: 'regions',
  },
  {
    name: 'enrolment_year',
    required: true,
    aliases: ['Tahun Masuk', 'Angkatan', 'Tahun Angkatan'],
    cell: 'text',
    format: '`YYYY`',
    help: 'Tahun masuk sekolah, 4 angka.',
    example: '2022',
  },
  {
    name: 'graduation_year',
    required: false,
    aliases: ['Tahun Lulus'],
    cell: 'text',
    format: '`YYYY`, not before `enrolment_year`, or empty',
    help: 'Tahun lulus (boleh kosong), tidak sebelum tahun masuk.',
    example: '2025',
  },
  {
    name: 'status',
    required: false,
    aliases: ['Status Siswa', 'Status Peserta Didik'],
    cell: 'text',
    format:
      '`enrolled` (default), `graduated`, `withdrawn` (also `aktif`, `lulus`, `keluar`, `mutasi`)',
    help: 'Status: enrolled/aktif (bawaan bila kosong), graduated/lulus, withdrawn/keluar/mutasi.',
    example: 'graduated',
    values: { aktif: 'enrolled', lulus: 'graduated', keluar: 'withdrawn', mutasi: 'withdrawn' },
    codes: ['enrolled', 'graduated', 'withdrawn'],
  },
  {
    name: 'parental_consent',
    required: false,
    aliases: ['Persetujuan Orang Tua', 'Izin Orang Tua', 'Persetujuan Wali'],
    cell: 'text',
    format: '`true`/`false` (also `1`/`0`, `ya`/`tidak`); `true` needed under 18',
    help: 'Persetujuan orang tua/wali: ya atau tidak. Wajib "ya" untuk siswa di bawah 18 tahun.',
    example: 'ya',
    codes: ['ya', 'tidak'],
  },
];

const COMPETENCY_COLUMNS: readonly ImportColumn[] = [
  { ...NISN, format: 'a student of the school' },
  {
    name: 'unit_code',
    required: true,
    aliases: ['Kode Unit', 'Kode Unit Kompetensi', 'Unit Kompetensi', 'Kode SKKNI'],
    cell: 'text',
    format: 'a unit of the catalogue',
    help: 'Kode unit kompetensi dari katalog (mis. kode SKKNI C.293020.001.01).',
    example: 'C.293020.001.01',
  },
  {
    name: 'level',
    required: true,
    aliases: ['Tingkat', 'Level Kompetensi', 'Tingkat Kompetensi'],
    cell: 'text',
    format: '1–5',
    help: 'Tingkat penguasaan, angka 1 sampai 5.',
    example: '3',
    codes: ['1', '2', '3', '4', '5'],
  },
  {
    name: 'source',
    required: true,
    aliases: ['Sumber', 'Sumber Pengakuan'],
    cell: 'text',
    format: '`course`, `assessment`, `certification` (also `pelatihan`, `asesmen`, `sertifikasi`)',
    help: 'Asal pengakuan: course/pelatihan, assessment/asesmen, certification/sertifikasi (LSP).',
    example: 'certification',
    values: {
      pelatihan: 'course',
      kursus: 'course',
      asesmen: 'assessment',
      penilaian: 'assessment',
      'uji kompetensi': 'assessment',
      sertifikasi: 'certification',
    },
    codes: ['course', 'assessment', 'certification'],
  },
  {
    name: 'evidence_ref',
    required: false,
    aliases: ['Bukti', 'Referensi Bukti', 'Nomor Sertifikat', 'No Sertifikat'],
    cell: 'text',
    format: 'at most 100 characters',
    help: 'Nomor sertifikat atau rujukan bukti (boleh kosong, paling banyak 100 karakter).',
    example: 'LSP-P1/2026/001',
  },
  {
    name: 'achieved_on',
    required: true,
    aliases: ['Tanggal', 'Tanggal Capaian', 'Tanggal Perolehan', 'Tanggal Sertifikat'],
    cell: 'date',
    format: '`YYYY-MM-DD`, `DD/MM/YYYY` or a spreadsheet date',
    help: 'Tanggal kompetensi diperoleh: sel tanggal Excel, HH/BB/TTTT atau TTTT-BB-HH.',
    example: '2026-05-01',
  },
];

const OUTCOME_COLUMNS: readonly ImportColumn[] = [
  { ...NISN, format: 'a graduate (status `graduated`) of the school' },
  {
    name: 'status',
    required: true,
    aliases: ['Status Lulusan', 'Kegiatan', 'Kegiatan Saat Ini'],
    cell: 'text',
    format:
      '`employed`, `apprenticeship`, `self_employed`, `studying`, `unemployed`, `not_in_labour_force` (also `bekerja`, `magang`, `wirausaha`, `kuliah`, `mencari kerja`)',
    help: 'Kegiatan lulusan: employed/bekerja, apprenticeship/magang, self_employed/wirausaha, studying/kuliah, unemployed/mencari kerja, not_in_labour_force (bukan angkatan kerja).',
    example: 'employed',
    values: {
      bekerja: 'employed',
      magang: 'apprenticeship',
      wirausaha: 'self_employed',
      berwirausaha: 'self_employed',
      kuliah: 'studying',
      'melanjutkan studi': 'studying',
      'mencari kerja': 'unemployed',
      'belum bekerja': 'unemployed',
      'bukan angkatan kerja': 'not_in_labour_force',
    },
    codes: [
      'employed',
      'apprenticeship',
      'self_employed',
      'studying',
      'unemployed',
      'not_in_labour_force',
    ],
  },
  {
    name: 'outcome_date',
    required: true,
    aliases: ['Tanggal', 'Tanggal Data', 'Per Tanggal', 'Tanggal Pendataan'],
    cell: 'date',
    format: '`YYYY-MM-DD`, `DD/MM/YYYY` or a spreadsheet date, not in the future',
    help: 'Tanggal keadaan ini dicatat (tidak di masa depan): sel tanggal Excel, HH/BB/TTTT atau TTTT-BB-HH.',
    example: '2026-09-01',
  },
  {
    name: 'employer_name',
    required: false,
    aliases: ['Nama Perusahaan', 'Perusahaan', 'Tempat Kerja', 'Nama Instansi', 'Nama Usaha'],
    cell: 'text',
    format: 'at most 200 characters; required for `employed` and `apprenticeship`',
    help: 'Nama perusahaan/tempat kerja (wajib untuk bekerja dan magang, paling banyak 200 karakter).',
    example: 'PT Krakatau Steel',
  },
  {
    name: 'region_code',
    required: false,
    aliases: ['Kode Wilayah', 'Wilayah', 'Kode Kabupaten/Kota', 'Kabupaten/Kota'],
    cell: 'text',
    format: 'a known region, by BPS code or by name, or empty',
    help: 'Kabupaten/kota tempat bekerja atau belajar: kode 4 angka atau namanya (boleh kosong).',
    example: '3672',
    list: 'regions',
  },
  {
    name: 'notes',
    required: false,
    aliases: ['Catatan', 'Keterangan'],
    cell: 'text',
    format: 'at most 500 characters',
    help: 'Catatan (boleh kosong, paling banyak 500 karakter).',
    example: '',
  },
];

export const IMPORT_COLUMNS: Readonly<Record<ImportKind, readonly ImportColumn[]>> = {
  [ImportKind.Students]: STUDENT_COLUMNS,
  [ImportKind.Competencies]: COMPETENCY_COLUMNS,
  [ImportKind.Outcomes]: OUTCOME_COLUMNS,
};

/** A header or a coded value as compared: lower case, letters and digits only (Tgl. → tgl). */
export function headerKey(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Every accepted header of a column (ours first), as written. */
export function acceptedHeaders(column: ImportColumn): string[] {
  return [column.name, ...column.aliases];
}

/** How a file's header row maps onto a kind's columns. */
export interface HeaderMatch {
  /** Per cell of the header row: our column it holds, or null (ignored). */
  columns: (string | null)[];
  /** Required columns no header names (our names). */
  missing: string[];
  /** Columns named by more than one header (our names). */
  repeated: string[];
  /** Non-empty headers that name none of the kind's columns, as written in the file. */
  ignored: string[];
}

const lookups = new Map<ImportKind, Map<string, string>>();

function lookupOf(kind: ImportKind): Map<string, string> {
  let lookup = lookups.get(kind);
  if (!lookup) {
    lookup = new Map();
    for (const column of IMPORT_COLUMNS[kind]) {
      for (const header of acceptedHeaders(column)) {
        lookup.set(headerKey(header), column.name);
      }
    }
    lookups.set(kind, lookup);
  }
  return lookup;
}

/** The column a header names (our name), or null. */
export function columnOf(kind: ImportKind, header: string): string | null {
  return lookupOf(kind).get(headerKey(header)) ?? null;
}

export function matchHeader(kind: ImportKind, header: readonly string[]): HeaderMatch {
  const columns = header.map((h) => columnOf(kind, h));
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const c of columns) {
    if (c !== null && seen.has(c)) {
      repeated.add(c);
    }
    if (c !== null) {
      seen.add(c);
    }
  }
  return {
    columns,
    missing: IMPORT_COLUMNS[kind].filter((c) => c.required && !seen.has(c.name)).map((c) => c.name),
    repeated: [...repeated],
    ignored: header.filter((h, i) => columns[i] === null && h.trim() !== '').map((h) => h.trim()),
  };
}

/** How many of the kind's columns a row, read as a header, names: finds the header row. */
export function headerScore(kind: ImportKind, cells: readonly string[]): number {
  return new Set(cells.map((c) => columnOf(kind, c)).filter((c) => c !== null)).size;
}

/** The refusal of a header, naming the columns (null: the header is usable). */
export function headerProblem(match: Pick<HeaderMatch, 'missing' | 'repeated'>): string | null {
  const parts = [
    match.missing.length > 0 ? `missing columns: ${match.missing.join(', ')}` : '',
    match.repeated.length > 0 ? `repeated columns: ${match.repeated.join(', ')}` : '',
  ].filter((p) => p !== '');
  return parts.length > 0 ? parts.join('; ') : null;
}

const valueMaps = new WeakMap<ImportColumn, Map<string, string>>();

/** A coded value in our words: an accepted Indonesian word mapped, anything else as given. */
export function canonicalValue(column: ImportColumn, value: string): string {
  if (!column.values || value === '') {
    return value;
  }
  let map = valueMaps.get(column);
  if (!map) {
    map = new Map(Object.entries(column.values).map(([word, ours]) => [headerKey(word), ours]));
    valueMaps.set(column, map);
  }
  return map.get(headerKey(value)) ?? value;
}
