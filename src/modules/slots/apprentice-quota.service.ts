import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ApprenticeSeats } from '../companies/apprentice-seats.port';
import { PlacementSeats } from './placement-seats.port';
import { SlotsRepository } from './slots.repository';
import { apprenticeLimit, peakSeats, SeatInterval } from './slots.rules';
import { SlotsException } from './slots.exception';
import { SlotStatus } from './slots.types';

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
 * Callers hold the company's row lock (CompaniesService.lockForSeats) in their transaction,
 * so two changes for one company are checked one after the other.
 */
@Injectable()
export class ApprenticeQuotaService implements ApprenticeSeats {
  constructor(
    private readonly slots: SlotsRepository,
    private readonly placements: PlacementSeats,
  ) {}

  limitFor(workforceSize: number): number {
    return apprenticeLimit(workforceSize);
  }

  assertCovered(companyId: number, workforceSize: number, manager: EntityManager): Promise<void> {
    return this.assertWithinQuota(manager, { id: companyId, workforceSize }, null);
  }

  /** Throws apprentice_quota when the company, after `change`, would exceed its limit. */
  async assertWithinQuota(
    manager: EntityManager,
    company: { id: number; workforceSize: number },
    change: SlotChange | null,
  ): Promise<void> {
    const { peak, on } = peakSeats(await this.seatIntervals(manager, company.id, change));
    const limit = apprenticeLimit(company.workforceSize);
    if (peak > limit) {
      throw SlotsException.apprenticeQuota(limit, peak, on, company.workforceSize);
    }
  }

  private async seatIntervals(
    manager: EntityManager,
    companyId: number,
    change: SlotChange | null,
  ): Promise<SeatInterval[]> {
    const changedId = change?.slotId ?? 0;
    const changedIsOpen = change !== null && change.status === SlotStatus.Open;
    const open = await this.slots.openSeats(companyId, changedId, manager);
    const openIds = new Set(open.map((s) => s.id));
    // Placements count one by one only where no open slot's capacity already covers them.
    const held = (await this.placements.heldByCompany(companyId, manager)).filter(
      (p) => !openIds.has(p.slotId) && !(p.slotId === changedId && changedIsOpen),
    );
    const intervals: SeatInterval[] = [
      ...open.map((s) => ({ start: s.start, end: s.end, seats: s.capacity })),
      ...held.map((p) => ({ start: p.start, end: p.end, seats: 1 })),
    ];
    if (change && changedIsOpen) {
      intervals.push({ start: change.start, end: change.end, seats: change.capacity });
    }
    return intervals;
  }
}
