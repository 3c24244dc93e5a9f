import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn } from '../../database/columns';
import { Enrolment } from './enrolment.entity';

/**
 * What completing a cohort awarded: one row per competent enrolment and course unit. The
 * primary key makes a second award of the same unit for the same enrolment impossible, and
 * `previous_level` tells whether the award raised the student's level or found it higher.
 */
@Entity('cohort_awards')
@Index('IDX_cohort_awards_cohort', ['cohortId'])
export class CohortAward {
  @PrimaryColumn({ name: 'enrolment_id', type: 'int', unsigned: true })
  enrolmentId: number;

  @PrimaryColumn({ name: 'unit_code', type: 'varchar', length: 32 })
  unitCode: string;

  @ManyToOne(() => Enrolment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'FK_cohort_awards_enrolment' })
  enrolment?: Enrolment;

  @Column({ name: 'cohort_id', type: 'int', unsigned: true })
  cohortId: number;

  @Column({ name: 'student_id', type: 'int', unsigned: true })
  studentId: number;

  @Column({ type: 'tinyint', unsigned: true })
  level: number;

  /** The student's level in the unit just before the award; NULL when they did not hold it. */
  @Column({
    name: 'previous_level',
    type: 'tinyint',
    unsigned: true,
    nullable: true,
    default: null,
  })
  previousLevel: number | null;

  @CreatedAtColumn()
  createdAt: Date;
}
