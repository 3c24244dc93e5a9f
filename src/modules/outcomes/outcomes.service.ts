import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessRepository } from '../../common/access/access.repository';
import { Action } from '../../common/access/access-policy';
import type { AuthUser } from '../../common/auth/auth-user';
import { Role } from '../../common/auth/role.enum';
import { isCalendarDate } from '../../common/database/dates';
import { NotFoundException, ValidationFailedException } from '../../common/errors/domain.exception';
import { Page, toPage } from '../../common/pagination/pagination';
import { RegionsService } from '../regions/regions.service';
import { StudentsService } from '../students/students.service';
import { StudentStatus } from '../students/students.types';
import { ListOutcomesQuery } from './dto/list-outcomes.query';
import { RecordOutcomeDto } from './dto/record-outcome.dto';
import { OutcomesException } from './outcomes.exception';
import { OutcomeRow, OutcomesRepository } from './outcomes.repository';
import {
  ApprenticeshipStart,
  NEEDS_EMPLOYER,
  OutcomeImportBatch,
  OutcomeImportRow,
  OutcomeInput,
  OutcomeSource,
  OutcomeStatus,
  UnemploymentCounts,
  UnemploymentFilter,
} from './outcomes.types';

export type { OutcomeRow } from './outcomes.repository';
export type {
  ApprenticeshipStart,
  OutcomeImportBatch,
  OutcomeImportRow,
  OutcomeInput,
  UnemploymentCounts,
  UnemploymentFilter,
} from './outcomes.types';

const STATUSES: readonly string[] = Object.values(OutcomeStatus);
/** API field names as CSV column names, for row problems. */
const CSV_COLUMN: Record<string, string> = {
  student: 'nisn',
  status: 'status',
  outcomeDate: 'outcome_date',
  employerName: 'employer_name',
  regionCode: 'region_code',
  notes: 'notes',
};

@Injectable()
export class OutcomesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outcomes: OutcomesRepository,
    private readonly access: AccessRepository,
    private readonly studentsService: StudentsService,
    private readonly regions: RegionsService,
  ) {}

  async record(actor: AuthUser, dto: RecordOutcomeDto): Promise<OutcomeRow> {
    const studentId = this.subjectOf(actor, dto.studentId);
    // The student the outcome hangs on must be the actor's to see (a student: themselves).
    await this.access.assertInScope(actor, 'student', studentId, Action.Read, undefined, 'student');
    const [student] = await this.studentsService.findByIds([studentId]);
    if (!student) {
      throw new NotFoundException('student', studentId);
    }
    const input: OutcomeInput = {
      studentId,
      status: dto.status,
      outcomeDate: dto.outcomeDate,
      employerName: dto.employerName?.trim() ?? '',
      regionCode: dto.regionCode ?? null,
      notes: dto.notes ?? '',
      source: actor.role === Role.Student ? OutcomeSource.Student : OutcomeSource.School,
      recordedBy: actor.id,
    };
    const problem = await this.check(input, student, new Date());
    if (problem) {
      throw problem.field === 'student'
        ? OutcomesException.notAGraduate(studentId)
        : ValidationFailedException.field(problem.field, problem.problem);
    }
    const inserted = await this.insert(this.dataSource.manager, input);
    if (inserted === null) {
      throw OutcomesException.alreadyRecorded(studentId, input.outcomeDate, input.status);
    }
    return this.get(actor, inserted);
  }

  /**
   * Called by the placements feature inside the transaction that makes a placement active:
   * records the graduate's `apprenticeship` outcome. Idempotent per placement (and per
   * graduate, date and status): calling it again writes nothing. Returns the outcome's id,
   * or null when an identical outcome recorded by hand already stood there.
   */
  recordApprenticeshipStart(
    manager: EntityManager,
    start: ApprenticeshipStart,
  ): Promise<number | null> {
    return this.outcomes.recordApprenticeshipStart(manager, start);
  }

  /**
   * Writes one batch of a school's outcome CSV inside the import's transaction (the imports
   * feature owns the file, its checkpoint and counters; the rules stay here). Rows already
   * recorded count as unchanged, so a batch redone after a crash writes nothing twice.
   */
  async importBatch(
    manager: EntityManager,
    job: { schoolId: number; actorId: number; today: Date },
    rows: OutcomeImportRow[],
  ): Promise<OutcomeImportBatch> {
    const result: OutcomeImportBatch = { created: 0, unchanged: 0, problems: [] };
    const nisns = [...new Set(rows.map((r) => r.nisn).filter((n) => /^\d{10}$/.test(n)))];
    const students =
      nisns.length === 0
        ? []
        : await this.studentsService.findByNisns(job.schoolId, nisns, manager);
    const byNisn = new Map(students.map((s) => [s.nisn, s]));
    // Read once per batch rather than once per row.
    const regions = new Set(await this.regions.knownCodes(undefined, manager));
    for (const r of rows) {
      const student = byNisn.get(r.nisn);
      if (!student) {
        result.problems.push({
          row: r.row,
          field: 'nisn',
          reason: 'no student with this NISN at the school',
        });
        continue;
      }
      const input: OutcomeInput = {
        studentId: student.id,
        status: r.status as OutcomeStatus,
        outcomeDate: r.outcomeDate,
        employerName: r.employerName,
        regionCode: r.regionCode === '' ? null : r.regionCode,
        notes: r.notes,
        source: OutcomeSource.Import,
        recordedBy: job.actorId,
      };
      const bad = await this.check(input, student, job.today, regions);
      if (bad) {
        result.problems.push({ row: r.row, field: CSV_COLUMN[bad.field], reason: bad.problem });
      } else if ((await this.insert(manager, input)) === null) {
        result.unchanged++;
      } else {
        result.created++;
      }
    }
    return result;
  }

  /**
   * Field problems of one outcome, or null: shared by the API and the CSV import (the API's
   * DTO already refuses most of these; a CSV row has had no such filter).
   */
  async check(
    input: OutcomeInput,
    student: { status: StudentStatus },
    today: Date,
    knownRegions?: ReadonlySet<string>,
  ): Promise<{ field: string; problem: string } | null> {
    if (student.status !== StudentStatus.Graduated) {
      return { field: 'student', problem: 'not a graduate' };
    }
    if (!STATUSES.includes(input.status)) {
      return { field: 'status', problem: `must be one of ${STATUSES.join(', ')}` };
    }
    if (!isCalendarDate(input.outcomeDate)) {
      return { field: 'outcomeDate', problem: 'must be a date YYYY-MM-DD' };
    }
    if (input.outcomeDate > today.toISOString().slice(0, 10)) {
      return { field: 'outcomeDate', problem: 'must not be in the future' };
    }
    if (NEEDS_EMPLOYER.includes(input.status) && input.employerName === '') {
      return { field: 'employerName', problem: `required for ${input.status}` };
    }
    if (input.employerName.length > 200) {
      return { field: 'employerName', problem: 'must be at most 200 characters' };
    }
    if (input.notes.length > 500) {
      return { field: 'notes', problem: 'must be at most 500 characters' };
    }
    if (
      input.regionCode !== null &&
      !(knownRegions
        ? knownRegions.has(input.regionCode)
        : await this.regions.exists(input.regionCode))
    ) {
      return { field: 'regionCode', problem: 'unknown region' };
    }
    return null;
  }

  /** Writes one outcome; returns its id, or null when the same one was already recorded. */
  insert(manager: EntityManager, input: OutcomeInput): Promise<number | null> {
    return this.outcomes.insert(manager, input);
  }

  /** One outcome the actor may see (policy: outcome), else its 404. */
  async get(actor: AuthUser, id: number): Promise<OutcomeRow> {
    const row = await this.outcomes.findOne(actor, id);
    if (!row) {
      throw new NotFoundException('outcome', id);
    }
    return row;
  }

  async list(actor: AuthUser, query: ListOutcomesQuery): Promise<Page<OutcomeRow>> {
    const [items, total] = await this.outcomes.page(actor, query);
    return toPage(items, total, query);
  }

  private subjectOf(actor: AuthUser, given: number | undefined): number {
    if (actor.role === Role.Student) {
      return given ?? actor.studentId ?? 0;
    }
    if (given === undefined) {
      throw ValidationFailedException.field('studentId', 'required');
    }
    return given;
  }

  /** Graduates per year and group by their latest outcome, for the unemployment figures. */
  unemploymentCounts(filter: UnemploymentFilter): Promise<UnemploymentCounts[]> {
    return this.outcomes.unemploymentCounts(filter);
  }
}
