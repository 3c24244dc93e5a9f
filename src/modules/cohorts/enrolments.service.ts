import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../../common/auth/auth-user';
import {
  assertRegionInScope,
  assertSchoolInScope,
  ownRegionCodes,
  ownSchoolId,
} from '../../common/auth/tenant-scope';
import { NotFoundException, ValidationFailedException } from '../../common/errors/domain.exception';
import { Page, toPage } from '../../common/pagination/pagination';
import { StudentStatus } from '../students/student.entity';
import { Cohort, CohortStatus, OPEN_STATUSES } from './cohort.entity';
import { CohortsException } from './cohorts.exception';
import { retryOnDeadlock } from '../../common/database/transaction';
import {
  EnrolmentResponseDto,
  EnrolmentState,
  ListEnrolmentsQuery,
  RecordResultDto,
} from './dto/enrolment.dto';
import { AssessmentResult } from './enrolment.entity';
import { assertSchoolActive } from '../schools/school-active';

interface WriteResult {
  affectedRows: number;
  insertId: number;
}

interface EnrolmentRow {
  id: number;
  cohort_id: number;
  student_id: number;
  student_name: string;
  school_id: number;
  active: number | null;
  attendance_pct: number | null;
  result: AssessmentResult | null;
  created_at: Date;
  withdrawn_at: Date | null;
}

const OPEN = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

const SELECT_ENROLMENT = `
  SELECT e.id, e.cohort_id, e.student_id, s.name AS student_name, s.school_id, e.active,
         e.attendance_pct, e.result, e.created_at, e.withdrawn_at
    FROM enrolments e JOIN students s ON s.id = e.student_id`;

/**
 * Every change to a student's enrolments first locks the student's row (SELECT ... FOR UPDATE),
 * then the cohort's row (the conditional seat UPDATE), then enrolment rows: one fixed order, so
 * two requests about one student run one after the other and the overlap check cannot be
 * passed twice, while requests about different students only meet at the cohort's counter.
 * READ COMMITTED makes every plain read after the lock see what the previous holder committed.
 */
@Injectable()
export class EnrolmentsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async enrol(cohortId: number, studentId: number, actor: AuthUser): Promise<EnrolmentResponseDto> {
    const enrolmentId = await retryOnDeadlock(() =>
      this.dataSource.transaction('READ COMMITTED', async (manager) => {
        const cohort = await this.findCohort(manager, cohortId, actor);
        const [student] = await manager.query<
          { id: number; school_id: number; status: StudentStatus }[]
        >('SELECT id, school_id, status FROM students WHERE id = ? FOR UPDATE', [studentId]);
        if (!student) {
          throw new NotFoundException('student', studentId);
        }
        assertSchoolInScope(actor, student.school_id, 'student', studentId);
        await assertSchoolActive(manager, student.school_id);
        if (!OPEN_STATUSES.includes(cohort.status)) {
          throw CohortsException.closed(cohortId, cohort.status);
        }
        if (student.status === StudentStatus.Withdrawn) {
          throw CohortsException.studentNotEnrollable(studentId, student.status);
        }
        const [duplicate] = await manager.query<{ id: number }[]>(
          'SELECT id FROM enrolments WHERE cohort_id = ? AND student_id = ? AND active = 1',
          [cohortId, studentId],
        );
        if (duplicate) {
          throw CohortsException.alreadyEnrolled(studentId, cohortId);
        }
        const seat = await manager.query<WriteResult>(
          `UPDATE cohorts SET enrolled_count = enrolled_count + 1
            WHERE id = ? AND enrolled_count < capacity AND status IN (${OPEN})`,
          [cohortId],
        );
        // From here this transaction holds the cohort's row: its dates and status are final.
        const locked = await this.findCohort(manager, cohortId, actor);
        if (seat.affectedRows === 0) {
          throw OPEN_STATUSES.includes(locked.status)
            ? CohortsException.full(cohortId)
            : CohortsException.closed(cohortId, locked.status);
        }
        const [clash] = await manager.query<{ id: number }[]>(
          `SELECT c.id
             FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id
            WHERE e.student_id = ? AND e.active = 1 AND c.id <> ? AND c.status <> 'cancelled'
              AND c.start_date <= ? AND c.end_date >= ?
            LIMIT 1`,
          [studentId, cohortId, locked.endDate, locked.startDate],
        );
        if (clash) {
          throw CohortsException.datesOverlap(studentId, clash.id);
        }
        const inserted = await manager.query<WriteResult>(
          'INSERT INTO enrolments (cohort_id, student_id, active, enrolled_by) VALUES (?, ?, 1, ?)',
          [cohortId, studentId, actor.id],
        );
        return inserted.insertId;
      }),
    );
    return this.get(cohortId, enrolmentId, actor);
  }

  /** Frees the seat in the same transaction that marks the enrolment withdrawn. */
  async withdraw(
    cohortId: number,
    enrolmentId: number,
    actor: AuthUser,
  ): Promise<EnrolmentResponseDto> {
    const current = await this.get(cohortId, enrolmentId, actor);
    await retryOnDeadlock(() =>
      this.dataSource.transaction('READ COMMITTED', async (manager) => {
        await manager.query('SELECT id FROM students WHERE id = ? FOR UPDATE', [current.studentId]);
        const [row] = await manager.query<{ active: number | null }[]>(
          'SELECT active FROM enrolments WHERE id = ?',
          [enrolmentId],
        );
        if (row.active === null) {
          throw CohortsException.enrolmentWithdrawn(enrolmentId);
        }
        const seat = await manager.query<WriteResult>(
          `UPDATE cohorts SET enrolled_count = enrolled_count - 1
            WHERE id = ? AND enrolled_count > 0 AND status IN (${OPEN})`,
          [cohortId],
        );
        if (seat.affectedRows === 0) {
          const cohort = await this.findCohort(manager, cohortId, actor);
          throw CohortsException.closed(cohortId, cohort.status);
        }
        await manager.query(
          'UPDATE enrolments SET active = NULL, withdrawn_at = NOW(3) WHERE id = ? AND active = 1',
          [enrolmentId],
        );
      }),
    );
    return this.get(cohortId, enrolmentId, actor);
  }

  /**
   * Attendance and assessment, only while the cohort runs. The shared lock on the cohort's row
   * orders this against completion (which updates that row): a result is either in before the
   * awards are computed, or refused because the cohort is completed.
   */
  async recordResult(
    cohortId: number,
    enrolmentId: number,
    dto: RecordResultDto,
    actor: AuthUser,
  ): Promise<EnrolmentResponseDto> {
    if (dto.attendancePct === undefined && dto.result === undefined) {
      throw ValidationFailedException.field('result', 'give attendancePct, result or both');
    }
    const current = await this.get(cohortId, enrolmentId, actor);
    await this.dataSource.transaction(async (manager) => {
      const [cohort] = await manager.query<{ status: CohortStatus }[]>(
        'SELECT status FROM cohorts WHERE id = ? LOCK IN SHARE MODE',
        [cohortId],
      );
      if (cohort.status !== CohortStatus.Running) {
        throw CohortsException.notRunning(cohortId, cohort.status);
      }
      const updated = await manager.query<WriteResult>(
        `UPDATE enrolments SET attendance_pct = COALESCE(?, attendance_pct), result = COALESCE(?, result)
          WHERE id = ? AND active = 1`,
        [dto.attendancePct ?? null, dto.result ?? null, enrolmentId],
      );
      if (updated.affectedRows === 0) {
        throw CohortsException.enrolmentWithdrawn(current.id);
      }
    });
    return this.get(cohortId, enrolmentId, actor);
  }

  async list(
    cohortId: number,
    query: ListEnrolmentsQuery,
    actor: AuthUser,
  ): Promise<Page<EnrolmentResponseDto>> {
    await this.findCohort(this.dataSource.manager, cohortId, actor);
    const where = ['e.cohort_id = ?'];
    const params: unknown[] = [cohortId];
    if (query.state === 'enrolled') {
      where.push('e.active = 1');
    } else if (query.state === 'withdrawn') {
      where.push('e.active IS NULL');
    }
    const school = ownSchoolId(actor);
    if (school !== null) {
      where.push('s.school_id = ?');
      params.push(school);
    }
    const clause = where.join(' AND ');
    const rows = await this.dataSource.query<EnrolmentRow[]>(
      `${SELECT_ENROLMENT} WHERE ${clause} ORDER BY e.id LIMIT ? OFFSET ?`,
      [...params, query.pageSize, query.skip],
    );
    const [{ total }] = await this.dataSource.query<{ total: string }[]>(
      `SELECT COUNT(*) AS total FROM enrolments e JOIN students s ON s.id = e.student_id WHERE ${clause}`,
      params,
    );
    return toPage(rows.map(toResponse), Number(total), query);
  }

  /**
   * One enrolment of the cohort; another school's is answered 404 like a missing one, and any
   * enrolment of a cohort outside a region-limited coordinator's regions as a missing cohort.
   */
  async get(cohortId: number, enrolmentId: number, actor: AuthUser): Promise<EnrolmentResponseDto> {
    if (ownRegionCodes(actor) !== null) {
      await this.findCohort(this.dataSource.manager, cohortId, actor);
    }
    const [row] = await this.dataSource.query<EnrolmentRow[]>(
      `${SELECT_ENROLMENT} WHERE e.id = ? AND e.cohort_id = ?`,
      [enrolmentId, cohortId],
    );
    if (!row) {
      throw new NotFoundException('enrolment', enrolmentId);
    }
    assertSchoolInScope(actor, row.school_id, 'enrolment', enrolmentId);
    return toResponse(row);
  }

  /** The cohort; one outside a region-limited coordinator's regions is answered 404 as missing. */
  private async findCohort(
    manager: EntityManager,
    cohortId: number,
    actor: AuthUser,
  ): Promise<Cohort> {
    const cohort = await manager.getRepository(Cohort).findOneBy({ id: cohortId });
    if (!cohort) {
      throw new NotFoundException('cohort', cohortId);
    }
    assertRegionInScope(actor, cohort.regionCode, 'cohort', cohortId);
    return cohort;
  }
}

function toResponse(row: EnrolmentRow): EnrolmentResponseDto {
  return {
    id: row.id,
    cohortId: row.cohort_id,
    studentId: row.student_id,
    studentName: row.student_name,
    schoolId: row.school_id,
    state: row.active === null ? EnrolmentState.Withdrawn : EnrolmentState.Enrolled,
    attendancePct: row.attendance_pct,
    result: row.result,
    enrolledAt: new Date(row.created_at).toISOString(),
    withdrawnAt: row.withdrawn_at ? new Date(row.withdrawn_at).toISOString() : null,
  };
}
