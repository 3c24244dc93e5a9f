import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum CompetencyUnitKind {
  /** SKKNI-shaped: KBLI letter, 6 KBLI digits, 3-digit sequence, 2-digit version. */
  Skkni = 'skkni',
  Local = 'local',
}

export const SKKNI_CODE = /^[A-U]\.\d{6}\.\d{3}\.\d{2}$/;
export const LOCAL_CODE = /^[A-Z0-9][A-Z0-9._-]{1,31}$/;

@Entity('competency_units')
export class CompetencyUnit {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  /** Sector, e.g. the KBLI section letter's name or a local grouping. */
  @Index('IDX_competency_units_sector')
  @Column({ type: 'varchar', length: 100 })
  sector: string;

  @Column({ type: 'enum', enum: CompetencyUnitKind })
  kind: CompetencyUnitKind;
}
