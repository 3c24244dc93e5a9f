import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user';
import { CohortsService } from '../cohorts/cohorts.service';
import { CoursesService } from '../courses/courses.service';
import { SlotsService } from '../slots/slots.service';
import { AnalyticsException } from './analytics.exception';
import { AnalyticsService, regionsInScope } from './analytics.service';
import {
  RecommendationsQuery,
  UnemploymentGrouping,
  UnemploymentQuery,
} from './dto/analytics.query';
import {
  NextCohortDto,
  RecommendationDto,
  RecommendationsDto,
  RecommendedCohortDto,
  RecommendedCourseDto,
} from './dto/recommendations.dto';

const COHORTS_PER_COURSE = 3;
const COURSES_PER_UNIT = 5;

/**
 * Where training pays most in a region: the units with the largest unmet demand, and the
 * courses (with their next cohorts) that teach them, each explained in numbers.
 */
@Injectable()
export class RecommendationsService {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly slots: SlotsService,
    private readonly coursesService: CoursesService,
    private readonly cohorts: CohortsService,
  ) {}

  async recommend(actor: AuthUser, query: RecommendationsQuery): Promise<RecommendationsDto> {
    // A region-limited coordinator asking for another region: 400 naming regionCode.
    regionsInScope(actor, query.regionCode);
    const [region] = await this.analytics.regions({ regionCode: query.regionCode });
    if (!region) {
      throw AnalyticsException.unknownRegion(query.regionCode);
    }
    const year = query.year;
    // Independent reads: side by side on two pooled connections.
    const [rows, rate] = await Promise.all([
      this.analytics.supplyDemandRows([region], year, `${year}-01`, `${year}-12`),
      this.analytics.unemployment(
        actor,
        Object.assign(new UnemploymentQuery(), {
          year,
          groupBy: UnemploymentGrouping.Region,
          regionCode: region.code,
        }),
      ),
    ]);
    const short = rows
      .filter((r) => r.gap > 0)
      .sort((a, b) => b.gap - a.gap || a.unitCode.localeCompare(b.unitCode))
      .slice(0, query.limit);
    const total = rate.totals[0];
    const units = short.map((r) => r.unitCode);
    const levels = await this.slots.levelsNeeded(region.code, units);
    const courses = await this.courses(units, region.code, levels);

    const recommendations: RecommendationDto[] = short.map((r, i) => {
      const potential = Math.min(r.gap, total.unemployed);
      const taught = courses.get(r.unitCode) ?? [];
      const next = nextCohortOf(taught);
      const parts = [
        `${r.demand} needed in ${region.name} (${r.slotSeats} open apprenticeship seats + ${r.vacancies} reported vacancies)`,
        `against ${r.supply} graduates of ${year} holding ${r.unitCode}: ${r.gap} short.`,
        `${total.unemployed} graduates of ${year} from ${region.name} are unemployed; training ${potential} of them could fill ${potential} of these places.`,
        taught.length === 0
          ? 'No course in the catalogue teaches this unit yet.'
          : next
            ? `${taught.length} course(s) teach it; the next cohort is ${next.name} of ${next.courseCode} from ${next.startDate} with ${next.seatsLeft} seats left.`
            : `${taught.length} course(s) teach it, with no cohort planned: plan one.`,
      ];
      return {
        rank: i + 1,
        unitCode: r.unitCode,
        unitName: r.unitName,
        supply: r.supply,
        slotSeats: r.slotSeats,
        vacancies: r.vacancies,
        demand: r.demand,
        gap: r.gap,
        levelNeeded: levels.get(r.unitCode) ?? null,
        potential,
        explanation: parts.join(' '),
        courses: taught,
        nextCohort: next,
      };
    });
    return {
      regionCode: region.code,
      regionName: region.name,
      year,
      unemployed: total.unemployed,
      unemploymentRate: total.rate,
      recommendations,
    };
  }

  private async courses(
    units: string[],
    region: string,
    levels: Map<string, number>,
  ): Promise<Map<string, RecommendedCourseDto[]>> {
    const byUnit = new Map<string, RecommendedCourseDto[]>();
    if (units.length === 0) {
      return byUnit;
    }
    const taught = await this.coursesService.teaching(units);
    const courseIds = [...new Set(taught.map((t) => t.id))];
    const cohorts = await this.cohorts.openCohorts(courseIds, region);
    for (const t of taught) {
      const list = byUnit.get(t.unitCode) ?? [];
      if (list.length >= COURSES_PER_UNIT) {
        continue;
      }
      const nextCohorts: RecommendedCohortDto[] = cohorts
        .filter((k) => k.courseId === t.id)
        .slice(0, COHORTS_PER_COURSE)
        .map((k) => ({
          id: k.id,
          name: k.name,
          startDate: k.startDate,
          endDate: k.endDate,
          regionCode: k.regionCode,
          seatsLeft: k.seatsLeft,
        }));
      const needed = levels.get(t.unitCode);
      list.push({
        id: t.id,
        code: t.code,
        title: t.title,
        providerName: t.providerName,
        level: t.level,
        reachesLevelNeeded: needed === undefined || t.level >= needed,
        nextCohorts,
      });
      byUnit.set(t.unitCode, list);
    }
    // Courses that reach the level the slots ask come first.
    for (const list of byUnit.values()) {
      list.sort((a, b) => Number(b.reachesLevelNeeded) - Number(a.reachesLevelNeeded));
    }
    return byUnit;
  }
}

/** The first of the courses' next cohorts, in the courses' order (the level asked first). */
function nextCohortOf(courses: RecommendedCourseDto[]): NextCohortDto | null {
  for (const course of courses) {
    const [cohort] = course.nextCohorts;
    if (cohort) return { ...cohort, courseCode: course.code };
  }
  return null;
}
