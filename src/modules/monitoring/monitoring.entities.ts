import { Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../database/columns';
import { AttendanceStatus, CertificateStatus, JournalStatus } from './monitoring.types';

/** A student's daily journal entry (jurnal harian): one per placement and day. */
@Entity('journal_entries')
@Index('UQ_journal_entries_day', ['placementId', 'entryDate'], { unique: true })
@Index('IDX_journal_entries_status', ['status', 'placementId'])
export class JournalEntry {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Column({ name: 'placement_id', type: 'int', unsigned: true })
  @ForeignKey('Placement', { name: 'FK_journal_entries_placement', onDelete: 'RESTRICT' })
  placementId: number;

  @Column({ name: 'entry_date', type: 'date' })
  entryDate: string;

  @Column({ type: 'text' })
  activities: string;

  /** The slot's units practised, comma-separated codes. */
  @Column({ name: 'unit_codes', type: 'varchar', length: 500, default: '' })
  unitCodes: string;

  @Column({ type: 'tinyint', unsigned: true })
  hours: number;

  @Column({ type: 'enum', enum: JournalStatus, default: JournalStatus.Submitted })
  status: JournalStatus;

  /** The mentor's comment when returning (or approving) the entry. */
  @Column({ name: 'mentor_comment', type: 'text', nullable: true, default: null })
  mentorComment: string | null;

  @Column({ name: 'reviewed_by', type: 'int', unsigned: true, nullable: true, default: null })
  reviewedBy: number | null;

  @Column({ name: 'reviewed_at', type: 'datetime', precision: 3, nullable: true, default: null })
  reviewedAt: Date | null;

  @Column({ name: 'teacher_comment', type: 'text', nullable: true, default: null })
  teacherComment: string | null;

  @Column({ name: 'commented_by', type: 'int', unsigned: true, nullable: true, default: null })
  commentedBy: number | null;

  @Column({ name: 'commented_at', type: 'datetime', precision: 3, nullable: true, default: null })
  commentedAt: Date | null;

  /** The stored photo's key under the storage directory, and its type (jpeg or png). */
  @Column({ name: 'photo_key', type: 'varchar', length: 120, nullable: true, default: null })
  photoKey: string | null;

  @Column({ name: 'photo_type', type: 'varchar', length: 20, nullable: true, default: null })
  photoType: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

/** Attendance of one working day (absensi), confirmed by the mentor. */
@Entity('attendance_records')
@Index('UQ_attendance_records_day', ['placementId', 'day'], { unique: true })
// The daily reminders look for a placement's days still unconfirmed before a day.
@Index('IDX_attendance_records_unconfirmed', ['placementId', 'confirmedAt', 'day'])
export class AttendanceRecord {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Column({ name: 'placement_id', type: 'int', unsigned: true })
  @ForeignKey('Placement', { name: 'FK_attendance_records_placement', onDelete: 'RESTRICT' })
  placementId: number;

  @Column({ type: 'date' })
  day: string;

  @Column({ type: 'enum', enum: AttendanceStatus })
  status: AttendanceStatus;

  @Column({ type: 'varchar', length: 500, default: '' })
  note: string;

  /** Evidence for sakit/izin (e.g. a doctor's letter): stored key and type. */
  @Column({ name: 'evidence_key', type: 'varchar', length: 120, nullable: true, default: null })
  evidenceKey: string | null;

  @Column({ name: 'evidence_type', type: 'varchar', length: 20, nullable: true, default: null })
  evidenceType: string | null;

  @Column({ name: 'confirmed_by', type: 'int', unsigned: true, nullable: true, default: null })
  confirmedBy: number | null;

  @Column({ name: 'confirmed_at', type: 'datetime', precision: 3, nullable: true, default: null })
  confirmedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

/** A supervising teacher's monitoring visit to the company. */
@Entity('monitoring_visits')
@Index('IDX_monitoring_visits_placement', ['placementId', 'visitDate'])
export class MonitoringVisit {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Column({ name: 'placement_id', type: 'int', unsigned: true })
  @ForeignKey('Placement', { name: 'FK_monitoring_visits_placement', onDelete: 'RESTRICT' })
  placementId: number;

  @Column({ name: 'visited_by', type: 'int', unsigned: true })
  visitedBy: number;

  @Column({ name: 'visit_date', type: 'date' })
  visitDate: string;

  @Column({ type: 'text' })
  notes: string;

  @Column({ type: 'text' })
  findings: string;

  @CreatedAtColumn()
  createdAt: Date;
}

/** The mentor's final assessment of a placement (one per placement, written on completion). */
@Entity('placement_assessments')
export class PlacementAssessment {
  @PrimaryColumn({ name: 'placement_id', type: 'int', unsigned: true })
  @ForeignKey('Placement', { name: 'FK_placement_assessments_placement', onDelete: 'RESTRICT' })
  placementId: number;

  @Column({ name: 'assessed_by', type: 'int', unsigned: true })
  assessedBy: number;

  @Column({ type: 'tinyint', unsigned: true })
  discipline: number;

  @Column({ type: 'tinyint', unsigned: true })
  teamwork: number;

  @Column({ type: 'tinyint', unsigned: true })
  initiative: number;

  @Column({ type: 'tinyint', unsigned: true })
  communication: number;

  @Column({ type: 'text', nullable: true, default: null })
  notes: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}

/** The level the mentor gave each of the slot's units. */
@Entity('placement_assessment_units')
export class PlacementAssessmentUnit {
  @PrimaryColumn({ name: 'placement_id', type: 'int', unsigned: true })
  @ForeignKey('PlacementAssessment', {
    name: 'FK_placement_assessment_units_assessment',
    onDelete: 'CASCADE',
  })
  placementId: number;

  @PrimaryColumn({ name: 'unit_code', type: 'varchar', length: 32 })
  unitCode: string;

  @Column({ type: 'tinyint', unsigned: true })
  level: number;
}

/** The certificate issued on completion, with what it states frozen at issue. */
@Entity('certificates')
export class Certificate {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Index('UQ_certificates_placement', { unique: true })
  @Column({ name: 'placement_id', type: 'int', unsigned: true })
  @ForeignKey('Placement', { name: 'FK_certificates_placement', onDelete: 'RESTRICT' })
  placementId: number;

  /** The public verification code (GET /verify/{code}). */
  @Index('UQ_certificates_code', { unique: true })
  @Column({ type: 'char', length: 16 })
  code: string;

  @Column({ type: 'enum', enum: CertificateStatus, default: CertificateStatus.Valid })
  status: CertificateStatus;

  /** CertificateContent as JSON text. */
  @Column({ type: 'text' })
  content: string;

  @Column({ name: 'issued_at', type: 'datetime', precision: 3 })
  issuedAt: Date;
}

/**
 * "Needs attention": an active placement the daily reminders found with its journal missing
 * (3 or more working days) or attendance unconfirmed for more than 7 days. Each run replaces
 * the whole list (a row the run no longer finds is removed).
 */
@Entity('monitoring_attention')
export class MonitoringAttention {
  @PrimaryColumn({ name: 'placement_id', type: 'int', unsigned: true })
  @ForeignKey('Placement', { name: 'FK_monitoring_attention_placement', onDelete: 'CASCADE' })
  placementId: number;

  /** Working days ended without a journal since the last one (0: the journal is up to date). */
  @Column({ name: 'journal_missing_days', type: 'smallint', unsigned: true, default: 0 })
  journalMissingDays: number;

  @Column({ name: 'last_journal_date', type: 'date', nullable: true, default: null })
  lastJournalDate: string | null;

  /** Attendance records unconfirmed for more than 7 days. */
  @Column({ name: 'unconfirmed_days', type: 'smallint', unsigned: true, default: 0 })
  unconfirmedDays: number;

  @Column({ name: 'oldest_unconfirmed_day', type: 'date', nullable: true, default: null })
  oldestUnconfirmedDay: string | null;

  /** The day of the run that found it (WIB). */
  @Column({ name: 'detected_on', type: 'date' })
  detectedOn: string;

  @UpdatedAtColumn()
  updatedAt: Date;
}

/**
 * Running totals per placement, kept in the same transaction as each journal or attendance
 * write, so the reports read one row per placement instead of its 240 daily rows.
 */
@Entity('monitoring_totals')
export class MonitoringTotals {
  @PrimaryColumn({ name: 'placement_id', type: 'int', unsigned: true })
  @ForeignKey('Placement', { name: 'FK_monitoring_totals_placement', onDelete: 'CASCADE' })
  placementId: number;

  /** Attendance days recorded, and of them days present (hadir). */
  @Column({ name: 'attendance_days', type: 'int', default: 0 })
  attendanceDays: number;

  @Column({ name: 'attendance_present', type: 'int', default: 0 })
  attendancePresent: number;

  /** Journal entries submitted and waiting for the mentor's review. */
  @Column({ name: 'journals_waiting', type: 'int', default: 0 })
  journalsWaiting: number;
}

export const MONITORING_ENTITIES = [
  MonitoringAttention,
  MonitoringTotals,
  JournalEntry,
  AttendanceRecord,
  MonitoringVisit,
  PlacementAssessment,
  PlacementAssessmentUnit,
  Certificate,
];
