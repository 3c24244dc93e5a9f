import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Program } from './program.entity';
import { School } from './school.entity';

/** A programme a school runs; a student's programme must be one of these. */
@Entity('school_programs')
export class SchoolProgram {
  @PrimaryColumn({ name: 'school_id', type: 'int', unsigned: true })
  schoolId: number;

  @PrimaryColumn({ name: 'program_code', type: 'varchar', length: 20 })
  programCode: string;

  @ManyToOne(() => School, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'FK_school_programs_school' })
  school?: School;

  @ManyToOne(() => Program, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_code', foreignKeyConstraintName: 'FK_school_programs_program' })
  program?: Program;
}
