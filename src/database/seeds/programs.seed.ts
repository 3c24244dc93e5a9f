import type { QueryRunner } from 'typeorm';

/** Common SMK kompetensi keahlian, with the bidang keahlian each belongs to. */
export const SMK_PROGRAMS: { code: string; name: string; field: string }[] = [
  { code: 'TKR', name: 'Teknik Kendaraan Ringan', field: 'Teknologi dan Rekayasa' },
  { code: 'TSM', name: 'Teknik dan Bisnis Sepeda Motor', field: 'Teknologi dan Rekayasa' },
  { code: 'TPM', name: 'Teknik Pemesinan', field: 'Teknologi dan Rekayasa' },
  { code: 'TPL', name: 'Teknik Pengelasan', field: 'Teknologi dan Rekayasa' },
  { code: 'TITL', name: 'Teknik Instalasi Tenaga Listrik', field: 'Teknologi dan Rekayasa' },
  { code: 'TKI', name: 'Teknik Kimia Industri', field: 'Teknologi dan Rekayasa' },
  { code: 'TL', name: 'Teknik Logistik', field: 'Teknologi dan Rekayasa' },
  {
    code: 'DPIB',
    name: 'Desain Pemodelan dan Informasi Bangunan',
    field: 'Teknologi dan Rekayasa',
  },
  { code: 'TKJ', name: 'Teknik Komputer dan Jaringan', field: 'Teknologi Informasi' },
  { code: 'RPL', name: 'Rekayasa Perangkat Lunak', field: 'Teknologi Informasi' },
  { code: 'MM', name: 'Multimedia', field: 'Seni dan Ekonomi Kreatif' },
  { code: 'AKL', name: 'Akuntansi dan Keuangan Lembaga', field: 'Bisnis dan Manajemen' },
  { code: 'OTKP', name: 'Otomatisasi dan Tata Kelola Perkantoran', field: 'Bisnis dan Manajemen' },
  { code: 'BDP', name: 'Bisnis Daring dan Pemasaran', field: 'Bisnis dan Manajemen' },
  { code: 'PH', name: 'Perhotelan', field: 'Pariwisata' },
  { code: 'UPW', name: 'Usaha Perjalanan Wisata', field: 'Pariwisata' },
  { code: 'TBG', name: 'Tata Boga', field: 'Pariwisata' },
  { code: 'TBS', name: 'Tata Busana', field: 'Pariwisata' },
  { code: 'NKPI', name: 'Nautika Kapal Penangkap Ikan', field: 'Kemaritiman' },
  {
    code: 'APHP',
    name: 'Agribisnis Pengolahan Hasil Pertanian',
    field: 'Agribisnis dan Agroteknologi',
  },
  {
    code: 'ATPH',
    name: 'Agribisnis Tanaman Pangan dan Hortikultura',
    field: 'Agribisnis dan Agroteknologi',
  },
  { code: 'FKK', name: 'Farmasi Klinis dan Komunitas', field: 'Kesehatan dan Pekerjaan Sosial' },
];

/** Reference data: INSERT IGNORE keeps the seed safe to run twice. */
export async function seedPrograms(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query('INSERT IGNORE INTO `programs` (`code`, `name`, `field`) VALUES ?', [
    SMK_PROGRAMS.map((p) => [p.code, p.name, p.field]),
  ]);
}
