import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not, SelectQueryBuilder } from 'typeorm';
import { AuthUser } from '../../common/auth/auth-user';
import {
  assertCompanyInScope,
  ownRegionCodes,
  restrictToOwnRows,
} from '../../common/auth/tenant-scope';
import { ageOn, todayUtc } from '../../common/database/dates';
import { inTransaction } from '../../common/database/transaction';
import {
  DomainException,
  ErrorKind,
  NotFoundException,
  ValidationFailedException,
} from '../../common/errors/domain.exception';
import { Page, toPage } from '../../common/pagination/pagination';
import { PlacementEventType } from '../notifications/notifications.constants';
import { OutboxService } from '../notifications/outbox.service';
import { OutcomesService } from '../outcomes/outcomes.service';
import { placementEvent } from '../notifications/placement-events';
import { Slot, SlotStatus } from '../slots/slot.entity';
import { Student, StudentStatus } from '../students/student.entity';
import {
  CreatePlacementDto,
  EvaluationDto,
  ListPlacementsQuery,
  PlacementDto,
  TerminationDto,
} from './dto/placement.dto';
import {
  LIVE_STATUSES,
  Placement,
  PlacementSource,
  PlacementStatus,
  SEAT_HOLDING,
} from './placement.entity';
import { PlacementAction, TRANSITIONS } from './placement-rules';
import { PlacementsException } from './placements.exception';

const DEFAULT_OFFER_DAYS = 7;
const MINIMUM_AGE = 17;
const AGE_WITHOUT_CONSENT = 18;

/** The webhook event each transition writes to the outbox, in the same transaction. */
const EVENT_OF: Record<PlacementAction, PlacementEventType> = {
  accept: 'placement.accepted',
  decline: 'placement.declined',
  withdraw: 'placement.withdrawn',
  start: 'placement.started',
  complete: 'placement.completed',
  terminate: 'placement.terminated',
};

@Injectable()
export class PlacementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly outcomes: OutcomesService,
  ) {}

  /** A placement made by hand: an offer to the student, valid until its deadline. */
  async create(dto: CreatePlacementDto, user: AuthUser): Promise<PlacementDto> {
    const slot = await this.dataSource.getRepository(Slot).findOneBy({ id: dto.slotId });
    if (!slot) {
      throw new NotFoundException('slot', dto.slotId);
    }
    assertCompanyInScope(user, slot.companyId, 'slot', dto.slotId);
    const deadline = dto.offerDeadline
      ? new Date(dto.offerDeadline)
      : new Date(Date.now() + DEFAULT_OFFER_DAYS * 86_400_000);
    if (deadline.getTime() <= Date.now()) {
      throw ValidationFailedException.field('offerDeadline', 'must be in the future');
    }
    const id = await inTransaction(this.dataSource, async (manager) => {
      const student = await this.lockStudent(manager, dto.studentId);
      if (slot.status !== SlotStatus.Open) {
        throw PlacementsException.slotNotOpen(slot.id);
      }
      assertEligibleAge(student, slot.startDate);
      await this.assertNotPlaced(manager, student.id);
      const duplicate = await manager
        .getRepository(Placement)
        .existsBy({ studentId: student.id, slotId: slot.id, status: In(LIVE_STATUSES) });
      if (duplicate) {
        throw PlacementsException.duplicate(student.id, slot.id);
      }
      const placement = await manager.getRepository(Placement).save({
        studentId: student.id,
        slotId: slot.id,
        companyId: slot.companyId,
        schoolId: student.schoolId,
        status: PlacementStatus.Offered,
        source: PlacementSource.Manual,
        runId: null,
        offerDeadline: deadline,
        startDate: slot.startDate,
        endDate: slot.endDate,
        createdBy: user.id,
      });
      await this.outbox.record(manager, placementEvent('placement.offered', placement));
      return placement.id;
    });
    return this.get(id, user);
  }

  /**
   * Takes a seat atomically: the student's row is locked first (one accepted placement per
   * student), then the slot's counter moves only while below capacity, in the same
   * transaction as the status change. The student's other open offers are withdrawn.
   */
  async accept(id: number, user: AuthUser): Promise<PlacementDto> {
    const placement = await this.findInScope(id, user, 'accept');
    await inTransaction(this.dataSource, async (manager) => {
      const student = await this.lockStudent(manager, placement.studentId);
      const current = await this.lockPlacement(manager, id);
      assertTransition('accept', current.status);
      if (current.offerDeadline !== null && current.offerDeadline.getTime() < Date.now()) {
        throw PlacementsException.offerExpired();
      }
      assertEligibleAge(student, current.startDate);
      await this.assertNotPlaced(manager, student.id);
      const taken = await manager.query<{ affectedRows: number }>(
        `UPDATE slots SET filled = filled + 1 WHERE id = ? AND filled < capacity AND status = 'open'`,
        [current.slotId],
      );
      if (taken.affectedRows !== 1) {
        throw PlacementsException.slotFull(current.slotId);
      }
      await manager.getRepository(Placement).update({ id }, { status: PlacementStatus.Accepted });
      await this.outbox.record(
        manager,
        placementEvent('placement.accepted', { ...current, status: PlacementStatus.Accepted }),
      );
      // The offers withdrawn below each get their own event (read under the student's lock).
      const others = await manager.getRepository(Placement).findBy({
        studentId: student.id,
        id: Not(id),
        status: In([PlacementStatus.Proposed, PlacementStatus.Offered]),
      });
      await this.outbox.recordAll(
        manager,
        others.map((other) =>
          placementEvent('placement.withdrawn', { ...other, status: PlacementStatus.Withdrawn }),
        ),
      );
      await manager
        .createQueryBuilder()
        .update(Placement)
        .set({ status: PlacementStatus.Withdrawn })
        .where('studentId = :studentId AND id <> :id AND status IN (:...open)', {
          studentId: student.id,
          id,
          open: [PlacementStatus.Proposed, PlacementStatus.Offered],
        })
        .execute();
    });
    return this.get(id, user);
  }

  decline(id: number, user: AuthUser): Promise<PlacementDto> {
    return this.transition(id, user, 'decline');
  }

  withdraw(id: number, user: AuthUser): Promise<PlacementDto> {
    return this.transition(id, user, 'withdraw');
  }

  start(id: number, user: AuthUser): Promise<PlacementDto> {
    return this.transition(id, user, 'start');
  }

  complete(id: number, dto: EvaluationDto, user: AuthUser): Promise<PlacementDto> {
    return this.transition(id, user, 'complete', {
      evaluationScore: dto.score,
      evaluationNotes: dto.notes ?? null,
    });
  }

  terminate(id: number, dto: TerminationDto, user: AuthUser): Promise<PlacementDto> {
    return this.transition(id, user, 'terminate', {
      evaluationScore: dto.score ?? null,
      evaluationNotes: dto.notes,
    });
  }

  async get(id: number, user: AuthUser): Promise<PlacementDto> {
    const qb = this.query().where('p.id = :id', { id });
    scope(qb, user);
    const row = await qb.getRawOne<RawPlacement>();
    if (!row) {
      throw new NotFoundException('placement', id);
    }
    return toDto(row);
  }

  async list(query: ListPlacementsQuery, user: AuthUser): Promise<Page<PlacementDto>> {
    const qb = this.query();
    scope(qb, user);
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
    const total = await qb.clone().getCount();
    const rows = await qb
      .orderBy('p.id', 'ASC')
      .offset(query.skip)
      .limit(query.pageSize)
      .getRawMany<RawPlacement>();
    return toPage(rows.map(toDto), total, query);
  }

  /** Every other transition: guarded by the state table; leaving a seat frees it. */
  private async transition(
    id: number,
    user: AuthUser,
    action: PlacementAction,
    changes: Partial<Placement> = {},
  ): Promise<PlacementDto> {
    const placement = await this.findInScope(id, user, action);
    await inTransaction(this.dataSource, async (manager) => {
      const current = await this.lockPlacement(manager, placement.id);
      assertTransition(action, current.status);
      if (SEAT_HOLDING.includes(current.status) && !SEAT_HOLDING.includes(TRANSITIONS[action].to)) {
        await manager.query('UPDATE slots SET filled = filled - 1 WHERE id = ? AND filled > 0', [
          current.slotId,
        ]);
      }
      await manager
        .getRepository(Placement)
        .update({ id }, { ...changes, status: TRANSITIONS[action].to });
      await this.outbox.record(
        manager,
        placementEvent(EVENT_OF[action], { ...current, status: TRANSITIONS[action].to }),
      );
      if (action === 'start') {
        // The tracer study learns of the apprenticeship by itself, in the same transaction.
        const [where] = await manager.query<{ employer: string; regionCode: string }[]>(
          'SELECT c.name AS employer, s.region_code AS regionCode FROM slots s JOIN companies c ON c.id = s.company_id WHERE s.id = ?',
          [current.slotId],
        );
        await this.outcomes.recordApprenticeshipStart(manager, {
          studentId: current.studentId,
          date: todayUtc(),
          employerName: where.employer,
          regionCode: where.regionCode,
          placementId: current.id,
        });
      }
    });
    return this.get(id, user);
  }

  private async findInScope(
    id: number,
    user: AuthUser,
    action: PlacementAction,
  ): Promise<Placement> {
    const qb = this.dataSource
      .getRepository(Placement)
      .createQueryBuilder('p')
      .where('p.id = :id', { id });
    scope(qb, user);
    const placement = await qb.getOne();
    if (!placement) {
      throw new NotFoundException('placement', id);
    }
    if (!TRANSITIONS[action].actors.includes(user.role)) {
      throw new DomainException(
        ErrorKind.Forbidden,
        'forbidden',
        `A ${user.role} cannot ${action} a placement`,
      );
    }
    return placement;
  }

  private async lockStudent(manager: EntityManager, studentId: number): Promise<Student> {
    const student = await manager
      .getRepository(Student)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.id = :studentId', { studentId })
      .getOne();
    if (!student) {
      throw new NotFoundException('student', studentId);
    }
    if (student.status === StudentStatus.Withdrawn) {
      throw PlacementsException.studentNotAvailable(student.status);
    }
    return student;
  }

  private async lockPlacement(manager: EntityManager, id: number): Promise<Placement> {
    return manager
      .getRepository(Placement)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :id', { id })
      .getOneOrFail();
  }

  private async assertNotPlaced(manager: EntityManager, studentId: number): Promise<void> {
    if (await manager.getRepository(Placement).existsBy({ studentId, status: In(SEAT_HOLDING) })) {
      throw PlacementsException.alreadyPlaced(studentId);
    }
  }

  private query(): SelectQueryBuilder<Placement> {
    return this.dataSource
      .getRepository(Placement)
      .createQueryBuilder('p')
      .innerJoin(Student, 'st', 'st.id = p.student_id')
      .innerJoin(Slot, 'sl', 'sl.id = p.slot_id')
      .select([
        'p.id AS id',
        'p.student_id AS studentId',
        'st.name AS studentName',
        'p.school_id AS schoolId',
        'p.slot_id AS slotId',
        'sl.title AS slotTitle',
        'p.company_id AS companyId',
        'p.status AS status',
        'p.source AS source',
        'p.run_id AS runId',
        'p.offer_deadline AS offerDeadline',
        'p.start_date AS startDate',
        'p.end_date AS endDate',
        'p.evaluation_score AS evaluationScore',
        'p.evaluation_notes AS evaluationNotes',
        'p.updated_at AS updatedAt',
      ]);
  }
}

/** Rows a user may see: their school's students, their company's slots, or their own. */
function scope(qb: SelectQueryBuilder<Placement>, user: AuthUser): void {
  restrictToOwnRows(qb, user, 'p');
  // A coordinator limited to some regions sees the placements in slots located there.
  const regions = ownRegionCodes(user);
  if (regions !== null) {
    qb.andWhere(
      'p.slot_id IN (SELECT rs.id FROM slots rs WHERE rs.region_code IN (:...scopeRegions))',
      {
        scopeRegions: regions,
      },
    );
  }
}

function assertTransition(action: PlacementAction, status: PlacementStatus): void {
  if (!TRANSITIONS[action].from.includes(status)) {
    throw PlacementsException.invalidTransition(action, status);
  }
}

/** Permenaker 6/2020: at least 17 on the start date; under 18 needs a parent's consent. */
export function assertEligibleAge(
  student: Pick<Student, 'birthDate' | 'parentalConsent'>,
  startDate: string,
): void {
  const age = ageOn(student.birthDate, startDate);
  if (age < MINIMUM_AGE) {
    throw PlacementsException.minimumAge(age, startDate);
  }
  if (age < AGE_WITHOUT_CONSENT && !student.parentalConsent) {
    throw PlacementsException.parentalConsent();
  }
}

interface RawPlacement {
  id: number;
  studentId: number;
  studentName: string;
  schoolId: number;
  slotId: number;
  slotTitle: string;
  companyId: number;
  status: PlacementStatus;
  source: PlacementSource;
  runId: number | null;
  offerDeadline: Date | null;
  startDate: string;
  endDate: string;
  evaluationScore: number | null;
  evaluationNotes: string | null;
  updatedAt: Date;
}

function toDto(row: RawPlacement): PlacementDto {
  return {
    ...row,
    runId: row.runId === null ? null : Number(row.runId),
    offerDeadline: row.offerDeadline ? new Date(row.offerDeadline).toISOString() : null,
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
