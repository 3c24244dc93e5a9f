/** The monitoring feature's shapes (the journal, attendance, visits, assessment, certificate). */

/** submitted → approved (locked) | returned → (edited) submitted. */
export enum JournalStatus {
  Submitted = 'submitted',
  Approved = 'approved',
  Returned = 'returned',
}

/** Attendance of one working day (absensi). */
export enum AttendanceStatus {
  /** Present. */
  Hadir = 'hadir',
  /** Excused (permission). */
  Izin = 'izin',
  /** Sick. */
  Sakit = 'sakit',
  /** Absent without leave. */
  Alpa = 'alpa',
}

export enum CertificateStatus {
  Valid = 'valid',
  Revoked = 'revoked',
}

/** The work attitudes the mentor scores 0–100. */
export const ATTITUDES = ['discipline', 'teamwork', 'initiative', 'communication'] as const;
export type Attitude = (typeof ATTITUDES)[number];

/** An uploaded file as multer hands it over (memory storage). */
export interface UploadedImage {
  buffer: Buffer;
  size: number;
  originalname: string;
  mimetype: string;
}

/** What a certificate states, frozen when it is issued. */
export interface CertificateContent {
  studentName: string;
  schoolName: string;
  companyName: string;
  slotTitle: string;
  startDate: string;
  endDate: string;
  units: { code: string; name: string; level: number }[];
}
