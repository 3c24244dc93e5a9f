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
import { CreatedAtColumn, UpdatedAtColumn } from '../../database/columns';
import { SlotStatus } from './slots.types';

export { SlotStatus } from './slots.types';

/** A lowongan magang: an apprenticeship opening of one company. */
@Entity('slots')
@Index('IDX_slots_status_region', ['status', 'regionCode'])
@Index('IDX_slots_company_status', ['companyId', 'status'])
export class Slot {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Column({ name: 'company_id', type: 'int', unsigned: true })
  @ForeignKey('Company', { name: 'FK_slots_company', onDelete: 'RESTRICT' })
  companyId: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'region_code', type: 'char', length: 4 })
  @ForeignKey('Region', { name: 'FK_slots_region', onDelete: 'RESTRICT' })
  regionCode: string;

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
  @ForeignKey('CompetencyUnit', { name: 'FK_slot_requirements_unit', onDelete: 'RESTRICT' })
  unitCode: string;

  @ManyToOne(() => Slot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'slot_id', foreignKeyConstraintName: 'FK_slot_requirements_slot' })
  slot?: Slot;

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
  @ForeignKey('Program', { name: 'FK_slot_programs_program', onDelete: 'RESTRICT' })
  programCode: string;

  @ManyToOne(() => Slot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'slot_id', foreignKeyConstraintName: 'FK_slot_programs_slot' })
  slot?: Slot;
}
