/** The schools feature's shapes other features use (they never import its entities). */

export enum SchoolStatus {
  Negeri = 'negeri',
  Swasta = 'swasta',
}

export enum Accreditation {
  A = 'A',
  B = 'B',
  C = 'C',
  NotAccredited = 'TT',
}

/** What other features need of a school: where it is and whether it takes new work. */
export interface SchoolSummary {
  id: number;
  name: string;
  regionCode: string;
  active: boolean;
}

/** A programme of the national reference list. */
export interface ProgramRecord {
  code: string;
  name: string;
  field: string;
}
