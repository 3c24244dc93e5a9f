import { availableParallelism } from 'node:os';
import type { MatchOptions, RegionPolicy, Slot, Student } from './types';

/** Scores are kept as integers in millionths so that optimal mode works in exact arithmetic. */
export const SCORE_SCALE = 1_000_000;

export const REGION_SAME = 2;
export const REGION_PROVINCE = 1;
export const REGION_OTHER = 0;

export interface ResolvedOptions {
  mode: 'stable' | 'optimal';
  policy: RegionPolicy;
  wc: number;
  wr: number;
  seed: number;
  maxPreferences: number;
  schoolCompanyCap: number;
  reserveRegions: Set<string>;
  reserveShare: number;
  maximizeMatchedFirst: boolean;
  threads: number;
}

export function resolveOptions(options: MatchOptions): ResolvedOptions {
  const policy = options.regionPolicy ?? 'same_province';
  const wc = options.weights?.competency ?? 0.8;
  // Under 'any' the region must not move the score, otherwise it is not "any".
  const wr = policy === 'any' ? 0 : (options.weights?.region ?? 0.2);
  if (!(wc >= 0) || !(wr >= 0) || wc + wr <= 0) {
    throw new RangeError('weights must be non-negative and not both zero');
  }
  const cap = options.schoolCompanyCap;
  if (cap !== undefined && !(Number.isInteger(cap) && cap >= 0)) {
    throw new RangeError('schoolCompanyCap must be a non-negative integer');
  }
  const threads = options.threads ?? Math.min(availableParallelism(), 4);
  if (!(Number.isInteger(threads) && threads >= 1)) {
    throw new RangeError('threads must be a positive integer');
  }
  const share = options.reserves?.share ?? 0.2;
  if (!(share >= 0 && share <= 1)) throw new RangeError('reserves.share must be in [0, 1]');
  return {
    mode: options.mode,
    policy,
    wc,
    wr,
    seed: (options.seed ?? 1) >>> 0,
    maxPreferences:
      options.maxPreferences && options.maxPreferences > 0 ? options.maxPreferences : Infinity,
    schoolCompanyCap: cap ?? Infinity,
    reserveRegions: new Set(options.reserves?.regionCodes ?? []),
    reserveShare: options.reserves ? share : 0,
    maximizeMatchedFirst: options.maximizeMatchedFirst === true,
    threads,
  };
}

export function provinceOf(regionCode: string): string {
  return regionCode.slice(0, 2);
}

export function regionRelation(a: string, b: string): number {
  if (a === b) return REGION_SAME;
  return provinceOf(a) === provinceOf(b) ? REGION_PROVINCE : REGION_OTHER;
}

/** Whether the policy lets a student of relation `rel` take the slot at all. */
export function regionAllowed(policy: RegionPolicy, rel: number): boolean {
  if (policy === 'same_region') return rel === REGION_SAME;
  if (policy === 'same_province') return rel >= REGION_PROVINCE;
  return true;
}

export function clampMin(minLevel: number): number {
  return minLevel < 1 ? 1 : minLevel > 5 ? 5 : minLevel;
}

/** How far above the bar a level is: just meeting it is worth 1/(6-min), level 5 is worth 1. */
export function levelQuality(level: number, min: number): number {
  const q = (level - min + 1) / (6 - min);
  return q > 1 ? 1 : q;
}

/**
 * The one formula both the hot path and `score()` use, so a score computed either way is
 * identical to the last bit. `comp` is the weighted competency quality in [0, 1].
 */
export function combineMicro(comp: number, rel: number, o: ResolvedOptions): number {
  const reg = rel === REGION_SAME ? 1 : rel === REGION_PROVINCE ? 0.5 : 0;
  return Math.round(((o.wc * comp + o.wr * reg) / (o.wc + o.wr)) * SCORE_SCALE);
}

/**
 * The fit in [0, 1] that both sides' default rankings use; 0 when the student is not eligible
 * (a unit missing or too low, programme not accepted, or region excluded by the policy).
 */
export function score(student: Student, slot: Slot, options: MatchOptions): number {
  return scoreResolved(student, slot, resolveOptions(options)) / SCORE_SCALE;
}

export function scoreResolved(student: Student, slot: Slot, o: ResolvedOptions): number {
  const rel = regionRelation(student.regionCode, slot.regionCode);
  if (!regionAllowed(o.policy, rel)) return 0;
  if (slot.programCodes && slot.programCodes.length > 0) {
    if (student.programCode === undefined || !slot.programCodes.includes(student.programCode))
      return 0;
  }
  let sumW = 0;
  let acc = 0;
  for (const req of slot.requirements) {
    const min = clampMin(req.minLevel);
    const level = student.units[req.unit] ?? 0;
    if (!(level >= min)) return 0;
    const w = req.weight ?? 1;
    sumW += w;
    acc += w * levelQuality(level, min);
  }
  return combineMicro(sumW > 0 ? acc / sumW : 1, rel, o);
}
