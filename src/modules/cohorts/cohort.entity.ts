import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../database/columns';
import { CohortStatus } from './cohorts.types';

export { CohortStatus };

/** One run (angkatan) of a course. `enrolled_count` is the seat counter guarded in SQL. */
@Entity('cohorts')
@Index('IDX_cohorts_course_start', ['courseId', 'startDate'])
@Index('IDX_cohorts_coordinator_status', ['coordinatorId', 'status'])
export class Cohort {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @ForeignKey('Course', { name: 'FK_cohorts_course', onDelete: 'RESTRICT' })
  @Column({ name: 'course_id', type: 'int', unsigned: true })
  courseId: number;

  @Column({ type: 'varchar', length: 150 })
  name: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate: string;

  @Column({ type: 'smallint', unsigned: true })
  capacity: number;

  /** Active enrolments; only ever changed by conditional UPDATEs in the enrolment service. */
  @Column({ name: 'enrolled_count', type: 'smallint', unsigned: true, default: 0 })
  enrolledCount: number;

  @Index('IDX_cohorts_region')
  @ForeignKey('Region', { name: 'FK_cohorts_region', onDelete: 'RESTRICT' })
  @Column({ name: 'region_code', type: 'char', length: 4 })
  regionCode: string;

  @ForeignKey('User', { name: 'FK_cohorts_coordinator', onDelete: 'RESTRICT' })
  @Column({ name: 'coordinator_id', type: 'int', unsigned: true })
  coordinatorId: number;

  @Column({ type: 'enum', enum: CohortStatus, default: CohortStatus.Planned })
  status: CohortStatus;

  @Column({ name: 'completed_at', type: 'datetime', precision: 3, nullable: true, default: null })
  completedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
