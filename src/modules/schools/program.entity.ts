import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A kompetensi keahlian (e.g. Teknik Kendaraan Ringan) from the national reference list. */
@Entity('programs')
export class Program {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  code: string;

  @Column({ type: 'varchar', length: 150 })
  name: string;

  /** The bidang keahlian it belongs to (e.g. Teknologi dan Rekayasa). */
  @Column({ type: 'varchar', length: 100 })
  field: string;
}
