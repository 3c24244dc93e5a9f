import {
  acceptsEnrolments,
  acceptsResults,
  canTransition,
  capacityHolds,
  clashingCohort,
  datesChangeable,
  datesOverlap,
  fillRate,
  hasSeat,
  transitionOrigins,
} from './cohorts.rules';
import { CohortStatus } from './cohorts.types';

describe('cohorts.rules', () => {
  it('takes enrolments while planned or running only', () => {
    expect(acceptsEnrolments(CohortStatus.Planned)).toBe(true);
    expect(acceptsEnrolments(CohortStatus.Running)).toBe(true);
    expect(acceptsEnrolments(CohortStatus.Completed)).toBe(false);
    expect(acceptsEnrolments(CohortStatus.Cancelled)).toBe(false);
  });

  it('records results only while running', () => {
    expect(acceptsResults(CohortStatus.Running)).toBe(true);
    expect(acceptsResults(CohortStatus.Planned)).toBe(false);
  });

  it('has a seat until the capacity is reached; a new capacity must hold those enrolled', () => {
    expect(hasSeat({ capacity: 2, enrolledCount: 1 })).toBe(true);
    expect(hasSeat({ capacity: 2, enrolledCount: 2 })).toBe(false);
    expect(capacityHolds(3, 3)).toBe(true);
    expect(capacityHolds(2, 3)).toBe(false);
    expect(fillRate(1, 3)).toBe(0.3333);
    expect(fillRate(0, 0)).toBe(0);
  });

  it('overlaps inclusive of the first and last day', () => {
    const july = { startDate: '2026-07-01', endDate: '2026-07-31' };
    expect(datesOverlap(july, { startDate: '2026-07-31', endDate: '2026-08-15' })).toBe(true);
    expect(datesOverlap(july, { startDate: '2026-08-01', endDate: '2026-08-15' })).toBe(false);
    expect(datesOverlap(july, { startDate: '2026-06-01', endDate: '2026-07-01' })).toBe(true);
  });

  it('finds a clashing cohort, ignoring the target itself and cancelled cohorts', () => {
    const target = { id: 1, startDate: '2026-07-01', endDate: '2026-07-31' };
    const others = [
      { id: 1, status: CohortStatus.Planned, startDate: '2026-07-01', endDate: '2026-07-31' },
      { id: 2, status: CohortStatus.Cancelled, startDate: '2026-07-10', endDate: '2026-07-20' },
      { id: 3, status: CohortStatus.Completed, startDate: '2026-07-15', endDate: '2026-08-15' },
    ];
    expect(clashingCohort(target, others)?.id).toBe(3);
    expect(clashingCohort(target, others.slice(0, 2))).toBeUndefined();
  });

  it('lets dates move only in a planned cohort nobody is enrolled in', () => {
    expect(datesChangeable({ status: CohortStatus.Planned, enrolledCount: 0 })).toBe(true);
    expect(datesChangeable({ status: CohortStatus.Planned, enrolledCount: 1 })).toBe(false);
    expect(datesChangeable({ status: CohortStatus.Running, enrolledCount: 0 })).toBe(false);
  });

  it('allows planned → running → completed, and cancelling before completion only', () => {
    expect(canTransition(CohortStatus.Planned, CohortStatus.Running)).toBe(true);
    expect(canTransition(CohortStatus.Running, CohortStatus.Completed)).toBe(true);
    expect(canTransition(CohortStatus.Planned, CohortStatus.Completed)).toBe(false);
    expect(canTransition(CohortStatus.Completed, CohortStatus.Cancelled)).toBe(false);
    expect(canTransition(CohortStatus.Running, CohortStatus.Planned)).toBe(false);
    expect(transitionOrigins(CohortStatus.Cancelled)).toEqual([
      CohortStatus.Planned,
      CohortStatus.Running,
    ]);
  });
});
