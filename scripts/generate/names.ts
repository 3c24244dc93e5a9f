/** Word lists for fake but plausible Indonesian names of people, schools, companies and streets. */

export const MALE_NAMES = [
  'Ahmad', 'Muhammad', 'Rizki', 'Dimas', 'Fajar', 'Bagus', 'Andi', 'Budi', 'Agus', 'Yoga', 'Ilham',
  'Reza', 'Arif', 'Hendra', 'Dedi', 'Rudi', 'Aditya', 'Farhan', 'Galih', 'Hafiz', 'Irfan', 'Joko',
  'Kevin', 'Lutfi', 'Maulana', 'Nanda', 'Oki', 'Putra', 'Rangga', 'Satria', 'Taufik', 'Wahyu',
  'Yusuf', 'Zaki', 'Ridwan', 'Fikri', 'Alif', 'Bayu', 'Cahyo', 'Eko', 'Firman', 'Gilang', 'Hasan',
  'Iqbal', 'Jaya', 'Kurniawan', 'Rahmat', 'Sandi', 'Ujang', 'Asep',
]; // prettier-ignore

export const FEMALE_NAMES = [
  'Siti', 'Nur', 'Dewi', 'Putri', 'Ayu', 'Rina', 'Sri', 'Fitri', 'Indah', 'Lestari', 'Anisa',
  'Aulia', 'Bella', 'Citra', 'Dinda', 'Eka', 'Fadhilah', 'Gita', 'Hana', 'Intan', 'Julia', 'Kartika',
  'Laila', 'Maya', 'Nabila', 'Oktavia', 'Rahma', 'Salsabila', 'Tiara', 'Umi', 'Vina', 'Wulan',
  'Yuni', 'Zahra', 'Mega', 'Nadia', 'Rizka', 'Sari', 'Tri', 'Yulia', 'Amalia', 'Dian', 'Eva',
  'Kiki', 'Melati', 'Neng', 'Popon', 'Ratna', 'Suci', 'Wati',
]; // prettier-ignore

export const FAMILY_NAMES = [
  'Saputra', 'Pratama', 'Hidayat', 'Nugroho', 'Wijaya', 'Setiawan', 'Kusuma', 'Ramadhan', 'Permana',
  'Firmansyah', 'Hakim', 'Maulana', 'Santoso', 'Gunawan', 'Syahputra', 'Fauzi', 'Rahman', 'Sulaiman',
  'Hermawan', 'Kurniasih', 'Wulandari', 'Rahayu', 'Handayani', 'Anggraini', 'Safitri', 'Puspita',
  'Suryani', 'Hasanah', 'Lestari', 'Nurhaliza', 'Sopian', 'Jaelani', 'Mulyana', 'Suherman', 'Rohmat',
  'Supriatna', 'Hamdani', 'Fadillah', 'Sutisna', 'Komarudin',
]; // prettier-ignore

/** Foundation-style names of private SMKs (yayasan). */
export const SCHOOL_WORDS = [
  'Bina Bangsa', 'Informatika', 'Pelita', 'Nusantara', 'Teknologi', 'Al-Hidayah', 'Muhammadiyah',
  'PGRI', 'Yapink', 'Bhakti Mulia', 'Mathla\'ul Anwar', 'Darul Ulum', 'Kesehatan', 'Farmasi Bina',
  'Pariwisata', 'Yuppentek', 'Triguna', 'Putra Bangsa', 'Insan Mandiri', 'Karya Bhakti', 'Al-Khairiyah',
  'Global', 'Mutiara', 'Cendekia', 'Bakti Nusantara', 'Wira Buana', 'Kartini', 'Prisma', 'Dharma Putra',
  'Ar-Rahman',
]; // prettier-ignore

export const COMPANY_SUFFIXES = [
  'Indonesia', 'Nusantara', 'Mandiri', 'Perkasa', 'Abadi', 'Sejahtera', 'Utama', 'Jaya', 'Persada',
  'Makmur', 'Sentosa', 'Banten', 'Prima', 'Gemilang', 'Cemerlang',
]; // prettier-ignore

export const COMPANY_MIDDLES = [
  'Krakatau', 'Anyer', 'Cisadane', 'Sunda', 'Karang', 'Merak', 'Ujung Kulon', 'Baduy', 'Tanjung',
  'Cibaliung', 'Serang', 'Lebak', 'Pakuan', 'Surya', 'Mitra', 'Bumi', 'Citra', 'Cahaya', 'Sinar',
  'Duta', 'Graha', 'Tirta', 'Samudera', 'Puri',
]; // prettier-ignore

export const STREETS = [
  'Jl. Raya Serang', 'Jl. Jenderal Sudirman', 'Jl. Ahmad Yani', 'Jl. KH. Wahid Hasyim', 'Jl. Raya Anyer',
  'Jl. Diponegoro', 'Jl. Raya Cilegon', 'Jl. Siliwangi', 'Jl. Raya Pandeglang', 'Jl. Multatuli',
  'Jl. Raya Labuan', 'Jl. Veteran', 'Jl. Imam Bonjol', 'Jl. Raya Merak', 'Jl. Pahlawan Seribu',
  'Jl. Raya Serpong', 'Jl. MH. Thamrin', 'Jl. Raya Pasar Kemis', 'Jl. Industri', 'Jl. Gatot Subroto',
]; // prettier-ignore

/** Share of women among a programme's students (Dapodik-like skews); others 0.45. */
export const FEMALE_SHARE: Record<string, number> = {
  TKR: 0.04, TSM: 0.04, TPM: 0.06, TPL: 0.04, TITL: 0.08, NKPI: 0.05, TKI: 0.35, TL: 0.3,
  TBS: 0.9, TBG: 0.75, FKK: 0.8, OTKP: 0.8, AKL: 0.75, PH: 0.6, UPW: 0.55, BDP: 0.65, MM: 0.4,
}; // prettier-ignore
