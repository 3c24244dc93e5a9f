import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Action } from '../../common/access/access-policy';
import { AccessRepository } from '../../common/access/access.repository';
import { AuthUser } from '../../common/auth/auth-user';
import { retryOnDeadlock } from '../../common/database/transaction';
import { NotFoundException, ValidationFailedException } from '../../common/errors/domain.exception';
import { Page, toPage } from '../../common/pagination/pagination';
import { SchoolsService } from '../schools/schools.service';
import { StudentsService } from '../students/students.service';
import { StudentStatus } from '../students/students.types';
import { Cohort } from './cohort.entity';
import { CohortsException } from './cohorts.exception';
import { CohortsRepository } from './cohorts.repository';
import { acceptsEnrolments, acceptsResults, clashingCohort, hasSeat } from './cohorts.rules';
import {
  EnrolmentResponseDto,
  EnrolmentState,
  ListEnrolmentsQuery,
  RecordResultDto,
} from './dto/enrolment.dto';
import { Enrolment } from './enrolment.entity';
import { EnrolmentsRepository } from './enrolments.repository';

/**
 * Every change to a student's enrolments first locks the student's row (SELECT ... FOR UPDATE),
 * then the cohort's row, then enrolment rows: one fixed order, so two requests about one
 * student run one after the other and the overlap check cannot be passed twice, while requests
 * about different students only meet at the cohort's row. READ COMMITTED makes every plain
 * read after the lock see what the previous holder committed.
 */
@Injectable()
export class EnrolmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enrolments: EnrolmentsRepository,
    private readonly cohorts: CohortsRepository,
    private readonly access: AccessRepository,
    private readonly students: StudentsService,
    private readonly schools: SchoolsService,
  ) {}

  async enrol(cohortId: number, studentId: number, actor: AuthUser): Promise<EnrolmentResponseDto> {
    const enrolmentId = await retryOnDeadlock(() =>
      this.dataSource.transaction('READ COMMITTED', async (manager) => {
        await this.assertCohortInScope(actor, cohortId, manager);
        const student = await this.students.lockForUpdate(studentId, manager);
        // The enrolment about to be written must lie within the actor's scope (a school admin:
        // their own school's students), checked before anything is written.
        if (
          !student ||
          !(await this.enrolments.wouldBeInScope(
            actor,
            { cohortId, studentId },
            Action.Create,
            manager,
          ))
        ) {
          throw new NotFoundException('student', studentId);
        }
        await this.schools.assertActive(student.schoolId, manager);
        // From here this transaction holds the cohort's row: its dates, status and seats are final.
        const cohort = await this.lockCohort(cohortId, manager);
        if (!acceptsEnrolments(cohort.status)) {
          throw CohortsException.closed(cohortId, cohort.status);
        }
        if (student.status === StudentStatus.Withdrawn) {
          throw CohortsException.studentNotEnrollable(studentId, student.status);
        }
        if (await this.enrolments.hasActive(cohortId, studentId, manager)) {
          throw CohortsException.alreadyEnrolled(studentId, cohortId);
        }
        if (!hasSeat(cohort)) {
          throw CohortsException.full(cohortId);
        }
        const others = await this.enrolments.activeOfStudent(studentId, manager);
        const clash = clashingCohort(
          cohort,
          others.map((o) => ({ ...o, id: o.cohortId })),
        );
        if (clash) {
          throw CohortsException.datesOverlap(studentId, clash.id);
        }
        await this.cohorts.addEnrolled(cohortId, 1, manager);
        return this.enrolments.insert({ cohortId, studentId, enrolledBy: actor.id }, manager);
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
    const current = await this.find(cohortId, enrolmentId, actor, Action.Act);
    await retryOnDeadlock(() =>
      this.dataSource.transaction('READ COMMITTED', async (manager) => {
        await this.students.lockForUpdate(current.studentId, manager);
        const row = await this.enrolments.findById(enrolmentId, manager);
        if (!row || row.active === null) {
          throw CohortsException.enrolmentWithdrawn(enrolmentId);
        }
        const cohort = await this.lockCohort(cohortId, manager);
        if (!acceptsEnrolments(cohort.status)) {
          throw CohortsException.closed(cohortId, cohort.status);
        }
        await this.enrolments.withdraw(enrolmentId, manager);
        await this.cohorts.addEnrolled(cohortId, -1, manager);
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
    const current = await this.find(cohortId, enrolmentId, actor, Action.Change);
    await this.dataSource.transaction(async (manager) => {
      const cohort = await this.cohorts.lockForShare(cohortId, manager);
      if (!cohort) {
        throw new NotFoundException('cohort', cohortId);
      }
      if (!acceptsResults(cohort.status)) {
        throw CohortsException.notRunning(cohortId, cohort.status);
      }
      if (!(await this.enrolments.recordResult(enrolmentId, dto, manager))) {
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
    await this.assertCohortInScope(actor, cohortId);
    const [rows, total] = await this.enrolments.page(
      cohortId,
      query.state,
      actor,
      query.skip,
      query.pageSize,
    );
    return toPage(await this.respond(rows), total, query);
  }

  /**
   * One enrolment of the cohort; another school's is answered 404 like a missing one, and any
   * enrolment of a cohort outside a region-limited coordinator's regions as a missing cohort.
   */
  async get(cohortId: number, enrolmentId: number, actor: AuthUser): Promise<EnrolmentResponseDto> {
    const [response] = await this.respond([
      await this.find(cohortId, enrolmentId, actor, Action.Read),
    ]);
    return response;
  }

  /** The enrolment, checked against the access policy: the cohort's scope, then its own. */
  private async find(
    cohortId: number,
    enrolmentId: number,
    actor: AuthUser,
    action: Action,
  ): Promise<Enrolment> {
    await this.assertCohortInScope(actor, cohortId);
    await this.access.assertInScope(
      actor,
      'enrolment',
      enrolmentId,
      action,
      undefined,
      'enrolment',
    );
    const row = await this.enrolments.findById(enrolmentId);
    if (!row || row.cohortId !== cohortId) {
      throw new NotFoundException('enrolment', enrolmentId);
    }
    return row;
  }

  /** A cohort outside the actor's scope is answered 404 as missing, before anything else. */
  private assertCohortInScope(
    actor: AuthUser,
    cohortId: number,
    manager?: EntityManager,
  ): Promise<void> {
    return this.access.assertInScope(actor, 'cohort', cohortId, Action.Read, manager, 'cohort');
  }

  private async lockCohort(cohortId: number, manager: EntityManager): Promise<Cohort> {
    const cohort = await this.cohorts.lock(cohortId, manager);
    if (!cohort) {
      throw new NotFoundException('cohort', cohortId);
    }
    return cohort;
  }

  /** The enrolments with their students' names and schools, asked of the students' owner. */
  private async respond(rows: Enrolment[]): Promise<EnrolmentResponseDto[]> {
    const students = new Map(
      (await this.students.findByIds([...new Set(rows.map((r) => r.studentId))])).map((s) => [
        s.id,
        s,
      ]),
    );
    return rows.map((row) => ({
      id: row.id,
      cohortId: row.cohortId,
      studentId: row.studentId,
      studentName: students.get(row.studentId)?.name ?? '',
      schoolId: students.get(row.studentId)?.schoolId ?? 0,
      state: row.active === null ? EnrolmentState.Withdrawn : EnrolmentState.Enrolled,
      attendancePct: row.attendancePct,
      result: row.result,
      enrolledAt: new Date(row.createdAt).toISOString(),
      withdrawnAt: row.withdrawnAt ? new Date(row.withdrawnAt).toISOString() : null,
    }));
  }
}
