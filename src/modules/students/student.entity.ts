import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../database/columns';
import { Gender, StudentStatus } from './students.types';

export { Gender, StudentStatus } from './students.types';

/**
 * An SMK student or graduate. The NIK is personal data (UU PDP 27/2022): stored only as
 * AES-256-GCM ciphertext, a keyed hash for uniqueness, and the masked form shown to others.
 */
@Entity('students')
@Index('IDX_students_school_status', ['schoolId', 'status'])
@Index('IDX_students_graduation', ['graduationYear', 'domicileRegionCode'])
// The analytics' graduates of a year by region: covering for the supply/demand scan.
@Index('IDX_students_graduation_status_region', ['graduationYear', 'status', 'domicileRegionCode'])
export class Student {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  /** Nomor Induk Siswa Nasional: 10 digits, opaque, unique nationally. */
  @Index('UQ_students_nisn', { unique: true })
  @Column({ type: 'char', length: 10 })
  nisn: string;

  @Column({ name: 'nik_ciphertext', type: 'varchar', length: 128 })
  nikCiphertext: string;

  /** HMAC-SHA256 of the NIK under the encryption key: finds duplicates without decrypting. */
  @Index('UQ_students_nik_hash', { unique: true })
  @Column({ name: 'nik_hash', type: 'char', length: 64 })
  nikHash: string;

  /** e.g. 3604********0001: what every response but the student's own shows. */
  @Column({ name: 'nik_masked', type: 'char', length: 16 })
  nikMasked: string;

  @Index('IDX_students_name')
  @Column({ type: 'varchar', length: 150 })
  name: string;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate: string;

  @Column({ type: 'enum', enum: Gender })
  gender: Gender;

  @Column({ name: 'school_id', type: 'int', unsigned: true })
  @ForeignKey('School', { name: 'FK_students_school', onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  schoolId: number;

  @Column({ name: 'program_code', type: 'varchar', length: 20 })
  @ForeignKey('Program', {
    name: 'FK_students_program',
    onDelete: 'RESTRICT',
    onUpdate: 'NO ACTION',
  })
  programCode: string;

  @Column({ name: 'domicile_region_code', type: 'char', length: 4 })
  @ForeignKey('Region', { name: 'FK_students_region', onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  domicileRegionCode: string;

  @Column({ name: 'enrolment_year', type: 'smallint', unsigned: true })
  enrolmentYear: number;

  @Column({
    name: 'graduation_year',
    type: 'smallint',
    unsigned: true,
    nullable: true,
    default: null,
  })
  graduationYear: number | null;

  @Column({ type: 'enum', enum: StudentStatus, default: StudentStatus.Enrolled })
  status: StudentStatus;

  /** Needed to process a minor's data and for the apprenticeship of a 17-year-old. */
  @Column({ name: 'parental_consent', type: 'boolean', default: false })
  parentalConsent: boolean;

  /** Contact details the student keeps up to date themself. */
  @Column({ type: 'varchar', length: 20, default: '' })
  phone: string;

  @Column({ type: 'varchar', length: 254, default: '' })
  email: string;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
