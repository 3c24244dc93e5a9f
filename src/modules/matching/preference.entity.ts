import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** A student's ranked list of slots (rank 1 = first choice); at most 10 entries. */
@Entity('student_preferences')
@Index('UQ_student_preferences_slot', ['studentId', 'slotId'], { unique: true })
export class StudentPreference {
  @PrimaryColumn({ name: 'student_id', type: 'int', unsigned: true })
  @ForeignKey('Student', { name: 'FK_student_preferences_student', onDelete: 'CASCADE' })
  studentId: number;

  @PrimaryColumn({ type: 'tinyint', unsigned: true })
  rank: number;

  @Column({ name: 'slot_id', type: 'int', unsigned: true })
  @ForeignKey('Slot', { name: 'FK_student_preferences_slot', onDelete: 'CASCADE' })
  slotId: number;
}

/** A company's ranking of candidates for one of its slots (rank 1 = most wanted). */
@Entity('slot_rankings')
@Index('UQ_slot_rankings_student', ['slotId', 'studentId'], { unique: true })
export class SlotRanking {
  @PrimaryColumn({ name: 'slot_id', type: 'int', unsigned: true })
  @ForeignKey('Slot', { name: 'FK_slot_rankings_slot', onDelete: 'CASCADE' })
  slotId: number;

  @PrimaryColumn({ type: 'smallint', unsigned: true })
  rank: number;

  @Column({ name: 'student_id', type: 'int', unsigned: true })
  @ForeignKey('Student', { name: 'FK_slot_rankings_student', onDelete: 'CASCADE' })
  studentId: number;
}
