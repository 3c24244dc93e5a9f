/** The slots feature's shapes other features use (they never import its entities). */

export enum SlotStatus {
  Draft = 'draft',
  Open = 'open',
  Closed = 'closed',
}

/** A slot as other features read it. */
export interface SlotSummary {
  id: number;
  companyId: number;
  title: string;
  regionCode: string;
  capacity: number;
  filled: number;
  startDate: string;
  endDate: string;
  status: SlotStatus;
}

/** An open slot as a matching round sees it: seats not yet taken (offers not counted). */
export interface RoundSlot {
  id: number;
  companyId: number;
  regionCode: string;
  /** capacity − filled; the caller subtracts the offers still open. */
  unfilled: number;
}

export interface SlotRequirementRecord {
  slotId: number;
  unit: string;
  minLevel: number;
  weight: number;
}

export interface SlotProgramRecord {
  slotId: number;
  programCode: string;
}
