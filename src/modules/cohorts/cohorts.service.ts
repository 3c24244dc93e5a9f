import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuthUser } from '../../common/auth/auth-user';
import { Role } from '../../common/auth/role.enum';
import {
  assertRegionInScope,
  ownRegionCodes,
  restrictToOwnRegions,
} from '../../common/auth/tenant-scope';
import {
  FieldProblem,
  NotFoundException,
  ValidationFailedException,
} from '../../common/errors/domain.exception';
import { Page, toPage } from '../../common/pagination/pagination';
import { Course } from '../courses/course.entity';
import { Region } from '../regions/region.entity';
import { splitCodes } from '../users/dto/user-response.dto';
import { User, UserStatus } from '../users/user.entity';
import { Cohort, CohortStatus } from './cohort.entity';
import { CohortsException } from './cohorts.exception';
import { isCalendarDate } from '../../common/database/dates';
import { CreateCohortDto, ListCohortsQuery, UpdateCohortDto } from './dto/cohort.dto';

interface UpdateResult {
  affectedRows: number;
}

@Injectable()
export class CohortsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Cohort) private readonly cohorts: Repository<Cohort>,
  ) {}

  async create(dto: CreateCohortDto, actor: AuthUser): Promise<Cohort> {
    const problems = this.dateProblems(dto.startDate, dto.endDate);
    if (!(await this.dataSource.getRepository(Course).existsBy({ id: dto.courseId }))) {
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
    const saved = await this.cohorts.save({
      courseId: dto.courseId,
      name: dto.name,
      startDate: dto.startDate,
      endDate: dto.endDate,
      capacity: dto.capacity,
      regionCode: dto.regionCode,
      coordinatorId: coordinatorId as number,
      status: CohortStatus.Planned,
    });
    return this.get(saved.id, actor);
  }

  async list(query: ListCohortsQuery, actor: AuthUser): Promise<Page<Cohort>> {
    const qb = this.cohorts.createQueryBuilder('c');
    if (query.courseId !== undefined) {
      qb.andWhere('c.courseId = :courseId', { courseId: query.courseId });
    }
    if (query.status !== undefined) {
      qb.andWhere('c.status = :status', { status: query.status });
    }
    if (query.coordinatorId !== undefined) {
      qb.andWhere('c.coordinatorId = :coordinatorId', { coordinatorId: query.coordinatorId });
    }
    if (query.regionCode !== undefined) {
      qb.andWhere('c.regionCode = :regionCode', { regionCode: query.regionCode });
    }
    restrictToOwnRegions(qb, actor, 'c.regionCode');
    const [items, total] = await qb
      .orderBy('c.startDate', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .skip(query.skip)
      .take(query.pageSize)
      .getManyAndCount();
    return toPage(items, total, query);
  }

  /** A cohort outside a region-limited coordinator's regions is answered 404 like a missing one. */
  async get(id: number, actor: AuthUser): Promise<Cohort> {
    const cohort = await this.cohorts.findOneBy({ id });
    if (!cohort) {
      throw new NotFoundException('cohort', id);
    }
    assertRegionInScope(actor, cohort.regionCode, 'cohort', id);
    return cohort;
  }

  async update(id: number, dto: UpdateCohortDto, actor: AuthUser): Promise<Cohort> {
    const cohort = await this.get(id, actor);
    const problems: FieldProblem[] = [];
    if (dto.startDate !== undefined || dto.endDate !== undefined) {
      problems.push(
        ...this.dateProblems(dto.startDate ?? cohort.startDate, dto.endDate ?? cohort.endDate),
      );
    }
    if (dto.coordinatorId !== undefined) {
      problems.push(...(await this.coordinatorProblems(dto.coordinatorId, cohort.regionCode)));
    }
    if (problems.length > 0) {
      throw new ValidationFailedException(problems);
    }
    // One transaction: a refused capacity or date change leaves the other fields untouched.
    await this.dataSource.transaction(async (manager) => {
      if (dto.name !== undefined || dto.coordinatorId !== undefined) {
        await manager.getRepository(Cohort).update(
          { id },
          {
            ...(dto.name === undefined ? {} : { name: dto.name }),
            ...(dto.coordinatorId === undefined ? {} : { coordinatorId: dto.coordinatorId }),
          },
        );
      }
      if (dto.capacity !== undefined) {
        // Guarded in SQL so that a concurrent enrolment cannot slip above the new capacity.
        const result: UpdateResult = await manager.query(
          'UPDATE cohorts SET capacity = ? WHERE id = ? AND enrolled_count <= ?',
          [dto.capacity, id, dto.capacity],
        );
        if (result.affectedRows === 0) {
          throw CohortsException.capacityBelowEnrolled(id);
        }
      }
      if (dto.startDate !== undefined || dto.endDate !== undefined) {
        // Moving dates under enrolled students could create overlaps nobody checked.
        const result: UpdateResult = await manager.query(
          `UPDATE cohorts SET start_date = ?, end_date = ?
            WHERE id = ? AND status = 'planned' AND enrolled_count = 0`,
          [dto.startDate ?? cohort.startDate, dto.endDate ?? cohort.endDate, id],
        );
        if (result.affectedRows === 0) {
          throw CohortsException.datesLocked(id);
        }
      }
    });
    return this.get(id, actor);
  }

  start(id: number, actor: AuthUser): Promise<Cohort> {
    return this.transition(id, [CohortStatus.Planned], CohortStatus.Running, actor);
  }

  cancel(id: number, actor: AuthUser): Promise<Cohort> {
    return this.transition(
      id,
      [CohortStatus.Planned, CohortStatus.Running],
      CohortStatus.Cancelled,
      actor,
    );
  }

  /** A status change guarded by its allowed origins, so two racing changes cannot both apply. */
  private async transition(
    id: number,
    from: CohortStatus[],
    to: CohortStatus,
    actor: AuthUser,
  ): Promise<Cohort> {
    // Out of the actor's scope: 404 before anything changes (a cohort's region never changes).
    await this.get(id, actor);
    const result: UpdateResult = await this.dataSource.query(
      `UPDATE cohorts SET status = ? WHERE id = ? AND status IN (${from.map(() => '?').join(', ')})`,
      [to, id, ...from],
    );
    const cohort = await this.get(id, actor);
    if (result.affectedRows === 0) {
      throw CohortsException.transition(id, cohort.status, to);
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
    if (!(await this.dataSource.getRepository(Region).existsBy({ code: regionCode }))) {
      return [{ field: 'regionCode', problems: ['is not a known region'] }];
    }
    // A coordinator limited to some regions organises cohorts only there.
    const own = ownRegionCodes(actor);
    if (own !== null && !own.includes(regionCode)) {
      return [{ field: 'regionCode', problems: ['is outside the regions you cover'] }];
    }
    return [];
  }

  /** The cohort's coordinator must be active and cover its region, or they could not see it. */
  private async coordinatorProblems(userId: number, regionCode: string): Promise<FieldProblem[]> {
    const user = await this.dataSource
      .getRepository(User)
      .findOneBy({ id: userId, role: Role.Coordinator, status: UserStatus.Active });
    if (!user) {
      return [{ field: 'coordinatorId', problems: ['is not an active coordinator'] }];
    }
    const regions = splitCodes(user.regionCodes);
    if (regions.length > 0 && !regions.includes(regionCode)) {
      return [
        {
          field: 'coordinatorId',
          problems: [`covers only regions ${regions.join(', ')}, not the cohort's ${regionCode}`],
        },
      ];
    }
    return [];
  }
}
