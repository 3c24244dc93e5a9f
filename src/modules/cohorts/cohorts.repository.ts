import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Action, scopeList } from '../../common/access/access-policy';
import type { AuthUser } from '../../common/auth/auth-user';
import { CohortAward } from './cohort-award.entity';
import { Cohort } from './cohort.entity';
import { CohortStatus } from './cohorts.types';
import type { ListCohortsQuery } from './dto/cohort.dto';

export type CohortChanges = Partial<
  Pick<
    Cohort,
    'name' | 'coordinatorId' | 'capacity' | 'startDate' | 'endDate' | 'status' | 'completedAt'
  >
>;

export interface AwardRow {
  enrolmentId: number;
  unitCode: string;
  cohortId: number;
  studentId: number;
  level: number;
  previousLevel: number | null;
}

export interface AwardTotals {
  studentsAwarded: number;
  unitsAwarded: number;
  levelsRaised: number;
}

/** A planned cohort with seats left (analytics' recommendations). */
export interface OpenCohort {
  id: number;
  courseId: number;
  name: string;
  startDate: string;
  endDate: string;
  regionCode: string;
  seatsLeft: number;
}

/**
 * Every query on the cohorts and cohort_awards tables. Locks: a cohort's row is locked after the
 * student's (see EnrolmentsService), never before.
 */
@Injectable()
export class CohortsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(Cohort);
  }

  findById(id: number, manager?: EntityManager): Promise<Cohort | null> {
    return this.repo(manager).findOneBy({ id });
  }

  /** The cohort's row, locked FOR UPDATE until the caller's transaction ends. */
  lock(id: number, manager: EntityManager): Promise<Cohort | null> {
    return this.repo(manager)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id })
      .getOne();
  }

  /** The cohort's row, share-locked: it cannot change (be completed) until the caller commits. */
  lockForShare(id: number, manager: EntityManager): Promise<Cohort | null> {
    return this.repo(manager)
      .createQueryBuilder('c')
      .setLock('pessimistic_read')
      .where('c.id = :id', { id })
      .getOne();
  }

  async insert(
    row: Omit<Cohort, 'id' | 'enrolledCount' | 'completedAt' | 'createdAt' | 'updatedAt'>,
  ): Promise<number> {
    const saved = await this.repo().save(row);
    return saved.id;
  }

  async update(id: number, changes: CohortChanges, manager?: EntityManager): Promise<void> {
    if (Object.keys(changes).length > 0) {
      await this.repo(manager).update({ id }, changes);
    }
  }

  /** Moves the seat counter; the caller holds the row's lock and has checked the seat rules. */
  async addEnrolled(id: number, delta: 1 | -1, manager: EntityManager): Promise<void> {
    await this.repo(manager)
      .createQueryBuilder()
      .update()
      .set({ enrolledCount: () => `enrolled_count + (${delta})` })
      .where('id = :id', { id })
      .execute();
  }

  /** A page of the cohorts the user may see (the access policy's scope), newest first. */
  page(query: ListCohortsQuery, user: AuthUser): Promise<[Cohort[], number]> {
    const qb = this.repo().createQueryBuilder('c');
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
    scopeList(qb, user, 'cohort', 'c');
    return qb
      .orderBy('c.startDate', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .skip(query.skip)
      .take(query.pageSize)
      .getManyAndCount();
  }

  /** How many of a coordinator's cohorts (those the user may see) are in each status. */
  async countByStatus(coordinatorId: number, user: AuthUser): Promise<Map<CohortStatus, number>> {
    const qb = this.repo()
      .createQueryBuilder('c')
      .select('c.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('c.coordinator_id = :coordinatorId', { coordinatorId })
      .groupBy('c.status');
    scopeList(qb, user, 'cohort', 'c', Action.List);
    const rows = await qb.getRawMany<{ status: CohortStatus; n: string }>();
    return new Map(rows.map((r) => [r.status, Number(r.n)]));
  }

  /**
   * The latest `perStatus` cohorts of each status of a coordinator (those the user may see),
   * newest first. Window function: one query (MariaDB 10.2+, MySQL 8).
   */
  async latestPerStatus(
    coordinatorId: number,
    user: AuthUser,
    perStatus: number,
  ): Promise<Cohort[]> {
    const inner = this.repo()
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .addSelect(
        'ROW_NUMBER() OVER (PARTITION BY c.status ORDER BY c.start_date DESC, c.id DESC)',
        'rn',
      )
      .where('c.coordinator_id = :coordinatorId', { coordinatorId });
    scopeList(inner, user, 'cohort', 'c', Action.List);
    const ids = (
      await this.dataSource
        .createQueryBuilder()
        .select('ranked.id', 'id')
        .from(`(${inner.getQuery()})`, 'ranked')
        .setParameters(inner.getParameters())
        .where('ranked.rn <= :perStatus', { perStatus })
        .getRawMany<{ id: number }>()
    ).map((r) => Number(r.id));
    if (ids.length === 0) {
      return [];
    }
    return this.repo().find({
      where: { id: In(ids) },
      order: { startDate: 'DESC', id: 'DESC' },
    });
  }

  async regionOf(id: number, manager?: EntityManager): Promise<string | null> {
    const cohort = await this.repo(manager).findOne({
      select: { id: true, regionCode: true },
      where: { id },
    });
    return cohort?.regionCode ?? null;
  }

  /** Planned cohorts of these courses starting today or later with seats left, `region` first. */
  async openCohorts(courseIds: number[], region: string): Promise<OpenCohort[]> {
    if (courseIds.length === 0) {
      return [];
    }
    const rows = await this.repo()
      .createQueryBuilder('c')
      .select([
        'c.id AS id',
        'c.course_id AS course_id',
        'c.name AS name',
        "DATE_FORMAT(c.start_date, '%Y-%m-%d') AS start_date",
        "DATE_FORMAT(c.end_date, '%Y-%m-%d') AS end_date",
        'c.region_code AS region_code',
        'CAST(c.capacity AS SIGNED) - CAST(c.enrolled_count AS SIGNED) AS seats_left',
      ])
      .where('c.course_id IN (:...courseIds)', { courseIds })
      .andWhere("c.status = 'planned' AND c.start_date >= CURRENT_DATE")
      .andWhere('c.enrolled_count < c.capacity')
      .orderBy('c.region_code = :region', 'DESC')
      .addOrderBy('c.start_date', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .setParameter('region', region)
      .getRawMany<{
        id: number;
        course_id: number;
        name: string;
        start_date: string;
        end_date: string;
        region_code: string;
        seats_left: string;
      }>();
    return rows.map((k) => ({
      id: Number(k.id),
      courseId: Number(k.course_id),
      name: k.name,
      startDate: k.start_date,
      endDate: k.end_date,
      regionCode: k.region_code,
      seatsLeft: Number(k.seats_left),
    }));
  }

  async insertAwards(rows: AwardRow[], manager: EntityManager): Promise<void> {
    if (rows.length > 0) {
      await manager.getRepository(CohortAward).insert(rows);
    }
  }

  awardsOf(cohortId: number, manager: EntityManager): Promise<CohortAward[]> {
    return manager.getRepository(CohortAward).find({ where: { cohortId } });
  }

  async awardTotals(cohortId: number): Promise<AwardTotals> {
    const row = await this.dataSource
      .getRepository(CohortAward)
      .createQueryBuilder('a')
      .select('COUNT(DISTINCT a.student_id)', 'students')
      .addSelect('COUNT(*)', 'units')
      .addSelect(
        'COALESCE(SUM(a.previous_level IS NULL OR a.previous_level < a.level), 0)',
        'raised',
      )
      .where('a.cohort_id = :cohortId', { cohortId })
      .getRawOne<{ students: string; units: string; raised: string }>();
    return {
      studentsAwarded: Number(row?.students ?? 0),
      unitsAwarded: Number(row?.units ?? 0),
      levelsRaised: Number(row?.raised ?? 0),
    };
  }

  async awardsByUnit(
    cohortId: number,
  ): Promise<{ unitCode: string; level: number; students: number }[]> {
    const rows = await this.dataSource
      .getRepository(CohortAward)
      .createQueryBuilder('a')
      .select('a.unit_code', 'unit_code')
      .addSelect('a.level', 'level')
      .addSelect('COUNT(*)', 'students')
      .where('a.cohort_id = :cohortId', { cohortId })
      .groupBy('a.unit_code')
      .addGroupBy('a.level')
      .orderBy('a.unit_code')
      .getRawMany<{ unit_code: string; level: number; students: string }>();
    return rows.map((u) => ({
      unitCode: u.unit_code,
      level: Number(u.level),
      students: Number(u.students),
    }));
  }
}
