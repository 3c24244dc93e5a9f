/**
 * The economy the generator draws from: sectors with their SKKNI-shaped competency units, the
 * SMK programmes that feed them, the KBLI codes and job titles of their companies, and how much
 * each Banten region leans on each sector. Names are realistic, codes are shaped like SKKNI
 * (`X.000000.000.00`), but none of it is an official catalogue.
 */

export interface Sector {
  key: string;
  /** Name stored in competency_units.sector. */
  name: string;
  /** KBLI letter + 6 digits: the stem of the unit codes. */
  stem: string;
  /** Programmes (programs.seed.ts codes) whose graduates work here. */
  programs: string[];
  /** KBLI 2020 5-digit codes of the companies. */
  kbli: string[];
  companyWords: string[];
  titles: string[];
  units: string[];
}

export const GENERAL_SECTOR: Sector = {
  key: 'umum',
  name: 'Umum (lintas sektor)',
  stem: 'N.782000',
  programs: [],
  kbli: [],
  companyWords: [],
  titles: [],
  // prettier-ignore
  units: [
    'Menerapkan Prosedur Keselamatan dan Kesehatan Kerja (K3)', 'Berkomunikasi di Tempat Kerja',
    'Bekerja dalam Tim', 'Menerapkan Budaya Kerja 5R', 'Mengoperasikan Aplikasi Perkantoran',
    'Menyusun Laporan Kerja Harian', 'Melayani Pelanggan',
    'Menggunakan Bahasa Inggris untuk Komunikasi Kerja Dasar',
  ],
};

export const SECTORS: Sector[] = [
  {
    key: 'otomotif',
    name: 'Otomotif',
    stem: 'G.452000',
    programs: ['TKR', 'TSM'],
    kbli: ['45201', '45405', '29300'],
    companyWords: ['Motor', 'Otomotif', 'Auto', 'Kendaraan'],
    // prettier-ignore
    titles: [
      'Mekanik Kendaraan Ringan', 'Teknisi Sepeda Motor', 'Service Advisor',
      'Teknisi Kelistrikan Otomotif',
    ],
    // prettier-ignore
    units: [
      'Memelihara Mesin Kendaraan Ringan', 'Memperbaiki Sistem Rem', 'Memelihara Sistem Kemudi',
      'Memperbaiki Sistem Bahan Bakar Injeksi', 'Memelihara Sistem Kelistrikan Bodi',
      'Memperbaiki Transmisi Manual', 'Melakukan Spooring dan Balancing',
      'Memelihara Sepeda Motor', 'Memperbaiki Sistem Pengapian',
      'Melakukan Diagnosis dengan Scan Tool', 'Memelihara Sistem Pendingin Mesin',
      'Memperbaiki Sistem Suspensi', 'Melayani Penerimaan Servis Kendaraan',
      'Memelihara Sistem AC Kendaraan',
    ],
  },
  {
    key: 'baja',
    name: 'Logam Dasar dan Fabrikasi',
    stem: 'C.241000',
    programs: ['TPL', 'TPM'],
    kbli: ['24101', '24102', '25111', '25119'],
    companyWords: ['Baja', 'Steel', 'Logam', 'Fabrikasi', 'Metal'],
    titles: ['Juru Las', 'Operator Rolling Mill', 'Fitter Fabrikasi', 'Inspektor Las'],
    // prettier-ignore
    units: [
      'Mengelas Pelat dengan Proses SMAW Posisi Bawah Tangan', 'Mengelas Pipa dengan Proses GTAW',
      'Mengelas dengan Proses GMAW', 'Memotong Logam dengan Gas',
      'Membaca Gambar Teknik Fabrikasi', 'Melakukan Pemeriksaan Visual Hasil Las',
      'Merakit Konstruksi Baja', 'Mengoperasikan Overhead Crane',
      'Mengoperasikan Mesin Roll Pelat', 'Melakukan Uji Tak Rusak Penetrant',
      'Menyiapkan Kampuh Las', 'Mengoperasikan Tanur Busur Listrik',
      'Melakukan Perlakuan Panas Logam', 'Menggerinda Permukaan Logam',
    ],
  },
  {
    key: 'manufaktur',
    name: 'Permesinan dan Manufaktur',
    stem: 'C.282000',
    programs: ['TPM', 'TKR', 'TITL'],
    kbli: ['28190', '28250', '22220', '27102'],
    companyWords: ['Manufaktur', 'Presisi', 'Industri', 'Teknik', 'Komponen'],
    titles: ['Operator Produksi', 'Operator CNC', 'Teknisi Perawatan Mesin', 'Quality Control'],
    // prettier-ignore
    units: [
      'Mengoperasikan Mesin Bubut Konvensional', 'Mengoperasikan Mesin Frais',
      'Memprogram Mesin CNC Bubut', 'Mengoperasikan Mesin CNC Frais',
      'Mengukur dengan Alat Ukur Presisi', 'Membaca Gambar Teknik Mesin',
      'Melakukan Perawatan Preventif Mesin', 'Mengoperasikan Mesin Injeksi Plastik',
      'Melakukan Pemeriksaan Mutu Produk', 'Menerapkan Kaizen di Lini Produksi',
      'Merakit Komponen Mekanik', 'Mengoperasikan Sistem Pneumatik', 'Memprogram PLC Dasar',
      'Menyetel Mesin Produksi',
    ],
  },
  {
    key: 'kimia',
    name: 'Industri Kimia',
    stem: 'C.201100',
    programs: ['TKI'],
    kbli: ['20111', '20131', '20132', '20294'],
    companyWords: ['Kimia', 'Chemical', 'Petrokimia', 'Polimer', 'Chandra'],
    // prettier-ignore
    titles: [
      'Operator Proses Kimia', 'Analis Laboratorium', 'Operator Utilitas',
      'Teknisi Pengolahan Limbah',
    ],
    // prettier-ignore
    units: [
      'Mengoperasikan Unit Proses Distilasi', 'Melakukan Analisis Volumetri',
      'Melakukan Analisis Instrumen Spektrofotometri', 'Mengambil Sampel Proses',
      'Mengoperasikan Boiler', 'Mengoperasikan Unit Pengolahan Air',
      'Menangani Bahan Kimia Berbahaya', 'Mengoperasikan Reaktor Batch',
      'Mengendalikan Proses dari Ruang Kontrol', 'Mengolah Limbah Cair Industri',
      'Melakukan Kalibrasi Alat Laboratorium', 'Menerapkan Good Laboratory Practice',
      'Mengoperasikan Kompresor dan Pompa Proses', 'Mengelola Gudang Bahan Kimia',
    ],
  },
  {
    key: 'listrik',
    name: 'Ketenagalistrikan',
    stem: 'D.351100',
    programs: ['TITL'],
    kbli: ['35101', '43211', '33141'],
    companyWords: ['Elektrik', 'Daya', 'Energi', 'Listrik'],
    titles: ['Teknisi Instalasi Listrik', 'Operator Gardu', 'Teknisi Panel', 'Teknisi Pembangkit'],
    // prettier-ignore
    units: [
      'Memasang Instalasi Penerangan Bangunan', 'Memasang Instalasi Tenaga',
      'Merakit Panel Hubung Bagi', 'Mengoperasikan Motor Listrik dengan Kendali Elektromagnetik',
      'Memelihara Gardu Distribusi', 'Mengukur Besaran Listrik',
      'Memelihara Transformator Distribusi', 'Memasang Sistem Pentanahan', 'Mengoperasikan Genset',
      'Memasang Panel Surya Atap', 'Memelihara Instalasi Listrik Industri',
      'Memperbaiki Motor Listrik', 'Membaca Diagram Satu Garis',
      'Memasang Instalasi Kabel Tegangan Menengah',
    ],
  },
  {
    key: 'logistik',
    name: 'Transportasi dan Pergudangan',
    stem: 'H.521000',
    programs: ['TL', 'OTKP'],
    kbli: ['52101', '49431', '52240', '52291'],
    companyWords: ['Logistik', 'Ekspedisi', 'Kargo', 'Pelabuhan', 'Transportasi'],
    titles: ['Staf Gudang', 'Operator Forklift', 'Admin Logistik', 'Checker Pelabuhan'],
    // prettier-ignore
    units: [
      'Menerima Barang di Gudang', 'Menyimpan Barang Sesuai Sistem FIFO/FEFO',
      'Mengoperasikan Forklift', 'Melakukan Stock Opname', 'Menyiapkan Dokumen Pengiriman',
      'Mengoperasikan Warehouse Management System', 'Mengemas Barang untuk Pengiriman',
      'Merencanakan Rute Distribusi', 'Menangani Peti Kemas', 'Menyusun Muatan Kendaraan',
      'Memeriksa Kondisi Barang Masuk', 'Mengelola Dokumen Kepabeanan Dasar',
      'Mengoperasikan Reach Truck', 'Melaksanakan Bongkar Muat',
    ],
  },
  {
    key: 'konstruksi',
    name: 'Konstruksi dan Bangunan',
    stem: 'F.410100',
    programs: ['DPIB', 'TITL'],
    kbli: ['41011', '41012', '42101', '71102'],
    companyWords: ['Konstruksi', 'Bangun', 'Karya', 'Graha'],
    titles: ['Drafter', 'Juru Ukur', 'Pelaksana Lapangan', 'Estimator Biaya'],
    // prettier-ignore
    units: [
      'Menggambar Konstruksi Bangunan dengan CAD', 'Membuat Model Bangunan BIM',
      'Menghitung Rencana Anggaran Biaya', 'Melakukan Pengukuran dengan Total Station',
      'Membaca Gambar Kerja Bangunan', 'Melaksanakan Pekerjaan Beton', 'Memasang Bekisting',
      'Melaksanakan Pekerjaan Pasangan Bata', 'Mengawasi Mutu Pekerjaan Bangunan',
      'Menyusun Jadwal Pelaksanaan Proyek', 'Menggambar Instalasi Plumbing',
      'Menghitung Volume Pekerjaan', 'Memasang Rangka Atap Baja Ringan',
      'Menyusun Laporan Progres Proyek',
    ],
  },
  {
    key: 'tik',
    name: 'Teknologi Informasi dan Komunikasi',
    stem: 'J.620100',
    programs: ['TKJ', 'RPL', 'MM'],
    kbli: ['62019', '62020', '61100', '63111'],
    companyWords: ['Digital', 'Teknologi', 'Solusi', 'Data', 'Infotama', 'Sistem'],
    titles: ['Junior Programmer', 'Teknisi Jaringan', 'Helpdesk IT', 'Desainer Grafis'],
    // prettier-ignore
    units: [
      'Membangun Aplikasi Web', 'Menerapkan Pemrograman Berorientasi Objek',
      'Merancang Basis Data', 'Menulis Kode dengan Prinsip Sesuai Guidelines',
      'Melakukan Pengujian Perangkat Lunak', 'Memasang Jaringan Lokal',
      'Mengonfigurasi Router dan Switch', 'Mengelola Server Linux',
      'Memasang Jaringan Fiber Optik', 'Melakukan Troubleshooting Perangkat Komputer',
      'Menerapkan Keamanan Jaringan', 'Membuat Desain Grafis', 'Menyunting Video',
      'Membangun Aplikasi Mobile',
    ],
  },
  {
    key: 'bisnis',
    name: 'Bisnis, Keuangan dan Perkantoran',
    stem: 'M.692000',
    programs: ['AKL', 'OTKP', 'BDP'],
    kbli: ['69201', '64121', '47111', '47919', '82110'],
    companyWords: ['Niaga', 'Mitra', 'Sentosa', 'Retail', 'Finansial', 'Makmur'],
    titles: ['Staf Akuntansi', 'Kasir', 'Admin Perkantoran', 'Staf Pemasaran Digital', 'Teller'],
    // prettier-ignore
    units: [
      'Menyusun Laporan Keuangan Entitas Jasa', 'Mengelola Kas Kecil',
      'Menyusun Rekonsiliasi Bank', 'Mengoperasikan Aplikasi Akuntansi',
      'Menghitung Pajak Penghasilan Karyawan', 'Mengelola Arsip Dinamis',
      'Menyusun Agenda Pimpinan', 'Menangani Surat Masuk dan Keluar', 'Melakukan Penjualan Daring',
      'Mengelola Toko Daring di Marketplace', 'Melayani Transaksi di Kasir',
      'Menyusun Rencana Pemasaran', 'Mengelola Persediaan Barang Dagang',
      'Melakukan Penagihan Piutang',
    ],
  },
  {
    key: 'perhotelan',
    name: 'Perhotelan dan Pariwisata',
    stem: 'I.551100',
    programs: ['PH', 'UPW'],
    kbli: ['55110', '55130', '79120', '93222'],
    companyWords: ['Resort', 'Beach', 'Wisata', 'Hotel', 'Pantai', 'Tour'],
    titles: ['Front Office Agent', 'Room Attendant', 'Pemandu Wisata', 'Staf Tour & Travel'],
    // prettier-ignore
    units: [
      'Melaksanakan Prosedur Check-in dan Check-out', 'Menangani Reservasi Kamar',
      'Membersihkan Kamar Tamu', 'Menyiapkan Tempat Tidur', 'Menangani Keluhan Tamu',
      'Menyediakan Layanan Housekeeping Area Umum', 'Memandu Wisata Alam', 'Menyusun Paket Wisata',
      'Menangani Tiket Perjalanan', 'Melayani Tamu di Restoran Hotel', 'Mengelola Laundry Hotel',
      'Memberikan Informasi Pariwisata', 'Menyelenggarakan Kegiatan MICE',
      'Menerapkan Standar Keselamatan Wisata Pantai',
    ],
  },
  {
    key: 'kuliner',
    name: 'Kuliner dan Busana',
    stem: 'I.561000',
    programs: ['TBG', 'TBS'],
    kbli: ['56101', '56102', '10710', '14111'],
    companyWords: ['Rasa', 'Boga', 'Catering', 'Kuliner', 'Konveksi', 'Busana'],
    titles: ['Cook Helper', 'Pastry Cook', 'Penjahit', 'Staf Produksi Garmen'],
    // prettier-ignore
    units: [
      'Mengolah Makanan Kontinental', 'Mengolah Masakan Indonesia', 'Membuat Roti dan Kue',
      'Menerapkan Higiene dan Sanitasi Pangan', 'Menata Hidangan', 'Mengelola Bahan Makanan',
      'Membuat Pastry', 'Menghitung Food Cost', 'Menjahit Busana Wanita', 'Membuat Pola Busana',
      'Mengoperasikan Mesin Jahit Industri', 'Melakukan Quality Control Garmen',
      'Membuat Hiasan Busana', 'Menyajikan Minuman Non-Alkohol',
    ],
  },
  {
    key: 'perikanan',
    name: 'Perikanan dan Kelautan',
    stem: 'A.031100',
    programs: ['NKPI', 'APHP'],
    kbli: ['03111', '03221', '10211', '10213'],
    companyWords: ['Bahari', 'Samudra', 'Mina', 'Perikanan', 'Laut'],
    // prettier-ignore
    titles: [
      'ABK Kapal Penangkap Ikan', 'Teknisi Budidaya Ikan', 'Operator Pengolahan Ikan', 'Juru Mudi',
    ],
    // prettier-ignore
    units: [
      'Mengoperasikan Alat Tangkap Pukat Cincin', 'Melakukan Navigasi Kapal Penangkap Ikan',
      'Menangani Ikan Hasil Tangkapan', 'Memelihara Mesin Kapal Perikanan',
      'Menerapkan Keselamatan Pelayaran', 'Melakukan Budidaya Udang Vaname',
      'Mengelola Kualitas Air Tambak', 'Memberi Pakan Ikan Budidaya', 'Mengolah Ikan Asap',
      'Membuat Produk Olahan Surimi', 'Mengoperasikan Cold Storage',
      'Menerapkan HACCP pada Produk Perikanan', 'Memperbaiki Jaring Ikan', 'Membaca Peta Laut',
    ],
  },
  {
    key: 'pertanian',
    name: 'Pertanian dan Agroindustri',
    stem: 'A.011100',
    programs: ['ATPH', 'APHP'],
    kbli: ['01135', '01131', '10792', '10611'],
    companyWords: ['Tani', 'Agro', 'Lestari', 'Hijau', 'Pangan'],
    // prettier-ignore
    titles: [
      'Teknisi Budidaya Tanaman', 'Operator Pengolahan Hasil Pertanian',
      'Petugas Quality Control Pangan', 'Staf Kebun',
    ],
    // prettier-ignore
    units: [
      'Menyiapkan Lahan Budidaya', 'Menyemai Benih Hortikultura', 'Memupuk Tanaman',
      'Mengendalikan Hama Terpadu', 'Memanen Sayuran', 'Mengoperasikan Traktor Tangan',
      'Membuat Pupuk Organik', 'Mengolah Hasil Pertanian Menjadi Keripik',
      'Mengemas Produk Pangan', 'Menerapkan Cara Produksi Pangan Olahan yang Baik',
      'Mengoperasikan Mesin Penggilingan Padi', 'Mengelola Pembibitan',
      'Melakukan Pengujian Mutu Bahan Pangan', 'Mengelola Irigasi Lahan',
    ],
  },
  {
    key: 'kesehatan',
    name: 'Kesehatan dan Farmasi',
    stem: 'Q.869000',
    programs: ['FKK'],
    kbli: ['47723', '86105', '21012'],
    companyWords: ['Farma', 'Medika', 'Sehat', 'Husada'],
    // prettier-ignore
    titles: [
      'Asisten Apoteker', 'Staf Gudang Farmasi', 'Staf Administrasi Klinik',
      'Operator Produksi Obat',
    ],
    // prettier-ignore
    units: [
      'Melayani Resep Obat', 'Meracik Sediaan Obat', 'Mengelola Persediaan Obat',
      'Memberikan Informasi Obat', 'Menerapkan Cara Pembuatan Obat yang Baik',
      'Mengelola Rekam Medis', 'Melakukan Swamedikasi Penyakit Ringan', 'Mengelola Alat Kesehatan',
      'Mengemas Sediaan Farmasi', 'Melakukan Pengukuran Tanda Vital', 'Mengelola Obat Kedaluwarsa',
      'Menyimpan Obat Sesuai Suhu', 'Menerapkan Pencegahan Infeksi',
      'Mengadministrasikan Klaim BPJS',
    ],
  },
];

/** Catalogue code of unit k (0-based) of a sector: SKKNI-shaped, version 01 or 02. */
export function unitCode(sector: Sector, k: number): string {
  return `${sector.stem}.${String(k + 1).padStart(3, '0')}.${k % 5 === 4 ? '02' : '01'}`;
}

/** All 204 units: 8 general + 14 sectors × 14. Independent of the seed, so it is shared. */
export function catalogueRows(): [code: string, name: string, sector: string, kind: string][] {
  return [GENERAL_SECTOR, ...SECTORS].flatMap((s) =>
    s.units.map(
      (name, k) => [unitCode(s, k), name, s.name, 'skkni'] as [string, string, string, string],
    ),
  );
}

/**
 * How much each Banten region's economy leans on each sector (relative weights), from the
 * regions' profiles: steel and chemicals in Cilegon and Serang, manufacturing in Kab.
 * Tangerang, tourism and fisheries on the Pandeglang/Lebak coast, services in the cities.
 */
export const BANTEN_SECTOR_WEIGHTS: Record<string, Record<string, number>> = {
  '3601': { perhotelan: 5, kuliner: 4, perikanan: 5, pertanian: 4, bisnis: 1, otomotif: 1 },
  '3602': { pertanian: 5, perhotelan: 3, perikanan: 3, kuliner: 3, bisnis: 1, otomotif: 1 },
  '3603': { manufaktur: 6, otomotif: 3, logistik: 4, baja: 2, kimia: 2, bisnis: 2, listrik: 2 },
  '3604': { kimia: 5, baja: 3, manufaktur: 4, pertanian: 2, logistik: 2, listrik: 2 },
  '3671': { tik: 4, bisnis: 4, logistik: 4, manufaktur: 3, kuliner: 1, otomotif: 2 },
  '3672': { baja: 6, kimia: 6, manufaktur: 2, listrik: 3, logistik: 3 },
  '3673': { bisnis: 5, tik: 3, kesehatan: 2, kuliner: 2, konstruksi: 2, otomotif: 2 },
  '3674': { tik: 6, bisnis: 4, kesehatan: 3, konstruksi: 3, kuliner: 2 },
};

/** Fallback for regions outside Banten: weights from the region's profile tags. */
export const PROFILE_SECTOR_WEIGHTS: Record<string, Record<string, number>> = {
  industrial: { manufaktur: 4, baja: 2, kimia: 2, logistik: 2, listrik: 1, otomotif: 2 },
  coastal_tourism: { perhotelan: 4, kuliner: 3 },
  fisheries: { perikanan: 4 },
  agriculture: { pertanian: 4 },
  services: { tik: 3, bisnis: 3, kesehatan: 2, konstruksi: 1 },
  umkm: { bisnis: 2, kuliner: 2, otomotif: 1 },
};

/** Relative sizes (BPS population, millions, rounded): where schools and graduates are. */
export const BANTEN_POPULATION: Record<string, number> = {
  '3601': 1.3, '3602': 1.4, '3603': 3.3, '3604': 1.6, '3671': 1.9, '3672': 0.45, '3673': 0.7, '3674': 1.4,
}; // prettier-ignore

/** Jobs lean further towards industrial regions than people do. */
export const BANTEN_JOBS: Record<string, number> = {
  '3601': 0.6, '3602': 0.6, '3603': 3.6, '3604': 1.6, '3671': 2.4, '3672': 1.4, '3673': 0.8, '3674': 1.6,
}; // prettier-ignore
