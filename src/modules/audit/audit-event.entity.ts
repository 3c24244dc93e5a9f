import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AuditAction } from './audit.types';

export { AuditAction };

/**
 * One read or change of a student's personal data (UU PDP 27/2022), or one change of an
 * account's password: who, when, what, whom. No foreign keys: the trail must outlive the
 * student and the users it names.
 */
@Entity('audit_events')
@Index('IDX_audit_events_student', ['studentId', 'id'])
@Index('IDX_audit_events_actor', ['actorUserId', 'id'])
@Index('IDX_audit_events_subject_user', ['subjectUserId', 'id'])
export class AuditEvent {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @CreateDateColumn({
    name: 'occurred_at',
    type: 'datetime',
    precision: 3,
    default: () => 'CURRENT_TIMESTAMP(3)',
  })
  occurredAt: Date;

  /** Null when the system itself acted on nobody's behalf. */
  @Column({ name: 'actor_user_id', type: 'int', unsigned: true, nullable: true, default: null })
  actorUserId: number | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 20 })
  actorRole: string;

  @Column({ type: 'enum', enum: AuditAction })
  action: AuditAction;

  /** The student whose personal data was read or changed; null for an account event. */
  @Column({ name: 'student_id', type: 'int', unsigned: true, nullable: true, default: null })
  studentId: number | null;

  /** The account an account event (password change or reset) is about. */
  @Column({ name: 'subject_user_id', type: 'int', unsigned: true, nullable: true, default: null })
  subjectUserId: number | null;

  /** Comma-separated fields read or changed, e.g. `nik,birthDate`, or `password`. */
  @Column({ type: 'varchar', length: 100 })
  fields: string;

  /** Set when the change came from a bulk import. */
  @Column({ name: 'import_id', type: 'int', unsigned: true, nullable: true, default: null })
  importId: number | null;
}
