import {
  Column,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CreatedAtColumn } from '../../database/columns';
import { Company } from './company.entity';

/** An MoU / PKS between a school and a company, valid for a period, covering some programmes. */
@Entity('agreements')
@Index('IDX_agreements_school', ['schoolId'])
@Index('IDX_agreements_company', ['companyId'])
export class Agreement {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Column({ name: 'school_id', type: 'int', unsigned: true })
  @ForeignKey('School', { name: 'FK_agreements_school', onDelete: 'CASCADE' })
  schoolId: number;

  @Column({ name: 'company_id', type: 'int', unsigned: true })
  companyId: number;

  @ManyToOne(() => Company, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'FK_agreements_company' })
  company?: Company;

  /** The document's own number, e.g. 421.5/123-SMKN1/2026. */
  @Column({ name: 'document_number', type: 'varchar', length: 100 })
  documentNumber: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ name: 'valid_until', type: 'date' })
  validUntil: string;

  @CreatedAtColumn()
  createdAt: Date;
}

@Entity('agreement_programs')
export class AgreementProgram {
  @PrimaryColumn({ name: 'agreement_id', type: 'int', unsigned: true })
  agreementId: number;

  @PrimaryColumn({ name: 'program_code', type: 'varchar', length: 20 })
  @ForeignKey('Program', { name: 'FK_agreement_programs_program', onDelete: 'RESTRICT' })
  programCode: string;

  @ManyToOne(() => Agreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreement_id', foreignKeyConstraintName: 'FK_agreement_programs_agreement' })
  agreement?: Agreement;
}
