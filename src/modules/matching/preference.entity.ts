import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Column } from 'typeorm';
import { Slot } from '../slots/slot.entity';
import { Student } from '../students/student.entity';

/** A student's ranked list of slots (rank 1 = first choice); at most 10 entries. */
@Entity('student_preferences')
@Index('UQ_student_preferences_slot', ['studentId', 'slotId'], { unique: true })
export class StudentPreference {
  @PrimaryColumn({ name: 'student_id', type: 'int', unsigned: true })
  studentId: number;

  @PrimaryColumn({ type: 'tinyint', unsigned: true })
  rank: number;

  @Column({ name: 'slot_id', type: 'int', unsigned: true })
  slotId: number;

  @ManyToOne(() => Student, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'student_id', foreignKeyConstraintName: 'FK_student_preferences_student' })
  student?: Student;

  @ManyToOne(() => Slot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'slot_id', foreignKeyConstraintName: 'FK_student_preferences_slot' })
  slot?: Slot;
}

/** A company's ranking of candidates for one of its slots (rank 1 = most wanted). */
@Entity('slot_rankings')
@Index('UQ_slot_rankings_student', ['slotId', 'studentId'], { unique: true })
export class SlotRanking {
  @PrimaryColumn({ name: 'slot_id', type: 'int', unsigned: true })
  slotId: number;

  @PrimaryColumn({ type: 'smallint', unsigned: true })
  rank: number;

  @Column({ name: 'student_id', type: 'int', unsigned: true })
  studentId: number;

  @ManyToOne(() => Slot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'slot_id', foreignKeyConstraintName: 'FK_slot_rankings_slot' })
  slot?: Slot;

  @ManyToOne(() => Student, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'student_id', foreignKeyConstraintName: 'FK_slot_rankings_student' })
  student?: Student;
}
