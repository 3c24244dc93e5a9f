import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CompetencyUnit } from '../competencies/competency-unit.entity';
import { Course } from './course.entity';

/** A unit a course teaches and the level (1–5) a student who passes reaches in it. */
@Entity('course_units')
@Index('IDX_course_units_unit', ['unitCode'])
export class CourseUnit {
  @PrimaryColumn({ name: 'course_id', type: 'int', unsigned: true })
  courseId: number;

  @PrimaryColumn({ name: 'unit_code', type: 'varchar', length: 32 })
  unitCode: string;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'FK_course_units_course' })
  course?: Course;

  @ManyToOne(() => CompetencyUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_code', foreignKeyConstraintName: 'FK_course_units_unit' })
  unit?: CompetencyUnit;

  @Column({ type: 'tinyint', unsigned: true })
  level: number;
}
