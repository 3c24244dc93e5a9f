import type { EntityManager } from 'typeorm';

/** A seat a placement holds (accepted or active) in one of the company's slots. */
export interface HeldSeat {
  slotId: number;
  start: string;
  end: string;
}

/**
 * What the apprentice quota needs of placements, a higher module: the seats a company's
 * placements hold. Placements provides it (placements/placement-seats.module.ts).
 */
export abstract class PlacementSeats {
  abstract heldByCompany(companyId: number, manager: EntityManager): Promise<HeldSeat[]>;
}
