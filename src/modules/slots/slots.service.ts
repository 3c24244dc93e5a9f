import { Injectable } from '@nestjs/common';
import { containsPattern } from '../../common/database/like';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { AuthUser } from '../../common/auth/auth-user';
import { Role } from '../../common/auth/role.enum';
import {
  assertCompanyInScope,
  assertRegionInScope,
  isProvinceWide,
  ownCompanyId,
  ownRegionCodes,
} from '../../common/auth/tenant-scope';
import { addMonths, isCalendarDate } from '../../common/database/dates';
import { inTransaction } from '../../common/database/transaction';
import {
  FieldProblem,
  NotFoundException,
  ValidationFailedException,
} from '../../common/errors/domain.exception';
import { Page, toPage } from '../../common/pagination/pagination';
import { CompetencyUnit } from '../competencies/competency-unit.entity';
import { Region } from '../regions/region.entity';
import { Program } from '../schools/program.entity';
import { ApprenticeQuotaService } from './apprentice-quota.service';
import {
  CreateSlotDto,
  ListSlotsQuery,
  SlotDto,
  SlotRequirementDto,
  UpdateSlotDto,
} from './dto/slot.dto';
import { Slot, SlotProgram, SlotRequirement, SlotStatus } from './slot.entity';
import { SlotsException } from './slots.exception';

/** Permenaker 6/2020: an apprenticeship lasts at most 12 months. */
const MAX_DURATION_MONTHS = 12;

@Injectable()
export class SlotsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly quota: ApprenticeQuotaService,
  ) {}

  async create(dto: CreateSlotDto, user: AuthUser): Promise<SlotDto> {
    const companyId = this.companyFor(dto.companyId, user);
    await this.validateReferences(dto.regionCode, dto.programCodes ?? []);
    assertDuration(dto.startDate, dto.endDate);
    await this.assertUnitsExist(dto.requirements);
    const status = dto.status ?? SlotStatus.Draft;
    const id = await inTransaction(this.dataSource, async (manager) => {
      const company = await this.quota.lockCompany(manager, companyId);
      if (status === SlotStatus.Open) {
        await this.quota.assertWithinQuota(manager, company, {
          slotId: null,
          status,
          start: dto.startDate,
          end: dto.endDate,
          capacity: dto.capacity,
        });
      }
      const slot = await manager.getRepository(Slot).save({
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
      });
      await this.writeDetails(manager, slot.id, dto.requirements, dto.programCodes ?? []);
      return slot.id;
    });
    return this.get(id, user);
  }

  async update(id: number, dto: UpdateSlotDto, user: AuthUser): Promise<SlotDto> {
    const existing = await this.findInScope(id, user);
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
      const company = await this.quota.lockCompany(manager, existing.companyId);
      // Re-read under the company lock: filled and status may have moved since.
      const slot = await manager.getRepository(Slot).findOneByOrFail({ id });
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
      await manager.getRepository(Slot).update(
        { id },
        {
          title: dto.title ?? slot.title,
          description: dto.description ?? slot.description,
          capacity,
          startDate: start,
          endDate: end,
          stipend: dto.stipend ?? slot.stipend,
          mentorName: dto.mentorName ?? slot.mentorName,
        },
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
    const slot = await this.findInScope(id, user);
    const [dto] = await this.toDtos([slot]);
    return dto;
  }

  async list(query: ListSlotsQuery, user: AuthUser): Promise<Page<SlotDto>> {
    const qb = this.dataSource.getRepository(Slot).createQueryBuilder('s');
    const ownCompany = ownCompanyId(user);
    if (user.role === Role.CompanyAdmin) {
      qb.andWhere('s.companyId = :ownCompany', { ownCompany });
    } else if (!isProvinceWide(user)) {
      // Students and schools see open slots only.
      qb.andWhere('s.status = :open', { open: SlotStatus.Open });
    }
    const regions = ownRegionCodes(user);
    if (regions !== null) {
      qb.andWhere('s.regionCode IN (:...regions)', { regions });
    }
    if (query.status) {
      qb.andWhere('s.status = :status', { status: query.status });
    }
    if (query.companyId && isProvinceWide(user)) {
      qb.andWhere('s.companyId = :companyId', { companyId: query.companyId });
    }
    if (query.regionCode) {
      qb.andWhere('s.regionCode = :regionCode', { regionCode: query.regionCode });
    }
    if (query.date) {
      qb.andWhere(':date BETWEEN s.startDate AND s.endDate', { date: query.date });
    }
    if (query.search) {
      qb.andWhere('s.title LIKE :search', { search: containsPattern(query.search) });
    }
    if (query.unit) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM slot_requirements r WHERE r.slot_id = s.id AND r.unit_code = :unit)',
        {
          unit: query.unit,
        },
      );
    }
    if (query.programCode) {
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('NOT EXISTS (SELECT 1 FROM slot_programs p WHERE p.slot_id = s.id)')
            .orWhere(
              'EXISTS (SELECT 1 FROM slot_programs p2 WHERE p2.slot_id = s.id AND p2.program_code = :program)',
              {
                program: query.programCode,
              },
            ),
        ),
      );
    }
    const [slots, total] = await qb
      .orderBy('s.startDate', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .skip(query.skip)
      .take(query.pageSize)
      .getManyAndCount();
    return toPage(await this.toDtos(slots), total, query);
  }

  /** The slot if the user may see it; otherwise 404, as if it did not exist. */
  async findInScope(id: number, user: AuthUser): Promise<Slot> {
    const slot = await this.dataSource.getRepository(Slot).findOneBy({ id });
    if (!slot) {
      throw new NotFoundException('slot', id);
    }
    assertCompanyInScope(user, slot.companyId, 'slot', id);
    assertRegionInScope(user, slot.regionCode, 'slot', id);
    if (
      !isProvinceWide(user) &&
      user.role !== Role.CompanyAdmin &&
      slot.status !== SlotStatus.Open
    ) {
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
    const existing = await this.findInScope(id, user);
    await inTransaction(this.dataSource, async (manager) => {
      const company = await this.quota.lockCompany(manager, existing.companyId);
      const slot = await manager.getRepository(Slot).findOneByOrFail({ id });
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
      await manager.getRepository(Slot).update({ id }, { status: to });
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
    if (
      regionCode !== null &&
      !(await this.dataSource.getRepository(Region).existsBy({ code: regionCode }))
    ) {
      problems.push({ field: 'regionCode', problems: [`unknown region ${regionCode}`] });
    }
    const unique = [...new Set(programCodes)];
    if (unique.length > 0) {
      const known = await this.dataSource.getRepository(Program).findBy({ code: In(unique) });
      const missing = unique.filter((c) => !known.some((k) => k.code === c));
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
    const known = await this.dataSource.getRepository(CompetencyUnit).findBy({ code: In(codes) });
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
      await manager.getRepository(SlotRequirement).delete({ slotId });
      await manager.getRepository(SlotRequirement).insert(
        requirements.map((r) => ({
          slotId,
          unitCode: r.unit,
          minLevel: r.minLevel,
          weight: String(r.weight ?? 1),
        })),
      );
    }
    if (programCodes) {
      await manager.getRepository(SlotProgram).delete({ slotId });
      const unique = [...new Set(programCodes)];
      if (unique.length > 0) {
        await manager
          .getRepository(SlotProgram)
          .insert(unique.map((programCode) => ({ slotId, programCode })));
      }
    }
  }

  private async toDtos(slots: Slot[]): Promise<SlotDto[]> {
    if (slots.length === 0) {
      return [];
    }
    const ids = slots.map((s) => s.id);
    const [requirements, programs] = await Promise.all([
      this.dataSource
        .getRepository(SlotRequirement)
        .find({ where: { slotId: In(ids) }, order: { unitCode: 'ASC' } }),
      this.dataSource
        .getRepository(SlotProgram)
        .find({ where: { slotId: In(ids) }, order: { programCode: 'ASC' } }),
    ]);
    return slots.map((s) => ({
      id: s.id,
      companyId: s.companyId,
      title: s.title,
      description: s.description,
      regionCode: s.regionCode,
      requirements: requirements
        .filter((r) => r.slotId === s.id)
        .map((r) => ({ unit: r.unitCode, minLevel: r.minLevel, weight: Number(r.weight) })),
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
}

function assertDuration(start: string, end: string): void {
  const problems: FieldProblem[] = [];
  if (!isCalendarDate(start)) {
    problems.push({ field: 'startDate', problems: ['is not a real calendar date'] });
  }
  if (!isCalendarDate(end)) {
    problems.push({ field: 'endDate', problems: ['is not a real calendar date'] });
  }
  if (problems.length > 0) {
    throw new ValidationFailedException(problems);
  }
  if (end <= start) {
    throw SlotsException.duration('endDate must be after startDate');
  }
  if (end >= addMonths(start, MAX_DURATION_MONTHS)) {
    throw SlotsException.duration(
      `Permenaker 6/2020: an apprenticeship lasts at most ${MAX_DURATION_MONTHS} months (end before ${addMonths(start, MAX_DURATION_MONTHS)})`,
    );
  }
}
