import { Injectable } from '@nestjs/common';
import { isCalendarDate } from '../../common/database/dates';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { Role } from '../../common/auth/role.enum';
import { assertSchoolInScope, ownSchoolId } from '../../common/auth/tenant-scope';
import { NotFoundException, ValidationFailedException } from '../../common/errors/domain.exception';
import { Page, toPage } from '../../common/pagination/pagination';
import { Region } from '../regions/region.entity';
import { Student, StudentStatus } from '../students/student.entity';
import { ListOutcomesQuery } from './dto/list-outcomes.query';
import { RecordOutcomeDto } from './dto/record-outcome.dto';
import { NEEDS_EMPLOYER, Outcome, OutcomeSource, OutcomeStatus } from './outcome.entity';
import { OutcomesException } from './outcomes.exception';

export type OutcomeRow = Outcome & { schoolId: number };

export interface ApprenticeshipStart {
  studentId: number;
  /** The placement's start date (YYYY-MM-DD). */
  date: string;
  employerName: string;
  regionCode: string | null;
  placementId: number;
}

/** A checked outcome ready to write: what both the API and the CSV import produce. */
export interface OutcomeInput {
  studentId: number;
  status: OutcomeStatus;
  outcomeDate: string;
  employerName: string;
  regionCode: string | null;
  notes: string;
  source: OutcomeSource;
  recordedBy: number | null;
}

/** One outcome row of a CSV, as read: the imports feature hands these over unchecked. */
export interface OutcomeImportRow {
  /** The record's number in the file (the header is row 1). */
  row: number;
  nisn: string;
  status: string;
  outcomeDate: string;
  employerName: string;
  regionCode: string;
  notes: string;
}

/** What one imported batch did; problems name the CSV column and never stop the batch. */
export interface OutcomeImportBatch {
  created: number;
  unchanged: number;
  problems: { row: number; field: string; reason: string }[];
}

interface ScopedRaw {
  o_id: number;
  s_school_id: number;
}

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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(actor: AuthUser, dto: RecordOutcomeDto): Promise<OutcomeRow> {
    const studentId = this.subjectOf(actor, dto.studentId);
    const student = await this.dataSource.getRepository(Student).findOneBy({ id: studentId });
    if (!student) {
      throw new NotFoundException('student', studentId);
    }
    if (actor.role === Role.Student) {
      // A student records only their own outcome: anyone else's does not exist for them.
      if (actor.studentId !== studentId) {
        throw new NotFoundException('student', studentId);
      }
    } else {
      assertSchoolInScope(actor, student.schoolId, 'student', studentId);
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
  async recordApprenticeshipStart(
    manager: EntityManager,
    start: ApprenticeshipStart,
  ): Promise<number | null> {
    await manager.query(
      `INSERT INTO outcomes
         (student_id, status, outcome_date, employer_name, region_code, placement_id, source)
       VALUES (?, 'apprenticeship', ?, ?, ?, ?, 'placement')
       ON DUPLICATE KEY UPDATE id = id`,
      [
        start.studentId,
        start.date,
        start.employerName.slice(0, 200),
        start.regionCode,
        start.placementId,
      ],
    );
    const rows: { id: number }[] = await manager.query(
      'SELECT id FROM outcomes WHERE placement_id = ?',
      [start.placementId],
    );
    return rows.length > 0 ? Number(rows[0].id) : null;
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
        : await manager.getRepository(Student).find({
            select: { id: true, nisn: true, status: true },
            where: { nisn: In(nisns), schoolId: job.schoolId },
          });
    const byNisn = new Map(students.map((s) => [s.nisn, s]));
    // Read once per batch rather than once per row.
    const regions = new Set(
      (await manager.query<{ code: string }[]>('SELECT code FROM regions')).map((r) => r.code),
    );
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
    student: Pick<Student, 'status'>,
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
        : await this.dataSource.getRepository(Region).existsBy({ code: input.regionCode }))
    ) {
      return { field: 'regionCode', problem: 'unknown region' };
    }
    return null;
  }

  /** Writes one outcome; returns its id, or null when the same one was already recorded. */
  async insert(manager: EntityManager, input: OutcomeInput): Promise<number | null> {
    try {
      const result: { insertId: number } = await manager.query(
        `INSERT INTO outcomes
           (student_id, status, outcome_date, employer_name, region_code, source, notes, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          input.studentId,
          input.status,
          input.outcomeDate,
          input.employerName,
          input.regionCode,
          input.source,
          input.notes,
          input.recordedBy,
        ],
      );
      return Number(result.insertId);
    } catch (error) {
      // InnoDB undoes only the failed statement, so the caller's transaction carries on.
      if (isDuplicateKey(error)) {
        return null;
      }
      throw error;
    }
  }

  async get(actor: AuthUser, id: number): Promise<OutcomeRow> {
    const qb = this.scoped(actor).andWhere('o.id = :id', { id });
    const row = await qb.getRawAndEntities();
    if (row.entities.length === 0) {
      throw new NotFoundException('outcome', id);
    }
    const raw = row.raw as ScopedRaw[];
    return { ...row.entities[0], schoolId: Number(raw[0].s_school_id) };
  }

  async list(actor: AuthUser, query: ListOutcomesQuery): Promise<Page<OutcomeRow>> {
    const qb = this.scoped(actor);
    if (query.studentId !== undefined) {
      qb.andWhere('o.student_id = :studentId', { studentId: query.studentId });
    }
    if (query.schoolId !== undefined) {
      qb.andWhere('s.school_id = :schoolId', { schoolId: query.schoolId });
    }
    if (query.status !== undefined) {
      qb.andWhere('o.status = :status', { status: query.status });
    }
    if (query.latestOnly) {
      qb.andWhere(
        `o.id = (SELECT l.id FROM outcomes l WHERE l.student_id = o.student_id
                 ORDER BY l.outcome_date DESC, l.id DESC LIMIT 1)`,
      );
    }
    const total = await qb.getCount();
    const { entities, raw } = await qb
      .orderBy('o.outcome_date', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .offset(query.skip)
      .limit(query.pageSize)
      .getRawAndEntities();
    const schoolOf = new Map(
      (raw as ScopedRaw[]).map((r) => [Number(r.o_id), Number(r.s_school_id)]),
    );
    return toPage(
      entities.map((e) => ({ ...e, schoolId: schoolOf.get(e.id) ?? 0 })),
      total,
      query,
    );
  }

  /** Outcomes the user may see: their school's graduates, or only their own as a student. */
  private scoped(actor: AuthUser) {
    const qb = this.dataSource
      .getRepository(Outcome)
      .createQueryBuilder('o')
      .innerJoin(Student, 's', 's.id = o.student_id')
      .addSelect('s.schoolId');
    if (actor.role === Role.Student) {
      qb.andWhere('o.student_id = :own', { own: actor.studentId ?? 0 });
      return qb;
    }
    const school = ownSchoolId(actor);
    if (school !== null) {
      qb.andWhere('s.school_id = :school', { school });
    }
    return qb;
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
}

function isDuplicateKey(error: unknown): boolean {
  const driver = (error as { driverError?: { code?: string } }).driverError;
  return driver?.code === 'ER_DUP_ENTRY';
}
