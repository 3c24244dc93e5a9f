import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AuditAction } from './audit.types';

export { AuditAction };

/**
 * One read or change of a student's personal data (UU PDP 27/2022): who, when, what, whom.
 * No foreign keys: the trail must outlive the student and the user it names.
 */
@Entity('audit_events')
@Index('IDX_audit_events_student', ['studentId', 'id'])
@Index('IDX_audit_events_actor', ['actorUserId', 'id'])
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

  @Column({ name: 'student_id', type: 'int', unsigned: true })
  studentId: number;

  /** Comma-separated personal-data fields read or changed, e.g. `nik,birthDate`. */
  @Column({ type: 'varchar', length: 100 })
  fields: string;

  /** Set when the change came from a bulk import. */
  @Column({ name: 'import_id', type: 'int', unsigned: true, nullable: true, default: null })
  importId: number | null;
}
