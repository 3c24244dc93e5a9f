import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../database/columns';
import { PlacementSource, PlacementStatus } from './placements.types';

export { LIVE_STATUSES, PlacementSource, PlacementStatus, SEAT_HOLDING } from './placements.types';

@Entity('placements')
@Index('IDX_placements_student_status', ['studentId', 'status'])
@Index('IDX_placements_slot_status', ['slotId', 'status'])
@Index('IDX_placements_company_status', ['companyId', 'status'])
export class Placement {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Column({ name: 'student_id', type: 'int', unsigned: true })
  @ForeignKey('Student', { name: 'FK_placements_student', onDelete: 'RESTRICT' })
  studentId: number;

  @Column({ name: 'slot_id', type: 'int', unsigned: true })
  @ForeignKey('Slot', { name: 'FK_placements_slot', onDelete: 'RESTRICT' })
  slotId: number;

  /** The slot's company, kept here for tenant scope and the 20 % rule without a join. */
  @Column({ name: 'company_id', type: 'int', unsigned: true })
  @ForeignKey('Company', { name: 'FK_placements_company', onDelete: 'RESTRICT' })
  companyId: number;

  /** The student's school, kept here for tenant scope. */
  @Column({ name: 'school_id', type: 'int', unsigned: true })
  @ForeignKey('School', { name: 'FK_placements_school', onDelete: 'RESTRICT' })
  schoolId: number;

  @Column({ type: 'enum', enum: PlacementStatus })
  status: PlacementStatus;

  @Column({ type: 'enum', enum: PlacementSource, default: PlacementSource.Manual })
  source: PlacementSource;

  /** The matching run that proposed it (rounds only). */
  @Index('IDX_placements_run')
  @Column({ name: 'run_id', type: 'int', unsigned: true, nullable: true, default: null })
  runId: number | null;

  @Column({ name: 'offer_deadline', type: 'datetime', precision: 3, nullable: true, default: null })
  offerDeadline: Date | null;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate: string;

  /** 1–5, given by the company when it completes or terminates the placement. */
  @Column({
    name: 'evaluation_score',
    type: 'tinyint',
    unsigned: true,
    nullable: true,
    default: null,
  })
  evaluationScore: number | null;

  @Column({ name: 'evaluation_notes', type: 'text', nullable: true, default: null })
  evaluationNotes: string | null;

  @Column({ name: 'created_by', type: 'int', unsigned: true, nullable: true, default: null })
  createdBy: number | null;

  /** The school's supervising teacher (guru pembimbing), assigned by the school admin. */
  @Index('IDX_placements_teacher')
  @Column({ name: 'teacher_id', type: 'int', unsigned: true, nullable: true, default: null })
  @ForeignKey('User', { name: 'FK_placements_teacher', onDelete: 'SET NULL' })
  teacherId: number | null;

  /** The company's mentor (pembimbing industri), assigned by the company admin. */
  @Index('IDX_placements_mentor')
  @Column({ name: 'mentor_id', type: 'int', unsigned: true, nullable: true, default: null })
  @ForeignKey('User', { name: 'FK_placements_mentor', onDelete: 'SET NULL' })
  mentorId: number | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
