import { Column, Entity, ForeignKey, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UpdatedAtColumn } from '../../database/columns';
import { CompetencySource } from './competencies.types';
import { CompetencyUnit } from './competency-unit.entity';

export { CompetencySource } from './competencies.types';

/** A unit a student holds, at its highest level so far (one row per student and unit). */
@Entity('student_competencies')
@Index('IDX_student_competencies_unit_level', ['unitCode', 'level'])
export class StudentCompetency {
  @PrimaryColumn({ name: 'student_id', type: 'int', unsigned: true })
  @ForeignKey('Student', {
    name: 'FK_student_competencies_student',
    onDelete: 'CASCADE',
    onUpdate: 'NO ACTION',
  })
  studentId: number;

  @PrimaryColumn({ name: 'unit_code', type: 'varchar', length: 32 })
  unitCode: string;

  @ManyToOne(() => CompetencyUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_code', foreignKeyConstraintName: 'FK_student_competencies_unit' })
  unit?: CompetencyUnit;

  /** 1–5. */
  @Column({ type: 'tinyint', unsigned: true })
  level: number;

  @Column({ type: 'enum', enum: CompetencySource })
  source: CompetencySource;

  /** A certificate number, an assessment id, or `cohort:<id>` for a course. */
  @Column({ name: 'evidence_ref', type: 'varchar', length: 100, default: '' })
  evidenceRef: string;

  @Column({ name: 'achieved_on', type: 'date' })
  achievedOn: string;

  @UpdatedAtColumn()
  updatedAt: Date;
}
