import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Import } from './import.entity';

/**
 * An uploaded file, in parts of at most IMPORT_FILE_PART_BYTES: a statement carrying one part
 * stays under MySQL's max_allowed_packet (16 MB by default) even with the bytes hex-encoded,
 * which one 32 MB file in one row would not.
 */
@Entity('import_file_parts')
export class ImportFilePart {
  @PrimaryColumn({ name: 'import_id', type: 'int', unsigned: true })
  importId: number;

  @PrimaryColumn({ type: 'smallint', unsigned: true })
  part: number;

  @ManyToOne(() => Import, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'FK_import_file_parts_import' })
  import?: Import;

  @Column({ type: 'mediumblob' })
  bytes: Buffer;
}
