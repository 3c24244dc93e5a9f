import { Column, Entity, ForeignKey, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Course } from './course.entity';

/** A unit a course teaches and the level (1–5) a student who passes reaches in it. */
@Entity('course_units')
@Index('IDX_course_units_unit', ['unitCode'])
export class CourseUnit {
  @PrimaryColumn({ name: 'course_id', type: 'int', unsigned: true })
  courseId: number;

  @ForeignKey('CompetencyUnit', { name: 'FK_course_units_unit', onDelete: 'RESTRICT' })
  @PrimaryColumn({ name: 'unit_code', type: 'varchar', length: 32 })
  unitCode: string;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'FK_course_units_course' })
  course?: Course;

  @Column({ type: 'tinyint', unsigned: true })
  level: number;
}
