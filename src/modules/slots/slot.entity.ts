import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../database/columns';
import { CompetencyUnit } from '../competencies/competency-unit.entity';
import { Company } from '../companies/company.entity';
import { Region } from '../regions/region.entity';
import { Program } from '../schools/program.entity';

export enum SlotStatus {
  Draft = 'draft',
  Open = 'open',
  Closed = 'closed',
}

/** A lowongan magang: an apprenticeship opening of one company. */
@Entity('slots')
@Index('IDX_slots_status_region', ['status', 'regionCode'])
@Index('IDX_slots_company_status', ['companyId', 'status'])
export class Slot {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Column({ name: 'company_id', type: 'int', unsigned: true })
  companyId: number;

  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'FK_slots_company' })
  company?: Company;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'region_code', type: 'char', length: 4 })
  regionCode: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'FK_slots_region' })
  region?: Region;

  @Column({ type: 'smallint', unsigned: true })
  capacity: number;

  /** Accepted + active placements; changed only together with them, never above capacity. */
  @Column({ type: 'smallint', unsigned: true, default: 0 })
  filled: number;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate: string;

  /** Uang saku per month, in rupiah. */
  @Column({ type: 'int', unsigned: true, default: 0 })
  stipend: number;

  @Column({ name: 'mentor_name', type: 'varchar', length: 150, default: '' })
  mentorName: string;

  @Column({ type: 'enum', enum: SlotStatus, default: SlotStatus.Draft })
  status: SlotStatus;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

/** A competency unit a slot needs, at a minimum level, with its weight in the fit score. */
@Entity('slot_requirements')
@Index('IDX_slot_requirements_unit', ['unitCode', 'minLevel'])
export class SlotRequirement {
  @PrimaryColumn({ name: 'slot_id', type: 'int', unsigned: true })
  slotId: number;

  @PrimaryColumn({ name: 'unit_code', type: 'varchar', length: 32 })
  unitCode: string;

  @ManyToOne(() => Slot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'slot_id', foreignKeyConstraintName: 'FK_slot_requirements_slot' })
  slot?: Slot;

  @ManyToOne(() => CompetencyUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_code', foreignKeyConstraintName: 'FK_slot_requirements_unit' })
  unit?: CompetencyUnit;

  @Column({ name: 'min_level', type: 'tinyint', unsigned: true })
  minLevel: number;

  @Column({ type: 'decimal', precision: 5, scale: 2, default: 1 })
  weight: string;
}

/** When a slot lists programmes, only students of those programmes are eligible. */
@Entity('slot_programs')
export class SlotProgram {
  @PrimaryColumn({ name: 'slot_id', type: 'int', unsigned: true })
  slotId: number;

  @PrimaryColumn({ name: 'program_code', type: 'varchar', length: 20 })
  programCode: string;

  @ManyToOne(() => Slot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'slot_id', foreignKeyConstraintName: 'FK_slot_programs_slot' })
  slot?: Slot;

  @ManyToOne(() => Program, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_code', foreignKeyConstraintName: 'FK_slot_programs_program' })
  program?: Program;
}
