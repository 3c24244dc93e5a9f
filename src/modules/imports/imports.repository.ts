import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { scopeList } from '../../common/access/access-policy';
import type { AuthUser } from '../../common/auth/auth-user';
import type { PageQueryDto } from '../../common/pagination/pagination';
import type { RowProblem } from '../students/students.types';
import type { ListImportsQuery } from './dto/import.dto';
import { ImportFilePart } from './import-file-part.entity';
import { ImportRowError } from './import-row-error.entity';
import { Import } from './import.entity';
import { IMPORT_FILE_PART_BYTES } from './imports.constants';
import { BatchCounts, ImportStatus } from './imports.types';

export type NewImport = Pick<
  Import,
  | 'kind'
  | 'schoolId'
  | 'createdBy'
  | 'fileName'
  | 'contentSha256'
  | 'format'
  | 'sheet'
  | 'ignoredColumns'
>;

/** Every query on imports, import_file_parts and import_row_errors. */
@Injectable()
export class ImportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private imports(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(Import);
  }

  private rowErrors() {
    return this.dataSource.getRepository(ImportRowError);
  }

  /** A page of the imports the user may list, newest first. */
  page(user: AuthUser, query: ListImportsQuery): Promise<[Import[], number]> {
    const qb = this.imports().createQueryBuilder('i');
    scopeList(qb, user, 'import', 'i');
    if (query.kind) {
      qb.andWhere('i.kind = :kind', { kind: query.kind });
    }
    return qb.orderBy('i.id', 'DESC').skip(query.skip).take(query.pageSize).getManyAndCount();
  }

  findById(id: number): Promise<Import | null> {
    return this.imports().findOneBy({ id });
  }

  /** An import's file, as uploaded (read only by the worker). */
  async readFile(id: number): Promise<Buffer> {
    const parts = await this.dataSource
      .getRepository(ImportFilePart)
      .find({ where: { importId: id }, order: { part: 'ASC' } });
    return Buffer.concat(parts.map((p) => p.bytes));
  }

  /** The import and its file, in parts, in one transaction. */
  insert(row: NewImport, content: Buffer): Promise<Import> {
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.getRepository(Import).save(row);
      for (let part = 0; part * IMPORT_FILE_PART_BYTES < content.length; part++) {
        const at = part * IMPORT_FILE_PART_BYTES;
        // One part per statement: the statement stays under max_allowed_packet.
        await manager.query(
          'INSERT INTO import_file_parts (import_id, part, bytes) VALUES (?, ?, ?)',
          [saved.id, part, content.subarray(at, at + IMPORT_FILE_PART_BYTES)],
        );
      }
      return saved;
    });
  }

  async unfinishedIds(): Promise<number[]> {
    const rows = await this.imports().find({
      where: { status: In([ImportStatus.Queued, ImportStatus.Running]) },
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  /** True while the import is queued or running. */
  async isUnfinished(id: number): Promise<boolean> {
    return this.imports().exists({
      where: { id, status: In([ImportStatus.Queued, ImportStatus.Running]) },
    });
  }

  async markRunning(id: number): Promise<void> {
    await this.imports().update({ id }, { status: ImportStatus.Running });
  }

  /** Ends the import with the exact count of its data rows, now that all were read. */
  async markCompleted(id: number, totalRows: number): Promise<void> {
    await this.imports().update(
      { id },
      { status: ImportStatus.Completed, totalRows, finishedAt: new Date() },
    );
  }

  /** Fails a queued or running import (one that has ended stays as it ended). */
  async markFailed(id: number, failure: string): Promise<void> {
    await this.imports().update(
      { id, status: In([ImportStatus.Queued, ImportStatus.Running]) },
      { status: ImportStatus.Failed, failure: failure.slice(0, 500), finishedAt: new Date() },
    );
  }

  /** The import's committed checkpoint, its row locked for update (null: no such import). */
  async lockCheckpoint(manager: EntityManager, id: number): Promise<number | null> {
    const [locked] = await manager.query<{ next_row: number }[]>(
      'SELECT next_row FROM imports WHERE id = ? FOR UPDATE',
      [id],
    );
    return locked ? Number(locked.next_row) : null;
  }

  /** Advances the checkpoint and adds a batch's counters, in the batch's transaction. */
  async advance(manager: EntityManager, id: number, counts: BatchCounts): Promise<void> {
    await manager.query(
      `UPDATE imports SET next_row = ?, total_rows = ?, created_count = created_count + ?,
         updated_count = updated_count + ?, unchanged_count = unchanged_count + ?,
         rejected_count = rejected_count + ? WHERE id = ?`,
      [
        counts.nextRow,
        counts.totalRows,
        counts.created,
        counts.updated,
        counts.unchanged,
        counts.rejected,
        id,
      ],
    );
  }

  /** One multi-row insert of a batch's refused rows. */
  async insertRowProblems(
    manager: EntityManager,
    importId: number,
    problems: RowProblem[],
  ): Promise<void> {
    if (problems.length === 0) {
      return;
    }
    // IGNORE: a batch re-run after a crash between commit and ack must not fail on its own rows.
    await manager.query(
      `INSERT IGNORE INTO import_row_errors (import_id, \`row_number\`, field, reason) VALUES ${new Array<string>(
        problems.length,
      )
        .fill('(?, ?, ?, ?)')
        .join(', ')}`,
      problems.flatMap((p) => [importId, p.row, p.field, p.reason.slice(0, 255)]),
    );
  }

  firstRowErrors(importId: number, take: number): Promise<ImportRowError[]> {
    return this.rowErrors().find({ where: { importId }, order: { rowNumber: 'ASC' }, take });
  }

  /** Every row error of an import, in row order (an import's are bounded by its file's rows). */
  allRowErrors(importId: number): Promise<ImportRowError[]> {
    return this.rowErrors().find({ where: { importId }, order: { rowNumber: 'ASC' } });
  }

  pageRowErrors(importId: number, query: PageQueryDto): Promise<[ImportRowError[], number]> {
    return this.rowErrors().findAndCount({
      where: { importId },
      order: { rowNumber: 'ASC' },
      skip: query.skip,
      take: query.pageSize,
    });
  }
}
