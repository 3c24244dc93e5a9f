import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../database/columns';
import { Role } from '../../common/auth/role.enum';
import { UserStatus } from './users.types';

export { UserStatus };

@Entity('users')
export class User {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Index('UQ_users_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  /** The display name shown in audit trails and rounds. */
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'enum', enum: Role })
  role: Role;

  @Column({ name: 'school_id', type: 'int', unsigned: true, nullable: true, default: null })
  schoolId: number | null;

  @Column({ name: 'company_id', type: 'int', unsigned: true, nullable: true, default: null })
  companyId: number | null;

  @Column({ name: 'student_id', type: 'int', unsigned: true, nullable: true, default: null })
  studentId: number | null;

  /** Comma-separated BPS codes a coordinator is limited to; empty = the whole province. */
  @Column({ name: 'region_codes', type: 'varchar', length: 255, default: '' })
  regionCodes: string;

  @Column({ type: 'enum', enum: UserStatus, default: UserStatus.Active })
  status: UserStatus;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
