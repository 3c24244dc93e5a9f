import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../database/columns';

import { OutcomeSource, OutcomeStatus } from './outcomes.types';

export {
  NEEDS_EMPLOYER,
  OUTSIDE_LABOUR_FORCE,
  OutcomeSource,
  OutcomeStatus,
} from './outcomes.types';

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
  @ForeignKey('Student', { name: 'FK_outcomes_student', onDelete: 'CASCADE' })
  studentId: number;

  @Column({ type: 'enum', enum: OutcomeStatus })
  status: OutcomeStatus;

  @Column({ name: 'outcome_date', type: 'date' })
  outcomeDate: string;

  @Column({ name: 'employer_name', type: 'varchar', length: 200, default: '' })
  employerName: string;

  /** Where the graduate works or studies (may differ from their domicile). */
  @Column({ name: 'region_code', type: 'char', length: 4, nullable: true, default: null })
  @ForeignKey('Region', { name: 'FK_outcomes_region', onDelete: 'RESTRICT' })
  regionCode: string | null;

  /** The placement whose start recorded it: one outcome per placement at most. */
  @Index('UQ_outcomes_placement', { unique: true })
  @Column({ name: 'placement_id', type: 'int', unsigned: true, nullable: true, default: null })
  @ForeignKey('Placement', { name: 'FK_outcomes_placement', onDelete: 'SET NULL' })
  placementId: number | null;

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
