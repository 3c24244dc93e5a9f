import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { Action, scopeList } from '../../common/access/access-policy';
import { AuthUser } from '../../common/auth/auth-user';
import { containsPattern } from '../../common/database/like';
import { ListSlotsQuery } from './dto/slot.dto';
import { Slot, SlotProgram, SlotRequirement } from './slot.entity';
import { RoundSlot, SlotProgramRecord, SlotRequirementRecord, SlotSummary } from './slots.types';

/** Every query on `slots`, `slot_requirements` and `slot_programs`. */
@Injectable()
export class SlotsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: number, manager: EntityManager = this.dataSource.manager): Promise<Slot | null> {
    return manager.getRepository(Slot).findOneBy({ id });
  }

  async findSummaries(
    ids: readonly number[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SlotSummary[]> {
    if (ids.length === 0) {
      return [];
    }
    const slots = await manager.getRepository(Slot).findBy({ id: In([...new Set(ids)]) });
    return slots.map((s) => ({
      id: s.id,
      companyId: s.companyId,
      title: s.title,
      regionCode: s.regionCode,
      capacity: s.capacity,
      filled: s.filled,
      startDate: s.startDate,
      endDate: s.endDate,
      status: s.status,
    }));
  }

  /** Seats of the company's open slots (but `exceptId`): the quota counts them whole. */
  async openSeats(
    companyId: number,
    exceptId: number,
    manager: EntityManager,
  ): Promise<{ id: number; start: string; end: string; capacity: number }[]> {
    const rows = await manager.query<
      { id: number; start: string; end: string; capacity: number }[]
    >(
      `SELECT id, start_date AS start, end_date AS end, capacity FROM slots
        WHERE company_id = ? AND status = 'open' AND id <> ?`,
      [companyId, exceptId],
    );
    return rows.map((r) => ({ ...r, capacity: Number(r.capacity) }));
  }

  async insert(fields: Partial<Slot>, manager: EntityManager): Promise<number> {
    return (await manager.getRepository(Slot).save(fields)).id;
  }

  async update(id: number, changes: Partial<Slot>, manager: EntityManager): Promise<void> {
    await manager.getRepository(Slot).update({ id }, changes);
  }

  async replaceRequirements(
    slotId: number,
    requirements: { unit: string; minLevel: number; weight?: number }[],
    manager: EntityManager,
  ): Promise<void> {
    await manager.getRepository(SlotRequirement).delete({ slotId });
    if (requirements.length > 0) {
      await manager.getRepository(SlotRequirement).insert(
        requirements.map((r) => ({
          slotId,
          unitCode: r.unit,
          minLevel: r.minLevel,
          weight: String(r.weight ?? 1),
        })),
      );
    }
  }

  async replacePrograms(
    slotId: number,
    programCodes: readonly string[],
    manager: EntityManager,
  ): Promise<void> {
    await manager.getRepository(SlotProgram).delete({ slotId });
    if (programCodes.length > 0) {
      await manager
        .getRepository(SlotProgram)
        .insert(programCodes.map((programCode) => ({ slotId, programCode })));
    }
  }

  async requirementsOf(
    slotIds: readonly number[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SlotRequirementRecord[]> {
    if (slotIds.length === 0) {
      return [];
    }
    const rows = await manager.query<
      { slotId: number; unit: string; minLevel: number; weight: string }[]
    >(
      'SELECT slot_id AS slotId, unit_code AS unit, min_level AS minLevel, weight FROM slot_requirements WHERE slot_id IN (?) ORDER BY slot_id, unit_code',
      [slotIds],
    );
    return rows.map((r) => ({
      slotId: Number(r.slotId),
      unit: r.unit,
      minLevel: Number(r.minLevel),
      weight: Number(r.weight),
    }));
  }

  async programsOf(
    slotIds: readonly number[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SlotProgramRecord[]> {
    if (slotIds.length === 0) {
      return [];
    }
    const rows = await manager.query<SlotProgramRecord[]>(
      'SELECT slot_id AS slotId, program_code AS programCode FROM slot_programs WHERE slot_id IN (?) ORDER BY slot_id, program_code',
      [slotIds],
    );
    return rows.map((r) => ({ slotId: Number(r.slotId), programCode: r.programCode }));
  }

  /**
   * Open slots whose region lies in one of these provinces (none: all), in id order; only
   * those among `onlyIds` when given.
   */
  async openForRound(
    provinceCodes: readonly string[],
    manager: EntityManager = this.dataSource.manager,
    onlyIds?: readonly number[],
  ): Promise<RoundSlot[]> {
    if (onlyIds !== undefined && onlyIds.length === 0) {
      return [];
    }
    const where = ["s.status = 'open'"];
    const params: unknown[] = [];
    if (provinceCodes.length > 0) {
      where.push('LEFT(s.region_code, 2) IN (?)');
      params.push([...provinceCodes]);
    }
    if (onlyIds !== undefined) {
      where.push('s.id IN (?)');
      params.push([...onlyIds]);
    }
    const rows = await manager.query<
      { id: number; companyId: number; regionCode: string; unfilled: number }[]
    >(
      `SELECT s.id, s.company_id AS companyId, s.region_code AS regionCode, s.capacity - s.filled AS unfilled
         FROM slots s
        WHERE ${where.join(' AND ')}
        ORDER BY s.id`,
      params,
    );
    return rows.map((r) => ({ ...r, unfilled: Number(r.unfilled) }));
  }

  /**
   * Takes one seat, atomically: only while the slot is open and below capacity. Returns false
   * when there was none. Run it in the transaction that makes the placement hold the seat.
   */
  async takeSeat(slotId: number, manager: EntityManager): Promise<boolean> {
    const result = await manager.query<{ affectedRows: number }>(
      `UPDATE slots SET filled = filled + 1 WHERE id = ? AND filled < capacity AND status = 'open'`,
      [slotId],
    );
    return result.affectedRows === 1;
  }

  async releaseSeat(slotId: number, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE slots SET filled = filled - 1 WHERE id = ? AND filled > 0', [
      slotId,
    ]);
  }

  async list(query: ListSlotsQuery, user: AuthUser): Promise<{ items: Slot[]; total: number }> {
    const qb = this.dataSource.getRepository(Slot).createQueryBuilder('s');
    // Students and schools see open slots; a company its own; coordinators theirs.
    scopeList(qb, user, 'slot', 's', Action.List);
    if (query.status) {
      qb.andWhere('s.status = :status', { status: query.status });
    }
    if (query.companyId) {
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
        { unit: query.unit },
      );
    }
    if (query.programCode) {
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('NOT EXISTS (SELECT 1 FROM slot_programs p WHERE p.slot_id = s.id)')
            .orWhere(
              'EXISTS (SELECT 1 FROM slot_programs p2 WHERE p2.slot_id = s.id AND p2.program_code = :program)',
              { program: query.programCode },
            ),
        ),
      );
    }
    const [items, total] = await qb
      .orderBy('s.startDate', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .skip(query.skip)
      .take(query.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  /** Free seats of open slots per region and required unit (analytics' demand). */
  async openSeatsByRegionUnit(
    regionCodes: readonly string[],
    unitCode?: string,
  ): Promise<{ region: string; unit: string; n: number }[]> {
    if (regionCodes.length === 0) {
      return [];
    }
    const rows = await this.dataSource.query<{ region: string; unit: string; n: string }[]>(
      `SELECT sl.region_code AS region, r.unit_code AS unit, SUM(sl.capacity - sl.filled) AS n
         FROM slots sl
         JOIN slot_requirements r ON r.slot_id = sl.id
        WHERE sl.status = 'open' AND sl.region_code IN (?)
              ${unitCode === undefined ? '' : 'AND r.unit_code = ?'}
        GROUP BY sl.region_code, r.unit_code`,
      [regionCodes, ...(unitCode === undefined ? [] : [unitCode])],
    );
    return rows.map((r) => ({ region: r.region, unit: r.unit, n: Number(r.n) }));
  }

  /** The highest level open slots of a region ask in each of these units. */
  async levelsNeeded(region: string, unitCodes: readonly string[]): Promise<Map<string, number>> {
    if (unitCodes.length === 0) {
      return new Map();
    }
    const rows = await this.dataSource.query<{ unit: string; level: number }[]>(
      `SELECT r.unit_code AS unit, MAX(r.min_level) AS level
         FROM slot_requirements r JOIN slots s ON s.id = r.slot_id
        WHERE s.status = 'open' AND s.region_code = ? AND r.unit_code IN (?)
        GROUP BY r.unit_code`,
      [region, unitCodes],
    );
    return new Map(rows.map((r) => [r.unit, Number(r.level)]));
  }
}
