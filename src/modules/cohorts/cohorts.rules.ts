import { CohortStatus } from './cohorts.types';

/**
 * The seat rules of a cohort, one copy each. The repository turns them into its guarded SQL
 * (the status lists below), so a rule changed here changes the checks everywhere.
 */

/** Statuses in which a cohort still takes (and releases) enrolments. */
export const ENROLLING_STATUSES: readonly CohortStatus[] = [
  CohortStatus.Planned,
  CohortStatus.Running,
];

/** Whether a cohort in `status` takes new enrolments and lets students withdraw. */
export function acceptsEnrolments(status: CohortStatus): boolean {
  return ENROLLING_STATUSES.includes(status);
}

/** Whether one more student fits. */
export function hasSeat(cohort: { capacity: number; enrolledCount: number }): boolean {
  return cohort.enrolledCount < cohort.capacity;
}

/** Whether a new capacity still holds the students already enrolled. */
export function capacityHolds(capacity: number, enrolledCount: number): boolean {
  return enrolledCount <= capacity;
}

/** Share of the seats taken (0 when a cohort has no seats), to four decimals. */
export function fillRate(enrolled: number, capacity: number): number {
  return ratio(enrolled, capacity);
}

export function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}

export interface CohortDates {
  startDate: string;
  endDate: string;
}

/** Two cohorts overlap when each starts on or before the other ends (dates are inclusive). */
export function datesOverlap(a: CohortDates, b: CohortDates): boolean {
  return a.startDate <= b.endDate && a.endDate >= b.startDate;
}

/**
 * The first of a student's other cohorts whose dates clash with `target`: a cancelled cohort
 * holds nobody, so it never clashes.
 */
export function clashingCohort<T extends CohortDates & { id: number; status: CohortStatus }>(
  target: CohortDates & { id: number },
  others: readonly T[],
): T | undefined {
  return others.find(
    (o) => o.id !== target.id && o.status !== CohortStatus.Cancelled && datesOverlap(target, o),
  );
}

/**
 * Dates can move only while nobody depends on them: a planned cohort with no enrolments
 * (moving dates under enrolled students could create overlaps nobody checked).
 */
export function datesChangeable(cohort: { status: CohortStatus; enrolledCount: number }): boolean {
  return cohort.status === CohortStatus.Planned && cohort.enrolledCount === 0;
}

/** The statuses each status may be changed into. */
const TRANSITIONS: Record<CohortStatus, readonly CohortStatus[]> = {
  [CohortStatus.Planned]: [CohortStatus.Running, CohortStatus.Cancelled],
  [CohortStatus.Running]: [CohortStatus.Completed, CohortStatus.Cancelled],
  [CohortStatus.Completed]: [],
  [CohortStatus.Cancelled]: [],
};

export function canTransition(from: CohortStatus, to: CohortStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The statuses from which a cohort may be changed into `to` (for the guarded UPDATE). */
export function transitionOrigins(to: CohortStatus): CohortStatus[] {
  return (Object.keys(TRANSITIONS) as CohortStatus[]).filter((from) => canTransition(from, to));
}

/** Attendance and assessment are recorded only while the cohort runs. */
export function acceptsResults(status: CohortStatus): boolean {
  return status === CohortStatus.Running;
}
