import {
  Column,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../database/columns';
import { Cohort } from './cohort.entity';
import { AssessmentResult } from './cohorts.types';

export { AssessmentResult };

/**
 * A student's seat in a cohort. Withdrawing keeps the row (history) and sets `active` to NULL:
 * the unique key (cohort, student, active) then allows only one active enrolment per student
 * and cohort, while any number of withdrawn ones may sit beside it (NULLs never collide), so a
 * withdrawn student can enrol again with a new row.
 */
@Entity('enrolments')
@Index('UQ_enrolments_active', ['cohortId', 'studentId', 'active'], { unique: true })
@Index('IDX_enrolments_student', ['studentId', 'active'])
export class Enrolment {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Column({ name: 'cohort_id', type: 'int', unsigned: true })
  cohortId: number;

  @ManyToOne(() => Cohort, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cohort_id', foreignKeyConstraintName: 'FK_enrolments_cohort' })
  cohort?: Cohort;

  @ForeignKey('Student', { name: 'FK_enrolments_student', onDelete: 'RESTRICT' })
  @Column({ name: 'student_id', type: 'int', unsigned: true })
  studentId: number;

  /** true while enrolled, NULL once withdrawn (never false: see the class comment). */
  @Column({ type: 'boolean', nullable: true, default: true })
  active: true | null;

  /** Whole percent, 0–100. */
  @Column({
    name: 'attendance_pct',
    type: 'tinyint',
    unsigned: true,
    nullable: true,
    default: null,
  })
  attendancePct: number | null;

  @Column({ type: 'enum', enum: AssessmentResult, nullable: true, default: null })
  result: AssessmentResult | null;

  /** The user who enrolled the student; kept for audit, no foreign key needed. */
  @Column({ name: 'enrolled_by', type: 'int', unsigned: true })
  enrolledBy: number;

  @Column({ name: 'withdrawn_at', type: 'datetime', precision: 3, nullable: true, default: null })
  withdrawnAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
