import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Import } from './import.entity';

/** A rejected row: its number in the file (header = row 1) and why, never its values. */
@Entity('import_row_errors')
export class ImportRowError {
  @PrimaryColumn({ name: 'import_id', type: 'int', unsigned: true })
  importId: number;

  @PrimaryColumn({ name: 'row_number', type: 'int', unsigned: true })
  rowNumber: number;

  @ManyToOne(() => Import, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'FK_import_row_errors_import' })
  import?: Import;

  @Column({ type: 'varchar', length: 50 })
  field: string;

  @Column({ type: 'varchar', length: 255 })
  reason: string;
}
