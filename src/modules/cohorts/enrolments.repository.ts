import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Action, scopeCondition, scopeList } from '../../common/access/access-policy';
import type { AuthUser } from '../../common/auth/auth-user';
import { CohortStatus } from './cohorts.types';
import { Enrolment } from './enrolment.entity';
import type { AssessmentResult } from './cohorts.types';

interface WriteResult {
  affectedRows: number;
  insertId: number;
}

/** A student's active enrolment, with its cohort's dates (for the overlap rule). */
export interface ActiveEnrolment {
  cohortId: number;
  status: CohortStatus;
  startDate: string;
  endDate: string;
}

export interface EnrolmentCounts {
  enrolled: number;
  withdrawn: number;
  assessed: number;
  competent: number;
  notYetCompetent: number;
  averageAttendance: number | null;
}

/** Every query on the enrolments table. */
@Injectable()
export class EnrolmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(Enrolment);
  }

  findById(id: number, manager?: EntityManager): Promise<Enrolment | null> {
    return this.repo(manager).findOneBy({ id });
  }

  /**
   * Whether an enrolment of `studentId` in `cohortId` would lie within the user's scope for
   * `action`: the policy's condition over the row about to be written, so a create is checked
   * exactly like a read of what it creates.
   */
  async wouldBeInScope(
    user: AuthUser,
    row: { cohortId: number; studentId: number },
    action: Action,
    manager?: EntityManager,
  ): Promise<boolean> {
    const condition = scopeCondition(user, 'enrolment', 'a', action);
    if (!condition) {
      return true;
    }
    const hit = await (manager ?? this.dataSource.manager)
      .createQueryBuilder()
      .select('1', 'hit')
      .from('(SELECT :newCohort AS cohort_id, :newStudent AS student_id)', 'a')
      .setParameters({ newCohort: row.cohortId, newStudent: row.studentId })
      .where(condition.sql, condition.params)
      .getRawOne<{ hit: number }>();
    return hit !== undefined;
  }

  async hasActive(cohortId: number, studentId: number, manager: EntityManager): Promise<boolean> {
    return this.repo(manager).existsBy({ cohortId, studentId, active: true });
  }

  /** The student's active enrolments with their cohorts' status and dates. */
  async activeOfStudent(studentId: number, manager: EntityManager): Promise<ActiveEnrolment[]> {
    const rows = await this.repo(manager)
      .createQueryBuilder('e')
      .innerJoin('e.cohort', 'c')
      .select('c.id', 'cohortId')
      .addSelect('c.status', 'status')
      .addSelect("DATE_FORMAT(c.start_date, '%Y-%m-%d')", 'startDate')
      .addSelect("DATE_FORMAT(c.end_date, '%Y-%m-%d')", 'endDate')
      .where('e.student_id = :studentId AND e.active = 1', { studentId })
      .getRawMany<ActiveEnrolment>();
    return rows.map((r) => ({ ...r, cohortId: Number(r.cohortId) }));
  }

  /** Raw SQL on purpose: the concurrency test pauses a transaction right after this INSERT. */
  async insert(
    row: { cohortId: number; studentId: number; enrolledBy: number },
    manager: EntityManager,
  ): Promise<number> {
    const inserted = await manager.query<WriteResult>(
      'INSERT INTO enrolments (cohort_id, student_id, active, enrolled_by) VALUES (?, ?, 1, ?)',
      [row.cohortId, row.studentId, row.enrolledBy],
    );
    return inserted.insertId;
  }

  /** Marks an active enrolment withdrawn; false when it was not active. */
  async withdraw(id: number, manager: EntityManager): Promise<boolean> {
    const result = await this.repo(manager)
      .createQueryBuilder()
      .update()
      .set({ active: null, withdrawnAt: () => 'NOW(3)' })
      .where('id = :id AND active = 1', { id })
      .execute();
    return result.affected === 1;
  }

  /** Attendance and result of an active enrolment (a missing value keeps what is stored). */
  async recordResult(
    id: number,
    values: { attendancePct?: number; result?: AssessmentResult },
    manager: EntityManager,
  ): Promise<boolean> {
    const result = await this.repo(manager)
      .createQueryBuilder()
      .update()
      .set({
        ...(values.attendancePct === undefined ? {} : { attendancePct: values.attendancePct }),
        ...(values.result === undefined ? {} : { result: values.result }),
      })
      .where('id = :id AND active = 1', { id })
      .execute();
    return result.affected === 1;
  }

  /** A page of a cohort's enrolments the user may see (the access policy's scope), by id. */
  page(
    cohortId: number,
    state: 'enrolled' | 'withdrawn' | 'all' | undefined,
    user: AuthUser,
    skip: number,
    take: number,
  ): Promise<[Enrolment[], number]> {
    const qb = this.repo().createQueryBuilder('e').where('e.cohort_id = :cohortId', { cohortId });
    if (state === 'enrolled') {
      qb.andWhere('e.active = 1');
    } else if (state === 'withdrawn') {
      qb.andWhere('e.active IS NULL');
    }
    scopeList(qb, user, 'enrolment', 'e');
    return qb.orderBy('e.id', 'ASC').skip(skip).take(take).getManyAndCount();
  }

  /** The enrolments assessed competent, still active: who completing the cohort awards. */
  async competent(
    cohortId: number,
    manager: EntityManager,
  ): Promise<{ enrolmentId: number; studentId: number }[]> {
    const rows = await this.repo(manager).find({
      select: { id: true, studentId: true },
      where: { cohortId, active: true, result: 'competent' as AssessmentResult },
      order: { id: 'ASC' },
    });
    return rows.map((r) => ({ enrolmentId: r.id, studentId: r.studentId }));
  }

  /** The students actively enrolled in a cohort (round loading). */
  async activeStudentIds(cohortId: number, manager?: EntityManager): Promise<number[]> {
    const rows = await this.repo(manager).find({
      select: { id: true, studentId: true },
      where: { cohortId, active: true },
    });
    return rows.map((r) => r.studentId);
  }

  async counts(cohortId: number): Promise<EnrolmentCounts> {
    const row = await this.repo()
      .createQueryBuilder('e')
      .select('COALESCE(SUM(e.active = 1), 0)', 'enrolled')
      .addSelect('COALESCE(SUM(e.active IS NULL), 0)', 'withdrawn')
      .addSelect('COALESCE(SUM(e.active = 1 AND e.result IS NOT NULL), 0)', 'assessed')
      .addSelect("COALESCE(SUM(e.active = 1 AND e.result = 'competent'), 0)", 'competent')
      .addSelect("COALESCE(SUM(e.active = 1 AND e.result = 'not_yet_competent'), 0)", 'nyc')
      .addSelect('AVG(CASE WHEN e.active = 1 THEN e.attendance_pct END)', 'attendance')
      .where('e.cohort_id = :cohortId', { cohortId })
      .getRawOne<Record<string, string | null>>();
    return {
      enrolled: Number(row?.enrolled ?? 0),
      withdrawn: Number(row?.withdrawn ?? 0),
      assessed: Number(row?.assessed ?? 0),
      competent: Number(row?.competent ?? 0),
      notYetCompetent: Number(row?.nyc ?? 0),
      averageAttendance:
        row?.attendance === null || row?.attendance === undefined ? null : Number(row.attendance),
    };
  }
}
