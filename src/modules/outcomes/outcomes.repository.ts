import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { Action, scopeList } from '../../common/access/access-policy';
import type { AuthUser } from '../../common/auth/auth-user';
import type { ListOutcomesQuery } from './dto/list-outcomes.query';
import { Outcome } from './outcome.entity';
import type {
  ApprenticeshipStart,
  OutcomeInput,
  UnemploymentCounts,
  UnemploymentFilter,
} from './outcomes.types';

export type OutcomeRow = Outcome & { schoolId: number };

interface ScopedRaw {
  o_id: number;
  s_school_id: number;
}

/** Every query on the outcomes table. */
@Injectable()
export class OutcomesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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

  /** The apprenticeship outcome of a placement's start, once (idempotent per placement). */
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

  async findOne(user: AuthUser, id: number): Promise<OutcomeRow | null> {
    const qb = this.scoped(user, Action.Read).andWhere('o.id = :id', { id });
    const { entities, raw } = await qb.getRawAndEntities();
    if (entities.length === 0) {
      return null;
    }
    return { ...entities[0], schoolId: Number((raw as ScopedRaw[])[0].s_school_id) };
  }

  async page(user: AuthUser, query: ListOutcomesQuery): Promise<[OutcomeRow[], number]> {
    const qb = this.scoped(user, Action.List);
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
    return [entities.map((e) => ({ ...e, schoolId: schoolOf.get(e.id) ?? 0 })), total];
  }

  /**
   * Outcomes the user may see (policy: outcome). The join on students is a read for the
   * school column these pages show and filter on (a page and its count in one query each,
   * where a per-row lookup through the students feature would not filter); nothing here
   * writes to students.
   */
  private scoped(user: AuthUser, action: Action): SelectQueryBuilder<Outcome> {
    const qb = this.dataSource
      .getRepository(Outcome)
      .createQueryBuilder('o')
      .innerJoin('students', 's', 's.id = o.student_id')
      .addSelect('s.school_id', 's_school_id');
    scopeList(qb, user, 'outcome', 'o', action);
    return qb;
  }

  /**
   * Graduates per year and group by their latest outcome (analytics). It joins the students
   * table for speed: one pass over the covering index UQ_outcomes_student_date_status instead
   * of reading every graduate's outcomes through StudentsService. Each graduate's latest outcome
   * (by date, then id) is the MAX of "date|id|status", no per-row subquery.
   */
  async unemploymentCounts(filter: UnemploymentFilter): Promise<UnemploymentCounts[]> {
    const key = {
      region: 's.domicile_region_code',
      school: 's.school_id',
      program: 's.program_code',
    }[filter.groupBy];
    const where = ["s.status = 'graduated'", 's.graduation_year BETWEEN :fromYear AND :toYear'];
    const params: Record<string, unknown> = { fromYear: filter.fromYear, toYear: filter.toYear };
    if (filter.schoolId !== null) {
      where.push('s.school_id = :schoolId');
      params.schoolId = filter.schoolId;
    }
    if (filter.regionCodes !== null) {
      where.push('s.domicile_region_code IN (:...regionCodes)');
      params.regionCodes = filter.regionCodes;
    }
    if (filter.scope) {
      where.push(filter.scope.sql);
      Object.assign(params, filter.scope.params);
    }
    const [sql, values] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT t.year, t.k,
              COUNT(*) AS graduates,
              SUM(t.st IS NULL) AS without_outcome,
              SUM(t.st IN ('employed', 'apprenticeship', 'self_employed')) AS working,
              SUM(t.st = 'unemployed') AS unemployed,
              SUM(t.st IN ('studying', 'not_in_labour_force')) AS outside
         FROM (SELECT s.graduation_year AS year, ${key} AS k,
                      SUBSTRING(MAX(CONCAT(o.outcome_date, LPAD(o.id, 10, '0'), o.status)), 21) AS st
                 FROM students s
                 LEFT JOIN outcomes o ON o.student_id = s.id
                WHERE ${where.join(' AND ')}
                GROUP BY s.id) t
        GROUP BY t.year, t.k
        ORDER BY t.year, t.k`,
      params,
      {},
    );
    const raw = await this.dataSource.query<Record<string, string | number>[]>(sql, values);
    return raw.map((r) => ({
      year: Number(r.year),
      key: String(r.k),
      graduates: Number(r.graduates),
      withoutOutcome: Number(r.without_outcome),
      working: Number(r.working),
      unemployed: Number(r.unemployed),
      outside: Number(r.outside),
    }));
  }
}

function isDuplicateKey(error: unknown): boolean {
  const driver = (error as { driverError?: { code?: string } }).driverError;
  return driver?.code === 'ER_DUP_ENTRY';
}
