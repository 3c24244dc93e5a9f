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
import {
  COMPETENCY_COLUMNS,
  CompetencyRow,
  COMPETENCY_OPTIONAL_COLUMNS,
  parseCompetencyRecord,
} from './competency-rows';
import { CsvError, CsvRecord, parseCsv, readHeader } from './csv';
import type { Import } from './import.entity';
import { IMPORT_BATCH_ROWS } from './imports.constants';
import { ImportsRepository } from './imports.repository';
import { ImportContext, ImportKind, ImportStatus } from './imports.types';
import { OUTCOME_COLUMNS, OUTCOME_OPTIONAL_COLUMNS, readOutcomeRecord } from './outcome-rows';
import {
  isProblem,
  parseStudentRecord,
  RowProblem,
  STUDENT_COLUMNS,
  StudentRow,
  STUDENT_OPTIONAL_COLUMNS,
} from './student-rows';

const COLUMNS = {
  [ImportKind.Students]: { required: STUDENT_COLUMNS, optional: STUDENT_OPTIONAL_COLUMNS },
  [ImportKind.Competencies]: {
    required: COMPETENCY_COLUMNS,
    optional: COMPETENCY_OPTIONAL_COLUMNS,
  },
  [ImportKind.Outcomes]: { required: OUTCOME_COLUMNS, optional: OUTCOME_OPTIONAL_COLUMNS },
};
/** Columns whose repeated value makes a later row a duplicate of an earlier one in the file. */
const UNIQUE_KEYS = {
  [ImportKind.Students]: [['nisn'], ['nik']],
  [ImportKind.Competencies]: [['nisn', 'unit_code']],
  [ImportKind.Outcomes]: [['nisn', 'outcome_date', 'status']],
};

/** What a batch transaction did: wrote (or found already written) its rows, or refused them. */
type BatchResult = 'done' | 'school_inactive';

/** The failure of an import whose school was deactivated once it was queued. */
function schoolInactiveFailure(schoolId: number, processedRows: number): string {
  const kept =
    processedRows === 0
      ? 'nothing was written'
      : `the first ${processedRows} data rows, processed before that, were kept; the rest were not`;
  return `school ${schoolId} was deactivated after this import was queued: ${kept}`;
}

/** A header problem, found before any row is read: the whole import is refused. */
export function headerProblem(kind: ImportKind, header: string[]): string | null {
  const h = readHeader(header, COLUMNS[kind].required, COLUMNS[kind].optional);
  const parts = [
    h.missing.length > 0 ? `missing columns: ${h.missing.join(', ')}` : '',
    h.unknown.length > 0 ? `unknown columns: ${h.unknown.join(', ')}` : '',
    h.duplicated.length > 0 ? `repeated columns: ${h.duplicated.join(', ')}` : '',
  ].filter((p) => p !== '');
  return parts.length > 0 ? parts.join('; ') : null;
}

/**
 * Runs one import from its committed checkpoint to the end. Each batch — its rows, their audit
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
    const imp = await this.repo.findWithContent(importId);
    if (!imp || imp.status === ImportStatus.Completed || imp.status === ImportStatus.Failed) {
      return;
    }
    // Checked again under lock with every batch; this one also fails an import with no rows.
    if (!(await this.schools.isActive(imp.schoolId))) {
      return this.fail(importId, schoolInactiveFailure(imp.schoolId, imp.nextRow));
    }
    let records: CsvRecord[];
    try {
      records = parseCsv(imp.content);
    } catch (error) {
      if (error instanceof CsvError) {
        return this.fail(importId, error.message);
      }
      throw error;
    }
    const header = records.shift()?.fields ?? [];
    const problem = headerProblem(imp.kind, header);
    if (problem) {
      return this.fail(importId, problem);
    }
    const { index } = readHeader(header, COLUMNS[imp.kind].required, COLUMNS[imp.kind].optional);
    const duplicates = findDuplicates(records, index, UNIQUE_KEYS[imp.kind]);
    const ctx = await this.context(imp);
    await this.repo.markRunning(importId, records.length);
    for (let start = imp.nextRow; start < records.length; start += IMPORT_BATCH_ROWS) {
      const batch = records.slice(start, start + IMPORT_BATCH_ROWS);
      const result = await inTransaction(this.dataSource, (manager) =>
        this.writeBatch(manager, imp.kind, start, batch, duplicates, index, ctx),
      );
      if (result === 'school_inactive') {
        return this.fail(importId, schoolInactiveFailure(imp.schoolId, start));
      }
      await progress(
        Math.floor((Math.min(start + batch.length, records.length) * 100) / records.length),
      );
    }
    await this.repo.markCompleted(importId);
    await progress(100);
  }

  private async writeBatch(
    manager: EntityManager,
    kind: ImportKind,
    start: number,
    batch: CsvRecord[],
    duplicates: Map<number, RowProblem>,
    index: Map<string, number>,
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
    const outcome = await this.writeRows(manager, kind, batch, duplicates, index, ctx, problems);
    problems.push(...outcome.problems);
    await this.repo.insertRowProblems(manager, ctx.importId, problems);
    await this.repo.advance(manager, ctx.importId, {
      nextRow: start + batch.length,
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
    batch: CsvRecord[],
    duplicates: Map<number, RowProblem>,
    index: Map<string, number>,
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
        for (const record of batch) {
          keep(duplicates.get(record.row) ?? parseStudentRecord(record, index, ctx.today), rows);
        }
        return this.students.importBatch(manager, rows, ctx);
      }
      case ImportKind.Competencies: {
        const rows: CompetencyRow[] = [];
        for (const record of batch) {
          keep(duplicates.get(record.row) ?? parseCompetencyRecord(record, index), rows);
        }
        return this.competencies.importBatch(manager, rows, ctx.schoolId);
      }
      case ImportKind.Outcomes: {
        const rows: OutcomeImportRow[] = [];
        for (const record of batch) {
          keep<OutcomeImportRow>(
            duplicates.get(record.row) ?? readOutcomeRecord(record, index),
            rows,
          );
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
    const [programs, regions, role] = await Promise.all([
      this.schools.programsRun(imp.schoolId),
      this.regions.knownCodes(),
      this.users.roleOf(imp.createdBy),
    ]);
    return {
      importId: imp.id,
      schoolId: imp.schoolId,
      // A user deleted since the upload keeps the role the audit rows have always shown.
      actor: { id: imp.createdBy, role: role ?? ('unknown' as Role) },
      programs: new Set(programs),
      regions: new Set(regions),
      today: todayUtc(),
    };
  }

  private async fail(importId: number, reason: string): Promise<void> {
    this.logger.warn(`Import ${importId} refused: ${reason}`);
    await this.repo.markFailed(importId, reason);
  }
}

/** Later rows repeating an earlier row's key; decided on the whole file so a resume agrees. */
export function findDuplicates(
  records: CsvRecord[],
  index: Map<string, number>,
  keys: string[][],
): Map<number, RowProblem> {
  const found = new Map<number, RowProblem>();
  for (const columns of keys) {
    const first = new Map<string, number>();
    for (const record of records) {
      const value = columns.map((c) => (record.fields[index.get(c) ?? -1] ?? '').trim()).join('|');
      if (value.replace(/\|/g, '') === '') {
        continue;
      }
      const earlier = first.get(value);
      if (earlier === undefined) {
        first.set(value, record.row);
      } else if (!found.has(record.row)) {
        found.set(record.row, {
          row: record.row,
          field: columns.join('+'),
          reason: `repeats row ${earlier} of this file`,
        });
      }
    }
  }
  return found;
}
