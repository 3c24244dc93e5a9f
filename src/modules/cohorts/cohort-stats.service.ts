import { Injectable } from '@nestjs/common';
import { Action } from '../../common/access/access-policy';
import { AccessRepository } from '../../common/access/access.repository';
import { AuthUser } from '../../common/auth/auth-user';
import { NotFoundException } from '../../common/errors/domain.exception';
import { CoursesService } from '../courses/courses.service';
import { CohortsRepository } from './cohorts.repository';
import { fillRate, ratio } from './cohorts.rules';
import { CohortStatus } from './cohorts.types';
import { CohortStatsDto, CoordinatorViewDto } from './dto/cohort-response.dto';
import { EnrolmentsRepository } from './enrolments.repository';

const LATEST_PER_STATUS = 100;

/** The coordinator's view: how full, how successful and what each cohort awarded. */
@Injectable()
export class CohortStatsService {
  constructor(
    private readonly cohorts: CohortsRepository,
    private readonly enrolments: EnrolmentsRepository,
    private readonly access: AccessRepository,
    private readonly courses: CoursesService,
  ) {}

  async forCohort(cohortId: number, actor: AuthUser): Promise<CohortStatsDto> {
    await this.access.assertInScope(
      actor,
      'cohortStats',
      cohortId,
      Action.Read,
      undefined,
      'cohort',
    );
    const cohort = await this.cohorts.findById(cohortId);
    if (!cohort) {
      throw new NotFoundException('cohort', cohortId);
    }
    const [counts, totals, byUnit] = await Promise.all([
      this.enrolments.counts(cohortId),
      this.cohorts.awardTotals(cohortId),
      this.cohorts.awardsByUnit(cohortId),
    ]);
    return {
      cohortId,
      status: cohort.status,
      capacity: cohort.capacity,
      enrolled: counts.enrolled,
      withdrawn: counts.withdrawn,
      fillRate: fillRate(counts.enrolled, cohort.capacity),
      assessed: counts.assessed,
      competent: counts.competent,
      notYetCompetent: counts.notYetCompetent,
      completionRate: ratio(counts.competent, counts.enrolled),
      averageAttendancePct:
        counts.averageAttendance === null ? null : Math.round(counts.averageAttendance * 10) / 10,
      ...totals,
      awardsByUnit: byUnit,
    };
  }

  /** A region-limited coordinator counts and sees only the cohorts in their regions, as in the list. */
  async forCoordinator(coordinatorId: number, actor: AuthUser): Promise<CoordinatorViewDto> {
    const [counts, latest] = await Promise.all([
      this.cohorts.countByStatus(coordinatorId, actor),
      this.cohorts.latestPerStatus(coordinatorId, actor, LATEST_PER_STATUS),
    ]);
    const courses = new Map(
      (await this.courses.findSummaries([...new Set(latest.map((c) => c.courseId))])).map((c) => [
        c.id,
        c,
      ]),
    );
    return {
      coordinatorId,
      statuses: Object.values(CohortStatus).map((status) => ({
        status,
        count: counts.get(status) ?? 0,
        cohorts: latest
          .filter((c) => c.status === status)
          .map((c) => ({
            id: c.id,
            name: c.name,
            courseId: c.courseId,
            courseCode: courses.get(c.courseId)?.code ?? '',
            courseTitle: courses.get(c.courseId)?.title ?? '',
            startDate: c.startDate,
            endDate: c.endDate,
            capacity: c.capacity,
            enrolledCount: c.enrolledCount,
            fillRate: fillRate(c.enrolledCount, c.capacity),
          })),
      })),
    };
  }
}
