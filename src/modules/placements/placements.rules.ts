import { Role } from '../../common/auth/role.enum';
import { ageOn } from '../../common/database/dates';
import { ADULT_AGE } from '../students/students.rules';
import { PlacementStatus } from './placements.types';

export type PlacementAction =
  'accept' | 'decline' | 'withdraw' | 'start' | 'complete' | 'terminate';

interface TransitionRule {
  from: PlacementStatus[];
  to: PlacementStatus;
  /** Who may do it (always within their access scope). */
  actors: Role[];
}

const STUDENT_SIDE = [Role.Admin, Role.Student, Role.SchoolAdmin];
const COMPANY_SIDE = [Role.Admin, Role.Coordinator, Role.CompanyAdmin];

/** The placement state machine of DESIGN.md, in one table. */
export const TRANSITIONS: Record<PlacementAction, TransitionRule> = {
  accept: { from: [PlacementStatus.Offered], to: PlacementStatus.Accepted, actors: STUDENT_SIDE },
  decline: { from: [PlacementStatus.Offered], to: PlacementStatus.Declined, actors: STUDENT_SIDE },
  withdraw: {
    from: [PlacementStatus.Proposed, PlacementStatus.Offered, PlacementStatus.Accepted],
    to: PlacementStatus.Withdrawn,
    actors: COMPANY_SIDE,
  },
  start: { from: [PlacementStatus.Accepted], to: PlacementStatus.Active, actors: COMPANY_SIDE },
  complete: { from: [PlacementStatus.Active], to: PlacementStatus.Completed, actors: COMPANY_SIDE },
  terminate: {
    from: [PlacementStatus.Accepted, PlacementStatus.Active],
    to: PlacementStatus.Terminated,
    actors: COMPANY_SIDE,
  },
};

/** Whether `action` may be taken on a placement in `status`. */
export function canTransition(action: PlacementAction, status: PlacementStatus): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** Whether `role` is a party that may take `action` (its scope is checked apart). */
export function mayTakeStep(action: PlacementAction, role: Role): boolean {
  return TRANSITIONS[action].actors.includes(role);
}

/** Permenaker 6/2020: an apprentice is at least 17; a minor (under 18) needs a parent's consent. */
export const MINIMUM_AGE = 17;

export interface AgeFacts {
  birthDate: string;
  /** A boolean, or MySQL's 0/1. */
  parentalConsent: boolean | number;
}

export type AgeProblem = { rule: 'minimum_age' | 'parental_consent_required'; age: number };

/** Why a student may not be an apprentice on `day` (a slot's start date), or null. */
export function ageProblem(student: AgeFacts, day: string): AgeProblem | null {
  const age = ageOn(student.birthDate, day);
  if (age < MINIMUM_AGE) {
    return { rule: 'minimum_age', age };
  }
  if (age < ADULT_AGE && !Number(student.parentalConsent)) {
    return { rule: 'parental_consent_required', age };
  }
  return null;
}

export function isOldEnough(student: AgeFacts, day: string): boolean {
  return ageProblem(student, day) === null;
}

/** An offer can still be accepted: offered, and its deadline (if any) not yet passed. */
export function isOfferOpen(
  offer: { status: PlacementStatus; offerDeadline: Date | null },
  now: Date,
): boolean {
  return (
    offer.status === PlacementStatus.Offered &&
    (offer.offerDeadline === null || offer.offerDeadline.getTime() >= now.getTime())
  );
}

/**
 * `isOfferOpen` as an SQL condition over a placements alias, for set-based reads (seats still
 * promised, students still waiting). The same rule: keep the two together.
 */
export function openOfferSql(alias: string): string {
  return `(${alias}.status = '${PlacementStatus.Offered}' AND (${alias}.offer_deadline IS NULL OR ${alias}.offer_deadline >= NOW(3)))`;
}
