import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '../../common/auth/role.enum';
import { todayUtc } from '../../common/database/dates';
import { inTransaction } from '../../common/database/transaction';
import { CompetenciesService } from '../competencies/competencies.service';
import { OutcomesService } from '../outcomes/outcomes.service';
import type { OutcomeImportRow } from '../outcomes/outcomes.service';
import { RegionsService } from '../regions/regions.service';
import { SchoolsService } from '../schools/schools.service';
import { StudentsService } from '../students/students.service';
import type { BatchOutcome } from '../students/students.types';
import { UsersService } from '../users/users.service';
import { CompetencyRow, parseCompetencyRecord } from './competency-rows';
import { ImportFileError } from './file-format';
import { headerProblem } from './import-columns';
import type { ReadPosition } from './file-chunks';
import { DuplicateFinder, ImportRecord, ImportTable } from './import-table';
import type { Import } from './import.entity';
import { IMPORT_BATCH_ROWS } from './imports.constants';
import { ImportsRepository } from './imports.repository';
import { ImportContext, ImportKind, ImportStatus } from './imports.types';
import { readOutcomeRecord } from './outcome-rows';
import { namesOf } from './reference-names';
import { isProblem, parseStudentRecord, RowProblem, StudentRow } from './student-rows';

/** Columns whose repeated value makes a later row a duplicate of an earlier one in the file. */
const UNIQUE_KEYS = {
  [ImportKind.Students]: [['nisn'], ['nik']],
  [ImportKind.Competencies]: [['nisn', 'unit_code']],
  [ImportKind.Outcomes]: [['nisn', 'outcome_date', 'status']],
};

/** What a batch transaction did: wrote (or found already written) its rows, or refused them. */
type BatchResult = 'done' | 'school_inactive';

/** A data row read, with its refusal as a repeat of an earlier row if it is one. */
interface ReadRow {
  record: ImportRecord;
  repeated: RowProblem | undefined;
}

/** The failure of a file found unreadable part way (rows before it may have been written). */
function unreadableFailure(problem: string, processedRows: number): string {
  return processedRows === 0
    ? problem
    : `${problem}; the first ${processedRows} data rows, read before it, were kept`;
}

/** The failure of an import whose school was deactivated once it was queued. */
export function schoolInactiveFailure(schoolId: number, processedRows: number): string {
  const kept =
    processedRows === 0
      ? 'nothing was written'
      : `the first ${processedRows} data rows, processed before that, were kept; the rest were not`;
  return `school ${schoolId} was deactivated after this import was queued: ${kept}`;
}

/**
 * Runs one import from its committed checkpoint to the end, reading the file once as a stream.
 * Each batch — its rows, their audit
 * events, their row errors and the advanced checkpoint with the counters — commits in one
 * transaction, so a crash at any point loses at most the batch in flight, which is redone.
 */
@Injectable()
export class ImportRunner {
  private readonly logger = new Logger(ImportRunner.name);
  /** Imports this process is running now: the recovery sweep leaves them alone. */
  private readonly inFlight = new Set<number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: ImportsRepository,
    private readonly schools: SchoolsService,
    private readonly regions: RegionsService,
    private readonly users: UsersService,
    private readonly students: StudentsService,
    private readonly competencies: CompetenciesService,
    private readonly outcomes: OutcomesService,
  ) {}

  async run(importId: number, progress: (percent: number) => Promise<void>): Promise<void> {
    this.inFlight.add(importId);
    try {
      await this.runOnce(importId, progress);
    } finally {
      this.inFlight.delete(importId);
    }
  }

  isInFlight(importId: number): boolean {
    return this.inFlight.has(importId);
  }

  /** Records an import's failure for good (the reason is shown to its readers: keep it plain). */
  async markFailed(importId: number, reason: string): Promise<void> {
    await this.repo.markFailed(importId, reason);
  }

  private async runOnce(
    importId: number,
    progress: (percent: number) => Promise<void>,
  ): Promise<void> {
    const imp = await this.repo.findById(importId);
    if (!imp || imp.status === ImportStatus.Completed || imp.status === ImportStatus.Failed) {
      return;
    }
    // Checked again under lock with every batch; this one also fails an import with no rows.
    if (!(await this.schools.isActive(imp.schoolId))) {
      return this.fail(importId, schoolInactiveFailure(imp.schoolId, imp.nextRow));
    }
    const content = await this.repo.readFile(importId);
    // One pass: the file is read as a stream, the rows before the checkpoint only to find the
    // repeated keys again (so a resumed run refuses the same rows as the first).
    const position: ReadPosition = { share: 0 };
    let table: ImportTable;
    try {
      table = await ImportTable.open(imp.kind, content, imp.format, imp.sheet, position);
    } catch (error) {
      if (error instanceof ImportFileError) {
        return this.fail(importId, error.message);
      }
      throw error;
    }
    const problem = headerProblem(table.header);
    if (problem) {
      await table.close();
      return this.fail(importId, problem);
    }
    const ctx = await this.context(imp);
    await this.repo.markRunning(importId);
    const finder = new DuplicateFinder(UNIQUE_KEYS[imp.kind]);
    let start = imp.nextRow;
    let seen = 0;
    /** Rows the reader has handed over, some of them not yet looked at. */
    let delivered = 0;
    let batch: ReadRow[] = [];
    const commit = async (): Promise<BatchResult> => {
      const rows = batch;
      batch = [];
      // The rows read so far, scaled by the share of their bytes read: exact once it ends.
      const estimate = Math.max(delivered, Math.round(delivered / Math.max(position.share, 1e-6)));
      const result = await inTransaction(this.dataSource, (manager) =>
        this.writeBatch(manager, imp.kind, start, rows, estimate, ctx),
      );
      if (result === 'done') {
        start += rows.length;
        await progress(Math.min(99, Math.floor((start * 100) / Math.max(estimate, 1))));
      }
      return result;
    };
    try {
      for await (const records of table.batches()) {
        delivered += records.length;
        for (const record of records) {
          const repeated = finder.see(record);
          if (seen++ < imp.nextRow) {
            continue;
          }
          batch.push({ record, repeated });
          if (batch.length === IMPORT_BATCH_ROWS && (await commit()) === 'school_inactive') {
            return this.fail(importId, schoolInactiveFailure(imp.schoolId, start));
          }
        }
      }
    } catch (error) {
      if (error instanceof ImportFileError) {
        return this.fail(importId, unreadableFailure(error.message, start));
      }
      throw error;
    }
    if (batch.length > 0 && (await commit()) === 'school_inactive') {
      return this.fail(importId, schoolInactiveFailure(imp.schoolId, start));
    }
    await this.repo.markCompleted(importId, seen);
    await progress(100);
  }

  private async writeBatch(
    manager: EntityManager,
    kind: ImportKind,
    start: number,
    batch: ReadRow[],
    totalRows: number,
    ctx: ImportContext,
  ): Promise<BatchResult> {
    // The import row is locked first: a second runner of the same import waits here, then
    // sees the advanced checkpoint and skips the batch.
    if ((await this.repo.lockCheckpoint(manager, ctx.importId)) !== start) {
      return 'done';
    }
    // Share-locked to the commit: a deactivation waits for this batch, and a batch after it
    // sees it, so no row of the import lands once the school's deactivation has returned.
    if (!(await this.schools.isActive(ctx.schoolId, manager, true))) {
      return 'school_inactive';
    }
    const problems: RowProblem[] = [];
    const outcome = await this.writeRows(manager, kind, batch, ctx, problems);
    problems.push(...outcome.problems);
    await this.repo.insertRowProblems(manager, ctx.importId, problems);
    await this.repo.advance(manager, ctx.importId, {
      nextRow: start + batch.length,
      totalRows,
      created: outcome.created,
      updated: outcome.updated,
      unchanged: outcome.unchanged,
      rejected: problems.length,
    });
    return 'done';
  }

  /** Parses and writes one batch of `kind`; rows refused before writing go to `problems`. */
  private async writeRows(
    manager: EntityManager,
    kind: ImportKind,
    batch: ReadRow[],
    ctx: ImportContext,
    problems: RowProblem[],
  ): Promise<BatchOutcome> {
    const keep = <T extends object>(parsed: T | RowProblem, rows: T[]): void => {
      if (isProblem(parsed)) {
        problems.push(parsed);
      } else {
        rows.push(parsed);
      }
    };
    switch (kind) {
      case ImportKind.Students: {
        const rows: StudentRow[] = [];
        for (const { record, repeated } of batch) {
          keep(repeated ?? parseStudentRecord(record, ctx.today, ctx.names), rows);
        }
        return this.students.importBatch(manager, rows, ctx);
      }
      case ImportKind.Competencies: {
        const rows: CompetencyRow[] = [];
        for (const { record, repeated } of batch) {
          keep(repeated ?? parseCompetencyRecord(record), rows);
        }
        return this.competencies.importBatch(manager, rows, ctx.schoolId);
      }
      case ImportKind.Outcomes: {
        const rows: OutcomeImportRow[] = [];
        for (const { record, repeated } of batch) {
          keep<OutcomeImportRow>(repeated ?? readOutcomeRecord(record, ctx.names), rows);
        }
        const written = await this.outcomes.importBatch(
          manager,
          { schoolId: ctx.schoolId, actorId: ctx.actor.id, today: new Date(ctx.today) },
          rows,
        );
        return { ...written, updated: 0 };
      }
    }
  }

  private async context(imp: Import): Promise<ImportContext> {
    const [programs, regions, role, catalogue, regionNames] = await Promise.all([
      this.schools.programsRun(imp.schoolId),
      this.regions.knownCodes(),
      this.users.roleOf(imp.createdBy),
      this.schools.listPrograms(),
      this.regions.findRefs({}),
    ]);
    return {
      importId: imp.id,
      schoolId: imp.schoolId,
      // A user deleted since the upload keeps the role the audit rows have always shown.
      actor: { id: imp.createdBy, role: role ?? ('unknown' as Role) },
      programs: new Set(programs),
      regions: new Set(regions),
      names: namesOf(catalogue, regionNames),
      today: todayUtc(),
    };
  }

  private async fail(importId: number, reason: string): Promise<void> {
    this.logger.warn(`Import ${importId} refused: ${reason}`);
    await this.repo.markFailed(importId, reason);
  }
}
