import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CompetencyUnitKind } from './competencies.types';

export { CompetencyUnitKind } from './competencies.types';

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
