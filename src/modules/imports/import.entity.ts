import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../../database/columns';
import { ImportFormat, ImportKind, ImportStatus } from './imports.types';

export { ImportFormat, ImportKind, ImportStatus } from './imports.types';

/** A list kept as JSON in a VARCHAR. */
const jsonList = {
  to: (value: string[] | undefined): string => JSON.stringify(value ?? []),
  from: (value: string | null): string[] => (value ? (JSON.parse(value) as string[]) : []),
};

/**
 * An uploaded file (CSV or .xlsx) and its progress. The file's bytes live in MySQL too
 * (import_file_parts; not in Redis, not on a disk the worker may not share) so that a restarted
 * job re-reads it and resumes at `nextRow`.
 */
@Entity('imports')
@Index('IDX_imports_school', ['schoolId', 'id'])
export class Import {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Column({ type: 'enum', enum: ImportKind })
  kind: ImportKind;

  @Column({ name: 'school_id', type: 'int', unsigned: true })
  @ForeignKey('School', { name: 'FK_imports_school', onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  schoolId: number;

  @Column({ name: 'created_by', type: 'int', unsigned: true })
  createdBy: number;

  @Column({ type: 'enum', enum: ImportStatus, default: ImportStatus.Queued })
  status: ImportStatus;

  @Column({ name: 'file_name', type: 'varchar', length: 255, default: '' })
  fileName: string;

  /** How the file is read, decided by its content at upload. */
  @Column({ type: 'enum', enum: ImportFormat, default: ImportFormat.Csv })
  format: ImportFormat;

  /** The .xlsx sheet asked for ('' = the first). */
  @Column({ type: 'varchar', length: 100, default: '' })
  sheet: string;

  /** Headers of the file that name no column of the kind, as written: ignored, reported. */
  @Column({
    name: 'ignored_columns',
    type: 'varchar',
    length: 1000,
    default: '[]',
    transformer: jsonList,
  })
  ignoredColumns: string[];

  @Column({ name: 'content_sha256', type: 'char', length: 64 })
  contentSha256: string;

  /** Data rows in the file (header excluded), known once parsed. */
  @Column({ name: 'total_rows', type: 'int', unsigned: true, default: 0 })
  totalRows: number;

  /** Checkpoint: data rows already processed, committed with the batch they belong to. */
  @Column({ name: 'next_row', type: 'int', unsigned: true, default: 0 })
  nextRow: number;

  @Column({ name: 'created_count', type: 'int', unsigned: true, default: 0 })
  created: number;

  @Column({ name: 'updated_count', type: 'int', unsigned: true, default: 0 })
  updated: number;

  @Column({ name: 'unchanged_count', type: 'int', unsigned: true, default: 0 })
  unchanged: number;

  @Column({ name: 'rejected_count', type: 'int', unsigned: true, default: 0 })
  rejected: number;

  /** Why a whole import failed (unreadable file, school deactivated); row problems go elsewhere. */
  @Column({ type: 'varchar', length: 500, default: '' })
  failure: string;

  @CreatedAtColumn()
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'datetime', precision: 3, nullable: true, default: null })
  finishedAt: Date | null;
}
