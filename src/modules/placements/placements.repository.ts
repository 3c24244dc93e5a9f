import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { Action, Resource, scopeList } from '../../common/access/access-policy';
import { AuthUser } from '../../common/auth/auth-user';
import { HeldSeat, PlacementSeats } from '../slots/placement-seats.port';
import { ListPlacementsQuery } from './dto/placement.dto';
import { Placement } from './placement.entity';
import { openOfferSql } from './placements.rules';
import { LIVE_STATUSES, PlacementStatus, PlacementSummary, SEAT_HOLDING } from './placements.types';

/** One offer row to write. */
export type OfferRow = Pick<
  Placement,
  | 'studentId'
  | 'slotId'
  | 'companyId'
  | 'schoolId'
  | 'source'
  | 'runId'
  | 'offerDeadline'
  | 'startDate'
  | 'endDate'
  | 'createdBy'
>;

const OPEN_STEPS = [PlacementStatus.Proposed, PlacementStatus.Offered];

/** Every query on `placements`. */
@Injectable()
export class PlacementsRepository implements PlacementSeats {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(
    id: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Placement | null> {
    return manager.getRepository(Placement).findOneBy({ id });
  }

  lockById(id: number, manager: EntityManager): Promise<Placement> {
    return manager
      .getRepository(Placement)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :id', { id })
      .getOneOrFail();
  }

  async update(id: number, changes: Partial<Placement>, manager: EntityManager): Promise<void> {
    await manager.getRepository(Placement).update({ id }, changes);
  }

  /** The students among `studentIds` holding a seat (accepted or active placement). */
  async seatHolders(studentIds: readonly number[], manager: EntityManager): Promise<Set<number>> {
    if (studentIds.length === 0) {
      return new Set();
    }
    const rows = await manager.query<{ studentId: number }[]>(
      'SELECT DISTINCT student_id AS studentId FROM placements WHERE student_id IN (?) AND status IN (?)',
      [studentIds, SEAT_HOLDING],
    );
    return new Set(rows.map((r) => Number(r.studentId)));
  }

  /** `student:slot` keys of the live placements (one per student and slot) among these. */
  async livePairs(
    studentIds: readonly number[],
    slotIds: readonly number[],
    manager: EntityManager,
  ): Promise<Set<string>> {
    if (studentIds.length === 0 || slotIds.length === 0) {
      return new Set();
    }
    const rows = await manager.query<{ studentId: number; slotId: number }[]>(
      'SELECT student_id AS studentId, slot_id AS slotId FROM placements WHERE student_id IN (?) AND slot_id IN (?) AND status IN (?)',
      [studentIds, slotIds, LIVE_STATUSES],
    );
    return new Set(rows.map((r) => `${r.studentId}:${r.slotId}`));
  }

  /** Writes offers in one multi-row INSERT and returns them as written. */
  async insertOffers(rows: readonly OfferRow[], manager: EntityManager): Promise<Placement[]> {
    if (rows.length === 0) {
      return [];
    }
    await manager.query(
      `INSERT INTO placements (student_id, slot_id, company_id, school_id, status, source, run_id,
                               offer_deadline, start_date, end_date, created_by)
       VALUES ?`,
      [
        rows.map((o) => [
          o.studentId,
          o.slotId,
          o.companyId,
          o.schoolId,
          PlacementStatus.Offered,
          o.source,
          o.runId,
          o.offerDeadline,
          o.startDate,
          o.endDate,
          o.createdBy,
        ]),
      ],
    );
    // Live placements are one per student and slot, so these are exactly the rows just written.
    const wanted = new Set(rows.map((o) => `${o.studentId}:${o.slotId}`));
    const written = await manager.getRepository(Placement).find({
      where: {
        studentId: In([...new Set(rows.map((o) => o.studentId))]),
        slotId: In([...new Set(rows.map((o) => o.slotId))]),
        status: PlacementStatus.Offered,
      },
      order: { id: 'ASC' },
    });
    return written.filter((p) => wanted.has(`${p.studentId}:${p.slotId}`));
  }

  /** The student's other proposals and offers, read under the student's lock. */
  othersOpen(studentId: number, exceptId: number, manager: EntityManager): Promise<Placement[]> {
    return manager.getRepository(Placement).findBy({
      studentId,
      id: Not(exceptId),
      status: In(OPEN_STEPS),
    });
  }

  async withdrawOthers(studentId: number, exceptId: number, manager: EntityManager): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Placement)
      .set({ status: PlacementStatus.Withdrawn })
      .where('studentId = :studentId AND id <> :id AND status IN (:...open)', {
        studentId,
        id: exceptId,
        open: OPEN_STEPS,
      })
      .execute();
  }

  /** Offers past their deadline by `now`, locked, oldest first. */
  lockDue(now: Date, limit: number, manager: EntityManager): Promise<Placement[]> {
    return manager
      .getRepository(Placement)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.status = :offered AND p.offer_deadline < :now', {
        offered: PlacementStatus.Offered,
        now,
      })
      .orderBy('p.id')
      .limit(limit)
      .getMany();
  }

  async setStatus(
    ids: readonly number[],
    status: PlacementStatus,
    manager: EntityManager,
  ): Promise<void> {
    await manager.getRepository(Placement).update({ id: In([...ids]) }, { status });
  }

  async list(
    query: ListPlacementsQuery,
    user: AuthUser,
  ): Promise<{ items: Placement[]; total: number }> {
    const qb = this.dataSource.getRepository(Placement).createQueryBuilder('p');
    scopeList(qb, user, 'placement', 'p', Action.List);
    if (query.status) {
      qb.andWhere('p.status = :status', { status: query.status });
    }
    if (query.slotId) {
      qb.andWhere('p.slot_id = :slotId', { slotId: query.slotId });
    }
    if (query.studentId) {
      qb.andWhere('p.student_id = :studentId', { studentId: query.studentId });
    }
    if (query.runId) {
      qb.andWhere('p.run_id = :runId', { runId: query.runId });
    }
    const [items, total] = await qb
      .orderBy('p.id', 'ASC')
      .skip(query.skip)
      .take(query.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  /** The ids of the placements in `statuses` the user may see as `resource` (monitoring's queues). */
  async idsInScope(
    user: AuthUser,
    resource: Resource,
    statuses: readonly PlacementStatus[],
  ): Promise<number[]> {
    const qb = this.dataSource
      .getRepository(Placement)
      .createQueryBuilder('p')
      .select('p.id', 'id')
      .where('p.status IN (:...statuses)', { statuses });
    scopeList(qb, user, resource, 'p', Action.List);
    const rows = await qb.orderBy('p.id', 'ASC').getRawMany<{ id: number }>();
    return rows.map((r) => Number(r.id));
  }

  /**
   * The placements in `statuses` the user may see as `resource`, as summaries (monitoring's
   * reports): raw columns, no entities, since a province has tens of thousands.
   */
  async summariesInScope(
    user: AuthUser,
    resource: Resource,
    statuses: readonly PlacementStatus[],
  ): Promise<PlacementSummary[]> {
    const qb = this.summaryQuery().where('p.status IN (:...statuses)', { statuses });
    scopeList(qb, user, resource, 'p', Action.List);
    return (await qb.orderBy('p.id', 'ASC').getRawMany<RawSummary>()).map(fromRaw);
  }

  /** Up to `limit` active placements after `afterId`, in id order (monitoring's reminders). */
  async activeAfter(afterId: number, limit: number): Promise<PlacementSummary[]> {
    const rows = await this.summaryQuery()
      .where('p.status = :status AND p.id > :afterId', {
        status: PlacementStatus.Active,
        afterId,
      })
      .orderBy('p.id', 'ASC')
      .limit(limit)
      .getRawMany<RawSummary>();
    return rows.map(fromRaw);
  }

  private summaryQuery() {
    return this.dataSource
      .getRepository(Placement)
      .createQueryBuilder('p')
      .select([
        'p.id AS id',
        'p.student_id AS studentId',
        'p.slot_id AS slotId',
        'p.company_id AS companyId',
        'p.school_id AS schoolId',
        'p.status AS status',
        "DATE_FORMAT(p.start_date, '%Y-%m-%d') AS startDate",
        "DATE_FORMAT(p.end_date, '%Y-%m-%d') AS endDate",
        'p.teacher_id AS teacherId',
        'p.mentor_id AS mentorId',
      ]);
  }

  async setSupervisor(
    id: number,
    column: 'teacherId' | 'mentorId',
    userId: number | null,
  ): Promise<void> {
    await this.dataSource.getRepository(Placement).update({ id }, { [column]: userId });
  }

  /** The seats the company's placements hold (the apprentice quota counts them). */
  async heldByCompany(companyId: number, manager: EntityManager): Promise<HeldSeat[]> {
    const rows = await manager.query<{ slotId: number; start: string; end: string }[]>(
      `SELECT slot_id AS slotId, start_date AS start, end_date AS end FROM placements
        WHERE company_id = ? AND status IN (?)`,
      [companyId, SEAT_HOLDING],
    );
    return rows.map((r) => ({ ...r, slotId: Number(r.slotId) }));
  }

  /** Offers still open, per slot, among these slots (seats promised but not yet taken). */
  async openOffersBySlot(
    slotIds: readonly number[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<number, number>> {
    if (slotIds.length === 0) {
      return new Map();
    }
    const rows = await manager.query<{ slotId: number; n: string }[]>(
      `SELECT p.slot_id AS slotId, COUNT(*) AS n FROM placements p
        WHERE p.slot_id IN (?) AND ${openOfferSql('p')} GROUP BY p.slot_id`,
      [slotIds],
    );
    return new Map(rows.map((r) => [Number(r.slotId), Number(r.n)]));
  }

  /** `student:slot` keys of the offers these students declined (or let lapse). */
  async declinedPairs(
    studentIds: readonly number[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ studentId: number; slotId: number }[]> {
    if (studentIds.length === 0) {
      return [];
    }
    const rows = await manager.query<{ studentId: number; slotId: number }[]>(
      "SELECT student_id AS studentId, slot_id AS slotId FROM placements WHERE student_id IN (?) AND status = 'declined'",
      [studentIds],
    );
    return rows.map((r) => ({ studentId: Number(r.studentId), slotId: Number(r.slotId) }));
  }

  /** The students among these who hold a seat or an offer still open. */
  async busyStudents(
    studentIds: readonly number[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Set<number>> {
    if (studentIds.length === 0) {
      return new Set();
    }
    const rows = await manager.query<{ studentId: number }[]>(
      `SELECT DISTINCT p.student_id AS studentId FROM placements p
        WHERE p.student_id IN (?) AND (p.status IN (?) OR ${openOfferSql('p')})`,
      [studentIds, SEAT_HOLDING],
    );
    return new Set(rows.map((r) => Number(r.studentId)));
  }
}

type RawSummary = Record<keyof PlacementSummary, string | number | null>;

function fromRaw(r: RawSummary): PlacementSummary {
  const id = (v: string | number | null): number | null => (v === null ? null : Number(v));
  return {
    id: Number(r.id),
    studentId: Number(r.studentId),
    slotId: Number(r.slotId),
    companyId: Number(r.companyId),
    schoolId: Number(r.schoolId),
    status: r.status as PlacementStatus,
    startDate: String(r.startDate),
    endDate: String(r.endDate),
    teacherId: id(r.teacherId),
    mentorId: id(r.mentorId),
  };
}
