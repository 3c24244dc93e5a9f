import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Action, assertRegionsAllowed } from '../../common/access/access-policy';
import { AccessRepository } from '../../common/access/access.repository';
import { AuthUser } from '../../common/auth/auth-user';
import { Role } from '../../common/auth/role.enum';
import { inTransaction } from '../../common/database/transaction';
import {
  FieldProblem,
  NotFoundException,
  ValidationFailedException,
} from '../../common/errors/domain.exception';
import { Page, toPage } from '../../common/pagination/pagination';
import { CompaniesService } from '../companies/companies.service';
import { CompetenciesService } from '../competencies/competencies.service';
import { RegionsService } from '../regions/regions.service';
import { SchoolsService } from '../schools/schools.service';
import { ApprenticeQuotaService } from './apprentice-quota.service';
import {
  CreateSlotDto,
  ListSlotsQuery,
  SlotDto,
  SlotRequirementDto,
  UpdateSlotDto,
} from './dto/slot.dto';
import { Slot } from './slot.entity';
import { SlotsException } from './slots.exception';
import { SlotsRepository } from './slots.repository';
import { durationProblem, MAX_DURATION_MONTHS } from './slots.rules';
import {
  RoundSlot,
  SlotProgramRecord,
  SlotRequirementRecord,
  SlotStatus,
  SlotSummary,
} from './slots.types';

@Injectable()
export class SlotsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly slots: SlotsRepository,
    private readonly quota: ApprenticeQuotaService,
    private readonly companies: CompaniesService,
    private readonly regions: RegionsService,
    private readonly schools: SchoolsService,
    private readonly competencies: CompetenciesService,
    private readonly access: AccessRepository,
  ) {}

  /** Every check, scope first, comes before the write: a refused slot writes nothing. */
  async create(dto: CreateSlotDto, user: AuthUser): Promise<SlotDto> {
    const companyId = this.companyFor(dto.companyId, user);
    await this.access.assertInScope(user, 'company', companyId, Action.Read);
    assertRegionsAllowed(user, [dto.regionCode], 'regionCode');
    await this.validateReferences(dto.regionCode, dto.programCodes ?? []);
    assertDuration(dto.startDate, dto.endDate);
    await this.assertUnitsExist(dto.requirements);
    const status = dto.status ?? SlotStatus.Draft;
    const id = await inTransaction(this.dataSource, async (manager) => {
      const company = await this.companies.lockForSeats(companyId, manager);
      if (status === SlotStatus.Open) {
        await this.quota.assertWithinQuota(manager, company, {
          slotId: null,
          status,
          start: dto.startDate,
          end: dto.endDate,
          capacity: dto.capacity,
        });
      }
      const slotId = await this.slots.insert(
        {
          companyId,
          title: dto.title,
          description: dto.description,
          regionCode: dto.regionCode,
          capacity: dto.capacity,
          filled: 0,
          startDate: dto.startDate,
          endDate: dto.endDate,
          stipend: dto.stipend ?? 0,
          mentorName: dto.mentorName ?? '',
          status,
        },
        manager,
      );
      await this.writeDetails(manager, slotId, dto.requirements, dto.programCodes ?? []);
      return slotId;
    });
    return this.get(id, user);
  }

  async update(id: number, dto: UpdateSlotDto, user: AuthUser): Promise<SlotDto> {
    const existing = await this.findInScope(id, user, Action.Change);
    if (existing.status === SlotStatus.Closed) {
      throw SlotsException.invalidStatus('change', existing.status);
    }
    const start = dto.startDate ?? existing.startDate;
    const end = dto.endDate ?? existing.endDate;
    assertDuration(start, end);
    if (dto.programCodes) {
      await this.validateReferences(null, dto.programCodes);
    }
    if (dto.requirements) {
      await this.assertUnitsExist(dto.requirements);
    }
    await inTransaction(this.dataSource, async (manager) => {
      const company = await this.companies.lockForSeats(existing.companyId, manager);
      // Re-read under the company lock: filled and status may have moved since.
      const slot = await this.found(id, manager);
      const capacity = dto.capacity ?? slot.capacity;
      if (capacity < slot.filled) {
        throw SlotsException.capacityBelowFilled(slot.filled);
      }
      if (slot.status === SlotStatus.Open) {
        await this.quota.assertWithinQuota(manager, company, {
          slotId: id,
          status: slot.status,
          start,
          end,
          capacity,
        });
      }
      await this.slots.update(
        id,
        {
          title: dto.title ?? slot.title,
          description: dto.description ?? slot.description,
          capacity,
          startDate: start,
          endDate: end,
          stipend: dto.stipend ?? slot.stipend,
          mentorName: dto.mentorName ?? slot.mentorName,
        },
        manager,
      );
      if (dto.requirements || dto.programCodes) {
        await this.writeDetails(manager, id, dto.requirements, dto.programCodes);
      }
    });
    return this.get(id, user);
  }

  async open(id: number, user: AuthUser): Promise<SlotDto> {
    return this.changeStatus(id, user, SlotStatus.Open, [SlotStatus.Draft, SlotStatus.Closed]);
  }

  async close(id: number, user: AuthUser): Promise<SlotDto> {
    return this.changeStatus(id, user, SlotStatus.Closed, [SlotStatus.Draft, SlotStatus.Open]);
  }

  async get(id: number, user: AuthUser): Promise<SlotDto> {
    const slot = await this.findInScope(id, user, Action.Read);
    const [dto] = await this.toDtos([slot]);
    return dto;
  }

  async list(query: ListSlotsQuery, user: AuthUser): Promise<Page<SlotDto>> {
    const { items, total } = await this.slots.list(query, user);
    return toPage(await this.toDtos(items), total, query);
  }

  // Reads and writes for other features (they never touch the slots tables themselves).

  /** Slots by id (unknown ids are left out), read in `manager`'s transaction if given. */
  findSummaries(ids: readonly number[], manager?: EntityManager): Promise<SlotSummary[]> {
    return this.slots.findSummaries(ids, manager);
  }

  /** Open slots in these provinces (two-digit codes; none: everywhere), in id order. */
  findOpenForRound(
    provinceCodes: readonly string[],
    manager?: EntityManager,
  ): Promise<RoundSlot[]> {
    return this.slots.openForRound(provinceCodes, manager);
  }

  /** The open slots among `ids` in these provinces (none: everywhere), in id order. */
  findOpenForRoundAmong(
    provinceCodes: readonly string[],
    ids: readonly number[],
  ): Promise<RoundSlot[]> {
    return this.slots.openForRound(provinceCodes, undefined, ids);
  }

  /** The slots' competency requirements, ordered by slot and unit. */
  findRequirements(
    slotIds: readonly number[],
    manager?: EntityManager,
  ): Promise<SlotRequirementRecord[]> {
    return this.slots.requirementsOf(slotIds, manager);
  }

  /** The slots' programme limits, ordered by slot and programme. */
  findPrograms(slotIds: readonly number[], manager?: EntityManager): Promise<SlotProgramRecord[]> {
    return this.slots.programsOf(slotIds, manager);
  }

  /**
   * Takes one of the slot's seats for a placement in `manager`'s transaction: only while the
   * slot is open and below capacity (a conditional update), else slot_full.
   */
  async takeSeat(slotId: number, manager: EntityManager): Promise<void> {
    if (!(await this.slots.takeSeat(slotId, manager))) {
      throw SlotsException.slotFull(slotId);
    }
  }

  /** Gives a seat back (a placement that held one ends), in `manager`'s transaction. */
  releaseSeat(slotId: number, manager: EntityManager): Promise<void> {
    return this.slots.releaseSeat(slotId, manager);
  }

  /** The slot if the user may take `action` on it; otherwise 404, as if it did not exist. */
  private async findInScope(id: number, user: AuthUser, action: Action): Promise<Slot> {
    await this.access.assertInScope(user, 'slot', id, action);
    return this.found(id);
  }

  private async found(id: number, manager?: EntityManager): Promise<Slot> {
    const slot = await this.slots.findById(id, manager);
    if (!slot) {
      throw new NotFoundException('slot', id);
    }
    return slot;
  }

  private async changeStatus(
    id: number,
    user: AuthUser,
    to: SlotStatus,
    from: SlotStatus[],
  ): Promise<SlotDto> {
    const existing = await this.findInScope(id, user, Action.Act);
    await inTransaction(this.dataSource, async (manager) => {
      const company = await this.companies.lockForSeats(existing.companyId, manager);
      const slot = await this.found(id, manager);
      if (!from.includes(slot.status)) {
        throw SlotsException.invalidStatus(to === SlotStatus.Open ? 'open' : 'close', slot.status);
      }
      // Closing can only lower the count; opening must fit the company's limit.
      await this.quota.assertWithinQuota(manager, company, {
        slotId: id,
        status: to,
        start: slot.startDate,
        end: slot.endDate,
        capacity: slot.capacity,
      });
      await this.slots.update(id, { status: to }, manager);
    });
    return this.get(id, user);
  }

  private companyFor(requested: number | undefined, user: AuthUser): number {
    if (user.role === Role.CompanyAdmin) {
      const own = user.companyId ?? 0;
      if (requested !== undefined && requested !== own) {
        throw new NotFoundException('company', requested);
      }
      return own;
    }
    if (requested === undefined) {
      throw ValidationFailedException.field('companyId', 'is required');
    }
    return requested;
  }

  private async validateReferences(
    regionCode: string | null,
    programCodes: string[],
  ): Promise<void> {
    const problems: FieldProblem[] = [];
    if (regionCode !== null && (await this.regions.knownCodes([regionCode])).length === 0) {
      problems.push({ field: 'regionCode', problems: [`unknown region ${regionCode}`] });
    }
    const unique = [...new Set(programCodes)];
    if (unique.length > 0) {
      const known = await this.schools.knownProgramCodes(unique);
      const missing = unique.filter((c) => !known.includes(c));
      if (missing.length > 0) {
        problems.push({
          field: 'programCodes',
          problems: [`unknown programmes: ${missing.join(', ')}`],
        });
      }
    }
    if (problems.length > 0) {
      throw new ValidationFailedException(problems);
    }
  }

  private async assertUnitsExist(requirements: SlotRequirementDto[]): Promise<void> {
    const codes = [...new Set(requirements.map((r) => r.unit))];
    if (codes.length !== requirements.length) {
      throw ValidationFailedException.field('requirements', 'lists a unit twice');
    }
    const known = codes.length === 0 ? [] : await this.competencies.findUnits(codes);
    const missing = codes.filter((c) => !known.some((k) => k.code === c));
    if (missing.length > 0) {
      throw SlotsException.unknownUnits(missing);
    }
  }

  private async writeDetails(
    manager: EntityManager,
    slotId: number,
    requirements: SlotRequirementDto[] | undefined,
    programCodes: string[] | undefined,
  ): Promise<void> {
    if (requirements) {
      await this.slots.replaceRequirements(slotId, requirements, manager);
    }
    if (programCodes) {
      await this.slots.replacePrograms(slotId, [...new Set(programCodes)], manager);
    }
  }

  private async toDtos(slots: Slot[]): Promise<SlotDto[]> {
    if (slots.length === 0) {
      return [];
    }
    const ids = slots.map((s) => s.id);
    const [requirements, programs, companies] = await Promise.all([
      this.slots.requirementsOf(ids),
      this.slots.programsOf(ids),
      this.companies.findSummaries([...new Set(slots.map((s) => s.companyId))]),
    ]);
    const companyNames = new Map(companies.map((c) => [c.id, c.name]));
    return slots.map((s) => ({
      id: s.id,
      companyId: s.companyId,
      companyName: companyNames.get(s.companyId) ?? '',
      title: s.title,
      description: s.description,
      regionCode: s.regionCode,
      requirements: requirements
        .filter((r) => r.slotId === s.id)
        .map((r) => ({ unit: r.unit, minLevel: r.minLevel, weight: r.weight })),
      programCodes: programs.filter((p) => p.slotId === s.id).map((p) => p.programCode),
      capacity: s.capacity,
      filled: s.filled,
      startDate: s.startDate,
      endDate: s.endDate,
      stipend: s.stipend,
      mentorName: s.mentorName,
      status: s.status,
    }));
  }

  /** Free seats of open slots per region and required unit (analytics' demand). */
  openSeatsByRegionUnit(
    regionCodes: readonly string[],
    unitCode?: string,
  ): Promise<{ region: string; unit: string; n: number }[]> {
    return this.slots.openSeatsByRegionUnit(regionCodes, unitCode);
  }

  /** The highest level open slots of a region ask in each of these units. */
  levelsNeeded(region: string, unitCodes: readonly string[]): Promise<Map<string, number>> {
    return this.slots.levelsNeeded(region, unitCodes);
  }
}

/** The duration rule (slots.rules) as the API's answer: 400 for a non-date, else 422. */
function assertDuration(start: string, end: string): void {
  const problem = durationProblem(start, end);
  if (problem === null) {
    return;
  }
  switch (problem.kind) {
    case 'not_a_date':
      throw new ValidationFailedException(
        problem.fields.map((field) => ({ field, problems: ['is not a real calendar date'] })),
      );
    case 'not_after_start':
      throw SlotsException.duration('endDate must be after startDate');
    case 'too_long':
      throw SlotsException.duration(
        `Permenaker 6/2020: an apprenticeship lasts at most ${MAX_DURATION_MONTHS} months (end before ${problem.endBefore})`,
      );
  }
}
