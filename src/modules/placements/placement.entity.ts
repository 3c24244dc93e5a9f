import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../database/columns';
import { Company } from '../companies/company.entity';
import { School } from '../schools/school.entity';
import { Slot } from '../slots/slot.entity';
import { Student } from '../students/student.entity';

/** proposed → offered → accepted → active → completed; declined, withdrawn, terminated end it. */
export enum PlacementStatus {
  Proposed = 'proposed',
  Offered = 'offered',
  Accepted = 'accepted',
  Active = 'active',
  Completed = 'completed',
  Declined = 'declined',
  Withdrawn = 'withdrawn',
  Terminated = 'terminated',
}

/** States that hold one of the slot's seats (counted in slots.filled). */
export const SEAT_HOLDING = [PlacementStatus.Accepted, PlacementStatus.Active];
/** States in which a placement is still open: one per student and slot. */
export const LIVE_STATUSES = [
  PlacementStatus.Proposed,
  PlacementStatus.Offered,
  PlacementStatus.Accepted,
  PlacementStatus.Active,
];

export enum PlacementSource {
  Manual = 'manual',
  Round = 'round',
}

@Entity('placements')
@Index('IDX_placements_student_status', ['studentId', 'status'])
@Index('IDX_placements_slot_status', ['slotId', 'status'])
@Index('IDX_placements_company_status', ['companyId', 'status'])
export class Placement {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Column({ name: 'student_id', type: 'int', unsigned: true })
  studentId: number;

  @ManyToOne(() => Student, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'student_id', foreignKeyConstraintName: 'FK_placements_student' })
  student?: Student;

  @Column({ name: 'slot_id', type: 'int', unsigned: true })
  slotId: number;

  @ManyToOne(() => Slot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'slot_id', foreignKeyConstraintName: 'FK_placements_slot' })
  slot?: Slot;

  /** The slot's company, kept here for tenant scope and the 20 % rule without a join. */
  @Column({ name: 'company_id', type: 'int', unsigned: true })
  companyId: number;

  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'FK_placements_company' })
  company?: Company;

  /** The student's school, kept here for tenant scope. */
  @Column({ name: 'school_id', type: 'int', unsigned: true })
  schoolId: number;

  @ManyToOne(() => School, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'FK_placements_school' })
  school?: School;

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

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
