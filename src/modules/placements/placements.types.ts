/** proposed → offered → accepted → active → completed; declined, withdrawn, terminated end it. */
export enum PlacementStatus {
  Proposed = 'proposed',
  Offered = 'offered',
  Accepted = 'accepted',
  Active = 'active',
  Completed = 'completed',
  Declined = 'declined',
  Withdrawn = 'withdrawn',
  Terminated = 'terminated',
}

/** States that hold one of the slot's seats (counted in slots.filled). */
export const SEAT_HOLDING = [PlacementStatus.Accepted, PlacementStatus.Active];
/** States in which a placement is still open: one per student and slot. */
export const LIVE_STATUSES = [
  PlacementStatus.Proposed,
  PlacementStatus.Offered,
  PlacementStatus.Accepted,
  PlacementStatus.Active,
];

export enum PlacementSource {
  Manual = 'manual',
  Round = 'round',
}

/** One offer to make: a student for a slot. */
export interface OfferRequest {
  studentId: number;
  slotId: number;
}

/** What every offer of one call shares. */
export interface OfferOptions {
  source: PlacementSource;
  /** The matching round it comes from (rounds only). */
  runId: number | null;
  deadline: Date;
  /** The user who makes the offers. */
  createdBy: number | null;
}

/** Why an offer was not made: the code of the error a hand-made offer would get. */
export type OfferRefusal =
  | 'slot_not_found'
  | 'student_not_found'
  | 'student_not_available'
  | 'slot_not_open'
  | 'minimum_age'
  | 'parental_consent_required'
  | 'student_already_placed'
  | 'duplicate_placement';

export interface OfferOutcome {
  made: { id: number; studentId: number; slotId: number }[];
  skipped: {
    studentId: number;
    slotId: number;
    reason: OfferRefusal;
    /** The error a hand-made offer answers with. */
    error: Error;
  }[];
}

/** A placement as other modules read it. */
export interface PlacementSummary {
  id: number;
  studentId: number;
  slotId: number;
  companyId: number;
  schoolId: number;
  status: PlacementStatus;
  startDate: string;
  endDate: string;
  /** The assigned supervising teacher and company mentor (users), if any. */
  teacherId: number | null;
  mentorId: number | null;
}

/** Which supervisor of a placement: the school's teacher or the company's mentor. */
export type SupervisorKind = 'teacher' | 'mentor';
