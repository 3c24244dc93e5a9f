import { Role } from '../../common/auth/role.enum';
import { PlacementStatus } from './placement.entity';

export type PlacementAction =
  'accept' | 'decline' | 'withdraw' | 'start' | 'complete' | 'terminate';

interface TransitionRule {
  from: PlacementStatus[];
  to: PlacementStatus;
  /** Who may do it (always within their tenant scope). */
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
