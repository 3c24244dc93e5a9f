import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Action, regionProblems, regionsAllowed } from '../../common/access/access-policy';
import { AccessRepository } from '../../common/access/access.repository';
import { AuthUser } from '../../common/auth/auth-user';
import { Role } from '../../common/auth/role.enum';
import { isCalendarDate } from '../../common/database/dates';
import {
  FieldProblem,
  NotFoundException,
  ValidationFailedException,
} from '../../common/errors/domain.exception';
import { Page, toPage } from '../../common/pagination/pagination';
import { CoursesService } from '../courses/courses.service';
import { RegionsService } from '../regions/regions.service';
import { UsersService } from '../users/users.service';
import { Cohort } from './cohort.entity';
import { CohortsException } from './cohorts.exception';
import { CohortChanges, CohortsRepository, OpenCohort } from './cohorts.repository';
import { canTransition, capacityHolds, datesChangeable } from './cohorts.rules';
import { CohortStatus } from './cohorts.types';
import { CreateCohortDto, ListCohortsQuery, UpdateCohortDto } from './dto/cohort.dto';
import { EnrolmentsRepository } from './enrolments.repository';

@Injectable()
export class CohortsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cohorts: CohortsRepository,
    private readonly enrolments: EnrolmentsRepository,
    private readonly access: AccessRepository,
    private readonly courses: CoursesService,
    private readonly regions: RegionsService,
    private readonly users: UsersService,
  ) {}

  async create(dto: CreateCohortDto, actor: AuthUser): Promise<Cohort> {
    const problems = this.dateProblems(dto.startDate, dto.endDate);
    if (!(await this.courses.exists(dto.courseId))) {
      problems.push({ field: 'courseId', problems: ['is not a known course'] });
    }
    problems.push(...(await this.regionProblems(dto.regionCode, actor)));
    const coordinatorId =
      dto.coordinatorId ?? (actor.role === Role.Coordinator ? actor.id : undefined);
    if (coordinatorId === undefined) {
      problems.push({
        field: 'coordinatorId',
        problems: ['is required when an admin creates a cohort'],
      });
    } else {
      problems.push(...(await this.coordinatorProblems(coordinatorId, dto.regionCode)));
    }
    if (problems.length > 0) {
      throw new ValidationFailedException(problems);
    }
    const id = await this.cohorts.insert({
      courseId: dto.courseId,
      name: dto.name,
      startDate: dto.startDate,
      endDate: dto.endDate,
      capacity: dto.capacity,
      regionCode: dto.regionCode,
      coordinatorId: coordinatorId as number,
      status: CohortStatus.Planned,
    });
    return this.get(id, actor);
  }

  async list(query: ListCohortsQuery, actor: AuthUser): Promise<Page<Cohort>> {
    const [items, total] = await this.cohorts.page(query, actor);
    return toPage(items, total, query);
  }

  /** A cohort outside the actor's scope (a limited coordinator's regions) is a 404 like a missing one. */
  async get(id: number, actor: AuthUser, action: Action = Action.Read): Promise<Cohort> {
    await this.access.assertInScope(actor, 'cohort', id, action, undefined, 'cohort');
    const cohort = await this.cohorts.findById(id);
    if (!cohort) {
      throw new NotFoundException('cohort', id);
    }
    return cohort;
  }

  async update(id: number, dto: UpdateCohortDto, actor: AuthUser): Promise<Cohort> {
    const cohort = await this.get(id, actor, Action.Change);
    const problems: FieldProblem[] = [];
    const startDate = dto.startDate ?? cohort.startDate;
    const endDate = dto.endDate ?? cohort.endDate;
    const moving = dto.startDate !== undefined || dto.endDate !== undefined;
    if (moving) {
      problems.push(...this.dateProblems(startDate, endDate));
    }
    if (dto.coordinatorId !== undefined) {
      problems.push(...(await this.coordinatorProblems(dto.coordinatorId, cohort.regionCode)));
    }
    if (problems.length > 0) {
      throw new ValidationFailedException(problems);
    }
    // One transaction over the locked row: a refused capacity or date change leaves the other
    // fields untouched, and a concurrent enrolment waits, so the rules see the final counter.
    await this.dataSource.transaction(async (manager) => {
      const locked = await this.lockOrFail(id, manager);
      if (dto.capacity !== undefined && !capacityHolds(dto.capacity, locked.enrolledCount)) {
        throw CohortsException.capacityBelowEnrolled(id);
      }
      if (moving && !datesChangeable(locked)) {
        throw CohortsException.datesLocked(id);
      }
      const changes: CohortChanges = {};
      if (dto.name !== undefined) {
        changes.name = dto.name;
      }
      if (dto.coordinatorId !== undefined) {
        changes.coordinatorId = dto.coordinatorId;
      }
      if (dto.capacity !== undefined) {
        changes.capacity = dto.capacity;
      }
      if (moving) {
        changes.startDate = startDate;
        changes.endDate = endDate;
      }
      await this.cohorts.update(id, changes, manager);
    });
    return this.get(id, actor);
  }

  start(id: number, actor: AuthUser): Promise<Cohort> {
    return this.transition(id, CohortStatus.Running, actor);
  }

  cancel(id: number, actor: AuthUser): Promise<Cohort> {
    return this.transition(id, CohortStatus.Cancelled, actor);
  }

  /** The cohort's region (null when it does not exist), for other features. */
  regionOf(cohortId: number, manager?: EntityManager): Promise<string | null> {
    return this.cohorts.regionOf(cohortId, manager);
  }

  /** The students actively enrolled in a cohort (a matching round limited to one cohort). */
  activeStudentIds(cohortId: number, manager?: EntityManager): Promise<number[]> {
    return this.enrolments.activeStudentIds(cohortId, manager);
  }

  /** Planned cohorts of these courses with seats left, those in `region` first. */
  openCohorts(courseIds: number[], region: string): Promise<OpenCohort[]> {
    return this.cohorts.openCohorts(courseIds, region);
  }

  /** A status change checked against the transition rules on the locked row. */
  private async transition(id: number, to: CohortStatus, actor: AuthUser): Promise<Cohort> {
    // Out of the actor's scope: 404 before anything changes (a cohort's region never changes).
    await this.access.assertInScope(actor, 'cohort', id, Action.Act, undefined, 'cohort');
    await this.dataSource.transaction(async (manager) => {
      const cohort = await this.lockOrFail(id, manager);
      if (!canTransition(cohort.status, to)) {
        throw CohortsException.transition(id, cohort.status, to);
      }
      await this.cohorts.update(id, { status: to }, manager);
    });
    return this.get(id, actor);
  }

  private async lockOrFail(id: number, manager: EntityManager): Promise<Cohort> {
    const cohort = await this.cohorts.lock(id, manager);
    if (!cohort) {
      throw new NotFoundException('cohort', id);
    }
    return cohort;
  }

  private dateProblems(startDate: string, endDate: string): FieldProblem[] {
    const problems: FieldProblem[] = [];
    if (!isCalendarDate(startDate)) {
      problems.push({ field: 'startDate', problems: ['is not a calendar date'] });
    }
    if (!isCalendarDate(endDate)) {
      problems.push({ field: 'endDate', problems: ['is not a calendar date'] });
    } else if (startDate > endDate) {
      problems.push({ field: 'endDate', problems: ['must not be before startDate'] });
    }
    return problems;
  }

  private async regionProblems(regionCode: string, actor: AuthUser): Promise<FieldProblem[]> {
    if (!(await this.regions.exists(regionCode))) {
      return [{ field: 'regionCode', problems: ['is not a known region'] }];
    }
    // A coordinator limited to some regions organises cohorts only there.
    return regionProblems(actor, [regionCode], 'regionCode');
  }

  /** The cohort's coordinator must be active and cover its region, or they could not see it. */
  private async coordinatorProblems(userId: number, regionCode: string): Promise<FieldProblem[]> {
    const user = await this.users.findActiveCoordinator(userId);
    if (!user) {
      return [{ field: 'coordinatorId', problems: ['is not an active coordinator'] }];
    }
    if (!regionsAllowed(user, [regionCode])) {
      return [
        {
          field: 'coordinatorId',
          problems: [
            `covers only regions ${user.regionCodes.join(', ')}, not the cohort's ${regionCode}`,
          ],
        },
      ];
    }
    return [];
  }
}
