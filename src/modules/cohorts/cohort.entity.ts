import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../database/columns';
import { Course } from '../courses/course.entity';
import { Region } from '../regions/region.entity';
import { User } from '../users/user.entity';

export enum CohortStatus {
  Planned = 'planned',
  Running = 'running',
  Completed = 'completed',
  Cancelled = 'cancelled',
}

/** Statuses in which a cohort still takes (and releases) enrolments. */
export const OPEN_STATUSES: readonly CohortStatus[] = [CohortStatus.Planned, CohortStatus.Running];

/** One run (angkatan) of a course. `enrolled_count` is the seat counter guarded in SQL. */
@Entity('cohorts')
@Index('IDX_cohorts_course_start', ['courseId', 'startDate'])
@Index('IDX_cohorts_coordinator_status', ['coordinatorId', 'status'])
export class Cohort {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Column({ name: 'course_id', type: 'int', unsigned: true })
  courseId: number;

  @ManyToOne(() => Course, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'FK_cohorts_course' })
  course?: Course;

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
  @Column({ name: 'region_code', type: 'char', length: 4 })
  regionCode: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'FK_cohorts_region' })
  region?: Region;

  @Column({ name: 'coordinator_id', type: 'int', unsigned: true })
  coordinatorId: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'coordinator_id', foreignKeyConstraintName: 'FK_cohorts_coordinator' })
  coordinator?: User;

  @Column({ type: 'enum', enum: CohortStatus, default: CohortStatus.Planned })
  status: CohortStatus;

  @Column({ name: 'completed_at', type: 'datetime', precision: 3, nullable: true, default: null })
  completedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
