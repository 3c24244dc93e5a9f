import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '../../common/auth/auth-user';
import { assertRegionInScope, ownRegionCodes } from '../../common/auth/tenant-scope';
import { NotFoundException } from '../../common/errors/domain.exception';
import { Cohort, CohortStatus } from './cohort.entity';
import { CompletionService } from './completion.service';
import { CohortStatsDto, CoordinatorViewDto } from './dto/cohort-response.dto';

const LATEST_PER_STATUS = 100;

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}

/** The coordinator's view: how full, how successful and what each cohort awarded. */
@Injectable()
export class CohortStatsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly completion: CompletionService,
  ) {}

  async forCohort(cohortId: number, actor: AuthUser): Promise<CohortStatsDto> {
    const cohort = await this.dataSource.getRepository(Cohort).findOneBy({ id: cohortId });
    if (!cohort) {
      throw new NotFoundException('cohort', cohortId);
    }
    assertRegionInScope(actor, cohort.regionCode, 'cohort', cohortId);
    const [counts] = await this.dataSource.query<Record<string, string | null>[]>(
      `SELECT COALESCE(SUM(active = 1), 0) AS enrolled,
              COALESCE(SUM(active IS NULL), 0) AS withdrawn,
              COALESCE(SUM(active = 1 AND result IS NOT NULL), 0) AS assessed,
              COALESCE(SUM(active = 1 AND result = 'competent'), 0) AS competent,
              COALESCE(SUM(active = 1 AND result = 'not_yet_competent'), 0) AS nyc,
              AVG(CASE WHEN active = 1 THEN attendance_pct END) AS attendance
         FROM enrolments WHERE cohort_id = ?`,
      [cohortId],
    );
    const byUnit = await this.dataSource.query<
      { unit_code: string; level: number; students: string }[]
    >(
      `SELECT unit_code, level, COUNT(*) AS students
         FROM cohort_awards WHERE cohort_id = ? GROUP BY unit_code, level ORDER BY unit_code`,
      [cohortId],
    );
    const enrolled = Number(counts.enrolled);
    const competent = Number(counts.competent);
    return {
      cohortId,
      status: cohort.status,
      capacity: cohort.capacity,
      enrolled,
      withdrawn: Number(counts.withdrawn),
      fillRate: ratio(enrolled, cohort.capacity),
      assessed: Number(counts.assessed),
      competent,
      notYetCompetent: Number(counts.nyc),
      completionRate: ratio(competent, enrolled),
      averageAttendancePct:
        counts.attendance === null ? null : Math.round(Number(counts.attendance) * 10) / 10,
      ...(await this.completion.totals(cohortId)),
      awardsByUnit: byUnit.map((u) => ({
        unitCode: u.unit_code,
        level: u.level,
        students: Number(u.students),
      })),
    };
  }

  async forCoordinator(coordinatorId: number, actor: AuthUser): Promise<CoordinatorViewDto> {
    // A region-limited coordinator counts and sees only the cohorts in their regions, as in the list.
    const regions = ownRegionCodes(actor);
    const inRegions = regions === null ? '' : 'AND c.region_code IN (?)';
    const regionParams = regions === null ? [] : [regions];
    const counts = await this.dataSource.query<{ status: CohortStatus; n: string }[]>(
      `SELECT c.status, COUNT(*) AS n FROM cohorts c
        WHERE c.coordinator_id = ? ${inRegions} GROUP BY c.status`,
      [coordinatorId, ...regionParams],
    );
    // Window function: the latest cohorts of each status in one query (MariaDB 10.2+, MySQL 8).
    const rows = await this.dataSource.query<
      {
        id: number;
        name: string;
        course_id: number;
        course_code: string;
        course_title: string;
        start_date: string;
        end_date: string;
        capacity: number;
        enrolled_count: number;
        status: CohortStatus;
      }[]
    >(
      `SELECT * FROM (
         SELECT c.id, c.name, c.course_id, co.code AS course_code, co.title AS course_title,
                c.start_date, c.end_date, c.capacity, c.enrolled_count, c.status,
                ROW_NUMBER() OVER (PARTITION BY c.status ORDER BY c.start_date DESC, c.id DESC) AS rn
           FROM cohorts c JOIN courses co ON co.id = c.course_id
          WHERE c.coordinator_id = ? ${inRegions}) ranked
        WHERE rn <= ? ORDER BY start_date DESC, id DESC`,
      [coordinatorId, ...regionParams, LATEST_PER_STATUS],
    );
    return {
      coordinatorId,
      statuses: Object.values(CohortStatus).map((status) => ({
        status,
        count: Number(counts.find((c) => c.status === status)?.n ?? 0),
        cohorts: rows
          .filter((r) => r.status === status)
          .map((r) => ({
            id: r.id,
            name: r.name,
            courseId: r.course_id,
            courseCode: r.course_code,
            courseTitle: r.course_title,
            startDate: r.start_date,
            endDate: r.end_date,
            capacity: r.capacity,
            enrolledCount: r.enrolled_count,
            fillRate: ratio(r.enrolled_count, r.capacity),
          })),
      })),
    };
  }
}
