import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../database/columns';
import { Placement } from '../placements/placement.entity';
import { Region } from '../regions/region.entity';
import { Student } from '../students/student.entity';

/** What a graduate is doing at a date (tracer study). */
export enum OutcomeStatus {
  Employed = 'employed',
  Apprenticeship = 'apprenticeship',
  SelfEmployed = 'self_employed',
  Studying = 'studying',
  Unemployed = 'unemployed',
  NotInLabourForce = 'not_in_labour_force',
}

/** Outside the labour force for the TPT-style rate (BPS: bukan angkatan kerja). */
export const OUTSIDE_LABOUR_FORCE = [OutcomeStatus.Studying, OutcomeStatus.NotInLabourForce];
/** Outcomes that name an employer. */
export const NEEDS_EMPLOYER = [OutcomeStatus.Employed, OutcomeStatus.Apprenticeship];

export enum OutcomeSource {
  School = 'school',
  Student = 'student',
  Placement = 'placement',
  Import = 'import',
}

/**
 * One observation; a graduate's latest one (by date, then id) is what the figures count.
 * (student, date, status) is unique so that a re-run import or a repeated placement start
 * writes nothing twice.
 */
@Entity('outcomes')
@Index('UQ_outcomes_student_date_status', ['studentId', 'outcomeDate', 'status'], {
  unique: true,
})
// The latest outcome per graduate: (student_id, outcome_date) and the implicit id suffix.
@Index('IDX_outcomes_student_date', ['studentId', 'outcomeDate'])
export class Outcome {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Column({ name: 'student_id', type: 'int', unsigned: true })
  studentId: number;

  @ManyToOne(() => Student, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'student_id', foreignKeyConstraintName: 'FK_outcomes_student' })
  student?: Student;

  @Column({ type: 'enum', enum: OutcomeStatus })
  status: OutcomeStatus;

  @Column({ name: 'outcome_date', type: 'date' })
  outcomeDate: string;

  @Column({ name: 'employer_name', type: 'varchar', length: 200, default: '' })
  employerName: string;

  /** Where the graduate works or studies (may differ from their domicile). */
  @Column({ name: 'region_code', type: 'char', length: 4, nullable: true, default: null })
  regionCode: string | null;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'FK_outcomes_region' })
  region?: Region;

  /** The placement whose start recorded it: one outcome per placement at most. */
  @Index('UQ_outcomes_placement', { unique: true })
  @Column({ name: 'placement_id', type: 'int', unsigned: true, nullable: true, default: null })
  placementId: number | null;

  @ManyToOne(() => Placement, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'placement_id', foreignKeyConstraintName: 'FK_outcomes_placement' })
  placement?: Placement;

  @Column({ type: 'enum', enum: OutcomeSource })
  source: OutcomeSource;

  @Column({ type: 'varchar', length: 500, default: '' })
  notes: string;

  @Column({ name: 'recorded_by', type: 'int', unsigned: true, nullable: true, default: null })
  recordedBy: number | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
