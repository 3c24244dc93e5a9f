import type { EntityManager } from 'typeorm';

/**
 * What companies need to know of the apprentice quota, whose rule and seats live with slots
 * (a higher module): slots provides it (slots/apprentice-seats.module.ts).
 */
export abstract class ApprenticeSeats {
  /** How many apprentices a workforce of this size allows at any moment. */
  abstract limitFor(workforceSize: number): number;

  /**
   * Throws apprentice_quota when a workforce of `workforceSize` no longer covers the company's
   * apprentices at their busiest moment. Call it holding the company's row lock.
   */
  abstract assertCovered(
    companyId: number,
    workforceSize: number,
    manager: EntityManager,
  ): Promise<void>;
}
