/**
 * Plain data in, plain data out: the engine's whole public vocabulary.
 * Nothing here knows about entities, HTTP or queues.
 */

export interface Student {
  id: string;
  /** BPS code of the domicile regency/city, e.g. "3603". Its first two digits are the province. */
  regionCode: string;
  programCode?: string;
  /** competency unit code → level held (1–5) */
  units: Record<string, number>;
  /** slot ids, best first; when present it is the student's whole ranking */
  preferences?: string[];
  /** higher goes first among equal scores */
  priority?: number;
  schoolId?: string;
}

export interface Requirement {
  unit: string;
  minLevel: number;
  /** relative importance in the fit; 1 when absent */
  weight?: number;
}

export interface Slot {
  id: string;
  companyId: string;
  regionCode: string;
  capacity: number;
  requirements: Requirement[];
  /** when present, only these programmes are accepted */
  programCodes?: string[];
  /** student ids, best first; listed students come before every unlisted one */
  ranking?: string[];
}

/**
 * same_region: only slots in the student's regency/city.
 * same_province: only slots in the student's province; same regency scores higher.
 * prefer_same: any slot; same regency (then province) scores higher.
 * any: any slot; region plays no part in the score.
 */
export type RegionPolicy = 'same_region' | 'same_province' | 'prefer_same' | 'any';

export interface MatchWeights {
  /** weight of the competency fit; default 0.8 */
  competency?: number;
  /** weight of the region effect; default 0.2 (ignored under 'any') */
  region?: number;
}

export interface ReserveOptions {
  /** region codes whose students get reserved seats (e.g. high-unemployment regencies) */
  regionCodes: string[];
  /** share of each slot's capacity reserved for them, rounded down; default 0.2 */
  share?: number;
}

export interface MatchOptions {
  mode: 'stable' | 'optimal';
  weights?: MatchWeights;
  regionPolicy?: RegionPolicy;
  /** seed of the lottery that breaks the last ties; default 1 */
  seed?: number;
  /** keep only each student's top-k eligible slots */
  maxPreferences?: number;
  /** stable mode: at most this many students of one school per company */
  schoolCompanyCap?: number;
  /** stable mode: minority reserves (Hafalir–Yenmez–Yildirim), which keep DA stable */
  reserves?: ReserveOptions;
  /** optimal mode: maximise the number matched first, then the total fit */
  maximizeMatchedFirst?: boolean;
  /**
   * Threads that scan the slot index at once, the calling one included, in stable mode: for the
   * first entries of the lists, the rest of them deferred acceptance and the certificate read,
   * and the ranks counted by scans, where there are 10,000 students or more to scan; default the
   * machine's cores, at most 4. The result is the same with any number.
   */
  threads?: number;
  /**
   * Checks the result for blocking pairs before it is returned (`stats.blockingPairs`): in
   * stable mode, while the lists deferred acceptance made are at hand, for a fraction of what
   * `findBlockingPairs` on the result costs afterwards.
   */
  certify?: boolean;
  /** injected clock for stage timings; the engine never reads one itself */
  clock?: () => number;
}

export interface RequirementMet {
  unit: string;
  minLevel: number;
  level: number;
}

export interface AssignmentExplanation {
  met: RequirementMet[];
  /** 'same_region' | 'same_province' | 'other' */
  region: 'same_region' | 'same_province' | 'other';
  /** contribution of the region term to the score */
  regionEffect: number;
  competency: number;
  /** the student's rank of this slot (1 = first choice) and the length of their list */
  studentRank: number;
  listLength: number;
}

export interface Assignment {
  studentId: string;
  slotId: string;
  score: number;
  rank?: number;
  explanation: AssignmentExplanation;
}

export type UnmatchedReason =
  | {
      code: 'no_eligible_slot';
      /** the slot the student came closest to, if any shares a unit with them */
      closestSlotId?: string;
      missingUnit?: string;
      missingMinLevel?: number;
      heldLevel?: number;
      message: string;
    }
  | {
      code: 'outranked';
      /** the student's first choice, its lowest admitted score and the student's own score there */
      slotId: string;
      cutoffScore: number;
      score: number;
      eligibleSlots: number;
      message: string;
    };

export interface Unmatched {
  studentId: string;
  reason: UnmatchedReason;
}

export interface MatchStats {
  mode: 'stable' | 'optimal';
  /** true only for stable mode: optimal assignments may have blocking pairs */
  stable: boolean;
  students: number;
  slots: number;
  seats: number;
  eligiblePairs: number;
  matched: number;
  unmatched: number;
  totalScore: number;
  averageScore: number;
  averageRank: number;
  /** the blocking pairs found, only when options.certify was given (0: stable) */
  blockingPairs?: number;
  /** connected parts of the eligibility graph, solved one after another (optimal mode) */
  components?: number;
  /** stage → milliseconds, only when options.clock was given */
  timings?: Record<string, number>;
}

export interface MatchResult {
  assignments: Assignment[];
  unmatched: Unmatched[];
  stats: MatchStats;
}

export interface BlockingPair {
  studentId: string;
  slotId: string;
}
