import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Action, Resource } from '../../common/access/access-policy';
import { AccessRepository } from '../../common/access/access.repository';
import { AuthUser } from '../../common/auth/auth-user';
import { todayUtc } from '../../common/database/dates';
import { inTransaction } from '../../common/database/transaction';
import {
  DomainException,
  ErrorKind,
  NotFoundException,
  ValidationFailedException,
} from '../../common/errors/domain.exception';
import { Page, toPage } from '../../common/pagination/pagination';
import { CompaniesService } from '../companies/companies.service';
import { PlacementEventType } from '../notifications/notifications.constants';
import { OutboxService } from '../notifications/outbox.service';
import { placementEvent } from '../notifications/placement-events';
import { OutcomesService } from '../outcomes/outcomes.service';
import { SlotsService } from '../slots/slots.service';
import { SlotStatus } from '../slots/slots.types';
import { StudentsService } from '../students/students.service';
import { StudentRecord, StudentStatus } from '../students/students.types';
import {
  CreatePlacementDto,
  EvaluationDto,
  ListPlacementsQuery,
  PlacementDto,
  TerminationDto,
} from './dto/placement.dto';
import { Placement } from './placement.entity';
import { PlacementsException } from './placements.exception';
import { OfferRow, PlacementsRepository } from './placements.repository';
import {
  ageProblem,
  AgeProblem,
  canTransition,
  isOfferOpen,
  mayTakeStep,
  PlacementAction,
  TRANSITIONS,
} from './placements.rules';
import {
  OfferOptions,
  OfferOutcome,
  OfferRefusal,
  OfferRequest,
  PlacementSource,
  PlacementStatus,
  PlacementSummary,
  SEAT_HOLDING,
  SupervisorKind,
} from './placements.types';

const DEFAULT_OFFER_DAYS = 7;

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
    private readonly placements: PlacementsRepository,
    private readonly slots: SlotsService,
    private readonly students: StudentsService,
    private readonly companies: CompaniesService,
    private readonly outbox: OutboxService,
    private readonly outcomes: OutcomesService,
    private readonly access: AccessRepository,
  ) {}

  /** A hand-made offer: the one offer path (offerMany) with a list of one. */
  async create(dto: CreatePlacementDto, user: AuthUser): Promise<PlacementDto> {
    // The offer lies in its slot's scope: checked before anything is written.
    await this.access.assertInScope(user, 'slot', dto.slotId, Action.Change);
    const deadline = dto.offerDeadline
      ? new Date(dto.offerDeadline)
      : new Date(Date.now() + DEFAULT_OFFER_DAYS * 86_400_000);
    if (deadline.getTime() <= Date.now()) {
      throw ValidationFailedException.field('offerDeadline', 'must be in the future');
    }
    const id = await inTransaction(this.dataSource, async (manager) => {
      const { made, skipped } = await this.offerMany(
        [{ studentId: dto.studentId, slotId: dto.slotId }],
        { source: PlacementSource.Manual, runId: null, deadline, createdBy: user.id },
        manager,
      );
      if (skipped.length > 0) {
        throw skipped[0].error;
      }
      return made[0].id;
    });
    return this.read(id);
  }

  /**
   * THE offer path, for hand-made offers and published rounds: makes the offers that pass every
   * check (student exists and is not withdrawn, slot open, old enough on the slot's start with
   * consent under 18, no seat held yet, no live placement for that slot) and says why the others
   * were skipped. Set-based: a handful of queries per call whatever its size, in `manager`'s
   * transaction, with the students' rows locked (in id order) as accepting an offer does. Each
   * offer made is announced (placement.offered) in the same transaction. Scope is the caller's.
   */
  async offerMany(
    requests: readonly OfferRequest[],
    options: OfferOptions,
    manager: EntityManager,
  ): Promise<OfferOutcome> {
    const outcome: OfferOutcome = { made: [], skipped: [] };
    if (requests.length === 0) {
      return outcome;
    }
    const studentIds = [...new Set(requests.map((r) => r.studentId))];
    const slotIds = [...new Set(requests.map((r) => r.slotId))];
    const students = new Map(
      (await this.students.lockManyForUpdate(studentIds, manager)).map((s) => [s.id, s]),
    );
    const slots = new Map((await this.slots.findSummaries(slotIds, manager)).map((s) => [s.id, s]));
    const placed = await this.placements.seatHolders(studentIds, manager);
    const live = await this.placements.livePairs(studentIds, slotIds, manager);
    const rows: OfferRow[] = [];
    for (const request of requests) {
      const student = students.get(request.studentId);
      const slot = slots.get(request.slotId);
      const refusal = offerRefusal(request, student, slot, placed, live);
      if (refusal) {
        outcome.skipped.push({ ...request, ...refusal });
        continue;
      }
      live.add(`${request.studentId}:${request.slotId}`);
      rows.push({
        studentId: request.studentId,
        slotId: request.slotId,
        companyId: slot!.companyId,
        schoolId: student!.schoolId,
        source: options.source,
        runId: options.runId,
        offerDeadline: options.deadline,
        startDate: slot!.startDate,
        endDate: slot!.endDate,
        createdBy: options.createdBy,
      });
    }
    const made = await this.placements.insertOffers(rows, manager);
    await this.outbox.recordAll(
      manager,
      made.map((placement) => placementEvent('placement.offered', placement)),
    );
    outcome.made = made.map((p) => ({ id: p.id, studentId: p.studentId, slotId: p.slotId }));
    return outcome;
  }

  /**
   * Takes a seat atomically: the student's row is locked first (one accepted placement per
   * student), then the slot's counter moves only while below capacity, in the same
   * transaction as the status change. The student's other open offers are withdrawn.
   */
  async accept(id: number, user: AuthUser): Promise<PlacementDto> {
    await this.assertMayTakeStep(id, user, 'accept');
    const placement = await this.placements.findById(id);
    if (!placement) {
      throw new NotFoundException('placement', id);
    }
    await inTransaction(this.dataSource, async (manager) => {
      const student = availableStudent(
        placement.studentId,
        await this.students.lockForUpdate(placement.studentId, manager),
      );
      const current = await this.placements.lockById(id, manager);
      assertTransition('accept', current.status);
      if (!isOfferOpen(current, new Date())) {
        throw PlacementsException.offerExpired();
      }
      const tooYoung = ageProblem(student, current.startDate);
      if (tooYoung) {
        throw ageException(tooYoung, current.startDate);
      }
      if ((await this.placements.seatHolders([student.id], manager)).size > 0) {
        throw PlacementsException.alreadyPlaced(student.id);
      }
      await this.slots.takeSeat(current.slotId, manager);
      await this.placements.update(id, { status: PlacementStatus.Accepted }, manager);
      await this.outbox.record(
        manager,
        placementEvent('placement.accepted', { ...current, status: PlacementStatus.Accepted }),
      );
      // The offers withdrawn below each get their own event (read under the student's lock).
      const others = await this.placements.othersOpen(student.id, id, manager);
      await this.outbox.recordAll(
        manager,
        others.map((other) =>
          placementEvent('placement.withdrawn', { ...other, status: PlacementStatus.Withdrawn }),
        ),
      );
      await this.placements.withdrawOthers(student.id, id, manager);
    });
    return this.read(id);
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
    await this.access.assertInScope(user, 'placement', id, Action.Read);
    return this.read(id);
  }

  /** A placement just written by a user whose scope was checked before the write. */
  private async read(id: number): Promise<PlacementDto> {
    const placement = await this.placements.findById(id);
    if (!placement) {
      throw new NotFoundException('placement', id);
    }
    const [dto] = await this.toDtos([placement]);
    return dto;
  }

  async list(query: ListPlacementsQuery, user: AuthUser): Promise<Page<PlacementDto>> {
    const { items, total } = await this.placements.list(query, user);
    return toPage(await this.toDtos(items), total, query);
  }

  // Reads for other features (they never touch the placements table themselves).

  /** A placement as monitoring reads it, or null (scope is the caller's). */
  async findSummary(id: number, manager?: EntityManager): Promise<PlacementSummary | null> {
    const placement = await this.placements.findById(id, manager);
    return placement ? toSummary(placement) : null;
  }

  /** The placement locked for update in `manager`'s transaction (monitoring's completion). */
  async lockSummary(id: number, manager: EntityManager): Promise<PlacementSummary> {
    return toSummary(await this.placements.lockById(id, manager));
  }

  /** The ids of the placements in `statuses` within the user's scope of `resource`. */
  idsInScope(
    user: AuthUser,
    resource: Resource,
    statuses: readonly PlacementStatus[],
  ): Promise<number[]> {
    return this.placements.idsInScope(user, resource, statuses);
  }

  /** The placements in `statuses` within the user's scope of `resource`, as summaries. */
  summariesInScope(
    user: AuthUser,
    resource: Resource,
    statuses: readonly PlacementStatus[],
  ): Promise<PlacementSummary[]> {
    return this.placements.summariesInScope(user, resource, statuses);
  }

  /** Up to `limit` active placements after `afterId`, in id order (a scan in batches). */
  activeAfter(afterId: number, limit: number): Promise<PlacementSummary[]> {
    return this.placements.activeAfter(afterId, limit);
  }

  /**
   * Sets (or clears) a placement's teacher or mentor. The caller checked the placement's scope
   * and that the user is a teacher of its school or a mentor of its company.
   */
  async assignSupervisor(id: number, kind: SupervisorKind, userId: number | null): Promise<void> {
    await this.placements.setSupervisor(id, kind === 'teacher' ? 'teacherId' : 'mentorId', userId);
  }

  /**
   * Completes an active placement inside the caller's transaction (monitoring's final
   * assessment, which writes its own records in the same transaction): the state table's
   * check, the seat released, the outbox event. Scope and role are the caller's to check.
   */
  async completeIn(id: number, notes: string | null, manager: EntityManager): Promise<void> {
    await this.applyTransition(id, 'complete', { evaluationNotes: notes }, manager);
  }

  /** Offers still open per slot, among these slots (the seats they promise). */
  openOffersBySlot(
    slotIds: readonly number[],
    manager?: EntityManager,
  ): Promise<Map<number, number>> {
    return this.placements.openOffersBySlot(slotIds, manager);
  }

  /** The (student, slot) pairs of offers these students declined or let lapse. */
  declinedPairs(
    studentIds: readonly number[],
    manager?: EntityManager,
  ): Promise<{ studentId: number; slotId: number }[]> {
    return this.placements.declinedPairs(studentIds, manager);
  }

  /** The students among these who hold a seat or an offer still open (not "unplaced"). */
  busyStudents(studentIds: readonly number[], manager?: EntityManager): Promise<Set<number>> {
    return this.placements.busyStudents(studentIds, manager);
  }

  /** Every other transition: guarded by the state table; leaving a seat frees it. */
  private async transition(
    id: number,
    user: AuthUser,
    action: PlacementAction,
    changes: Partial<Placement> = {},
  ): Promise<PlacementDto> {
    await this.assertMayTakeStep(id, user, action);
    await inTransaction(this.dataSource, (manager) =>
      this.applyTransition(id, action, changes, manager),
    );
    return this.read(id);
  }

  /** One transition in `manager`'s transaction, the row locked first. */
  private async applyTransition(
    id: number,
    action: PlacementAction,
    changes: Partial<Placement>,
    manager: EntityManager,
  ): Promise<void> {
    const to = TRANSITIONS[action].to;
    const current = await this.placements.lockById(id, manager);
    assertTransition(action, current.status);
    if (SEAT_HOLDING.includes(current.status) && !SEAT_HOLDING.includes(to)) {
      await this.slots.releaseSeat(current.slotId, manager);
    }
    await this.placements.update(id, { ...changes, status: to }, manager);
    await this.outbox.record(manager, placementEvent(EVENT_OF[action], { ...current, status: to }));
    if (action === 'start') {
      // The tracer study learns of the apprenticeship by itself, in the same transaction.
      const [slot] = await this.slots.findSummaries([current.slotId], manager);
      const [company] = await this.companies.findSummaries([slot.companyId], manager);
      await this.outcomes.recordApprenticeshipStart(manager, {
        studentId: current.studentId,
        date: todayUtc(),
        employerName: company.name,
        regionCode: slot.regionCode,
        placementId: current.id,
      });
    }
  }

  /** The placement must be in the user's scope (else 404) and theirs to take this step (else 403). */
  private async assertMayTakeStep(
    id: number,
    user: AuthUser,
    action: PlacementAction,
  ): Promise<void> {
    await this.access.assertInScope(user, 'placement', id, Action.Act);
    if (!mayTakeStep(action, user.role)) {
      throw new DomainException(
        ErrorKind.Forbidden,
        'forbidden',
        `A ${user.role} cannot ${action} a placement`,
      );
    }
  }

  private async toDtos(placements: Placement[]): Promise<PlacementDto[]> {
    if (placements.length === 0) {
      return [];
    }
    const [students, slots, companies] = await Promise.all([
      this.students.findByIds([...new Set(placements.map((p) => p.studentId))]),
      this.slots.findSummaries(placements.map((p) => p.slotId)),
      this.companies.findSummaries([...new Set(placements.map((p) => p.companyId))]),
    ]);
    const names = new Map(students.map((s) => [s.id, s.name]));
    const titles = new Map(slots.map((s) => [s.id, s.title]));
    const companyNames = new Map(companies.map((c) => [c.id, c.name]));
    return placements.map((p) => ({
      id: p.id,
      studentId: p.studentId,
      studentName: names.get(p.studentId) ?? '',
      schoolId: p.schoolId,
      slotId: p.slotId,
      slotTitle: titles.get(p.slotId) ?? '',
      companyId: p.companyId,
      companyName: companyNames.get(p.companyId) ?? '',
      status: p.status,
      source: p.source,
      runId: p.runId === null ? null : Number(p.runId),
      offerDeadline: p.offerDeadline ? p.offerDeadline.toISOString() : null,
      startDate: p.startDate,
      endDate: p.endDate,
      evaluationScore: p.evaluationScore,
      evaluationNotes: p.evaluationNotes,
      teacherId: p.teacherId,
      mentorId: p.mentorId,
      updatedAt: p.updatedAt.toISOString(),
    }));
  }
}

function toSummary(p: Placement): PlacementSummary {
  return {
    id: p.id,
    studentId: p.studentId,
    slotId: p.slotId,
    companyId: p.companyId,
    schoolId: p.schoolId,
    status: p.status,
    startDate: p.startDate,
    endDate: p.endDate,
    teacherId: p.teacherId,
    mentorId: p.mentorId,
  };
}

/** Why one offer of a batch cannot be made, in the order a hand-made offer checks, or null. */
function offerRefusal(
  request: OfferRequest,
  student: StudentRecord | undefined,
  slot: { status: SlotStatus; startDate: string } | undefined,
  placed: ReadonlySet<number>,
  live: ReadonlySet<string>,
): { reason: OfferRefusal; error: DomainException } | null {
  if (!slot) {
    return { reason: 'slot_not_found', error: new NotFoundException('slot', request.slotId) };
  }
  if (!student) {
    return {
      reason: 'student_not_found',
      error: new NotFoundException('student', request.studentId),
    };
  }
  if (student.status === StudentStatus.Withdrawn) {
    return {
      reason: 'student_not_available',
      error: PlacementsException.studentNotAvailable(student.status),
    };
  }
  if (slot.status !== SlotStatus.Open) {
    return { reason: 'slot_not_open', error: PlacementsException.slotNotOpen(request.slotId) };
  }
  const tooYoung = ageProblem(student, slot.startDate);
  if (tooYoung) {
    return { reason: tooYoung.rule, error: ageException(tooYoung, slot.startDate) };
  }
  if (placed.has(student.id)) {
    return {
      reason: 'student_already_placed',
      error: PlacementsException.alreadyPlaced(student.id),
    };
  }
  if (live.has(`${student.id}:${request.slotId}`)) {
    return {
      reason: 'duplicate_placement',
      error: PlacementsException.duplicate(student.id, request.slotId),
    };
  }
  return null;
}

function availableStudent(id: number, student: StudentRecord | null): StudentRecord {
  if (!student) {
    throw new NotFoundException('student', id);
  }
  if (student.status === StudentStatus.Withdrawn) {
    throw PlacementsException.studentNotAvailable(student.status);
  }
  return student;
}

function ageException(problem: AgeProblem, startDate: string): PlacementsException {
  return problem.rule === 'minimum_age'
    ? PlacementsException.minimumAge(problem.age, startDate)
    : PlacementsException.parentalConsent();
}

function assertTransition(action: PlacementAction, status: PlacementStatus): void {
  if (!canTransition(action, status)) {
    throw PlacementsException.invalidTransition(action, status);
  }
}
