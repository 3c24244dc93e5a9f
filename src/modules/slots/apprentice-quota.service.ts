import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotFoundException } from '../../common/errors/domain.exception';
import { apprenticeLimit } from '../companies/dto/company.dto';
import { Company } from '../companies/company.entity';
import { SEAT_HOLDING } from '../placements/placement.entity';
import { peakSeats, SeatInterval } from './apprentice-quota';
import { SlotStatus } from './slot.entity';
import { SlotsException } from './slots.exception';

/** A slot as it will be after the change being checked. */
export interface SlotChange {
  slotId: number | null;
  status: SlotStatus;
  start: string;
  end: string;
  capacity: number;
}

/**
 * Permenaker 6/2020: a company's apprentices at any moment are at most 20 % of its workforce.
 * "Apprentices at a moment" counts every seat of its open slots running then (an open slot
 * can fill up at any time) plus accepted and active placements in its other slots.
 * Callers run this inside their transaction: it locks the company row, so two concurrent
 * changes for one company are checked one after the other.
 */
@Injectable()
export class ApprenticeQuotaService {
  async lockCompany(manager: EntityManager, companyId: number): Promise<Company> {
    const company = await manager
      .getRepository(Company)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :companyId', { companyId })
      .getOne();
    if (!company) {
      throw new NotFoundException('company', companyId);
    }
    return company;
  }

  /** Throws apprentice_quota when the company, after `change`, would exceed its limit. */
  async assertWithinQuota(
    manager: EntityManager,
    company: Company,
    change: SlotChange | null,
    workforceSize = company.workforceSize,
  ): Promise<void> {
    const intervals = await this.seatIntervals(manager, company.id, change);
    const { peak, on } = peakSeats(intervals);
    const limit = apprenticeLimit(workforceSize);
    if (peak > limit) {
      throw SlotsException.apprenticeQuota(limit, peak, on, workforceSize);
    }
  }

  private async seatIntervals(
    manager: EntityManager,
    companyId: number,
    change: SlotChange | null,
  ): Promise<SeatInterval[]> {
    const changedId = change?.slotId ?? 0;
    const openSlots = await manager.query<{ start: string; end: string; capacity: number }[]>(
      `SELECT start_date AS start, end_date AS end, capacity FROM slots
        WHERE company_id = ? AND status = 'open' AND id <> ?`,
      [companyId, changedId],
    );
    const changedIsOpen = change !== null && change.status === SlotStatus.Open;
    // Placements are counted one by one only where no open slot's capacity already covers them.
    const placements = await manager.query<{ start: string; end: string }[]>(
      `SELECT p.start_date AS start, p.end_date AS end FROM placements p
         JOIN slots s ON s.id = p.slot_id
        WHERE p.company_id = ? AND p.status IN (?)
          AND ((s.status <> 'open' AND s.id <> ?) OR (s.id = ? AND ?))`,
      [companyId, SEAT_HOLDING, changedId, changedId, !changedIsOpen],
    );
    const intervals: SeatInterval[] = [
      ...openSlots.map((s) => ({ start: s.start, end: s.end, seats: Number(s.capacity) })),
      ...placements.map((p) => ({ start: p.start, end: p.end, seats: 1 })),
    ];
    if (change && changedIsOpen) {
      intervals.push({ start: change.start, end: change.end, seats: change.capacity });
    }
    return intervals;
  }
}
