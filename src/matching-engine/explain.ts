import {
  ClosestSlots,
  closer,
  effectiveWeight,
  groupCount,
  groupOf,
  heaviestUnmet,
  loadStudent,
  newProbe,
  Probe,
  relation,
  shareMet,
  UnitBuckets,
} from './candidates';
import type { Compiled } from './compile';
import type { CandidateLists } from './lists';
import type { Holding } from './stable';
import { JsonBytes, PieceTable, rawPiece } from './json-bytes';
import { levelQuality, REGION_PROVINCE, REGION_SAME, SCORE_SCALE } from './score';
import type {
  Assignment,
  AssignmentExplanation,
  MatchResult,
  MatchStats,
  RequirementMet,
  Unmatched,
  UnmatchedReason,
} from './types';

/** x in millionths, rounded: what a result shows of a score or share (`round6`), whole. */
const toMicro = (x: number) => Math.round(x * SCORE_SCALE);
const round6 = (x: number) => toMicro(x) / SCORE_SCALE;

/**
 * One frozen `met` entry per (unit, minimum, level), shared by every assignment that shows it:
 * ~1.5M entries at national scale are a few thousand distinct ones, and each one allocated
 * would be garbage the collector copies twice. Frozen, so a caller cannot change one entry
 * through another; levels or minimums that are not small whole numbers get their own entry.
 */
type MetCache = Map<number, RequirementMet>;

/** The number of a (unit, minimum, level) entry that `metEntry` and its JSON are kept by; -1 for one of its own. */
function metKey(u: number, minLevel: number, level: number): number {
  const small = (x: number) => Number.isInteger(x) && x >= 0 && x <= 15;
  return small(minLevel) && small(level) ? (u * 16 + minLevel) * 16 + level : -1;
}

function metEntry(
  cache: MetCache,
  u: number,
  unit: string,
  minLevel: number,
  level: number,
): RequirementMet {
  const key = metKey(u, minLevel, level);
  if (key < 0) return { unit, minLevel, level };
  let entry = cache.get(key);
  if (entry === undefined) {
    entry = Object.freeze({ unit, minLevel, level });
    cache.set(key, entry);
  }
  return entry;
}

/** The level student s holds of unit u (0 for none: never so for a slot they were given). */
function heldLevel(c: Compiled, s: number, u: number): number {
  for (let k = c.sUnitStart[s]; k < c.sUnitStart[s + 1]; k++) {
    if (c.sUnit[k] === u) return c.sLevel[k];
  }
  return 0;
}

/**
 * Student s's fit to slot j's competencies (before rounding), with the level they hold of each
 * requirement's unit into `levels` (a slot's requirements in order).
 */
function competencyOf(c: Compiled, s: number, j: number, levels: number[]): number {
  const r0 = c.jReqStart[j];
  let sumW = 0;
  let acc = 0;
  for (let r = r0; r < c.jReqStart[j + 1]; r++) {
    const level = heldLevel(c, s, c.jReqUnit[r]);
    levels[r - r0] = level;
    sumW += c.jReqWeight[r];
    acc += c.jReqWeight[r] * levelQuality(level, c.jReqMin[r]);
  }
  return sumW > 0 ? acc / sumW : 1;
}

const REGION_NAMES = ['other', 'same_province', 'same_region'] as const;

/** The region term's part of a score (millionths) for a relation (REGION_SAME, ...). */
function regionEffectMicro(c: Compiled, rel: number): number {
  const reg = rel === REGION_SAME ? 1 : rel === REGION_PROVINCE ? 0.5 : 0;
  return toMicro((c.o.wr * reg) / (c.o.wc + c.o.wr));
}

function explainAssignment(
  c: Compiled,
  s: number,
  j: number,
  rank: number,
  listLength: number,
  metCache: MetCache,
): AssignmentExplanation {
  const r0 = c.jReqStart[j];
  const levels: number[] = [];
  const competency = competencyOf(c, s, j, levels);
  const met: RequirementMet[] = levels.map((level, k) => {
    const u = c.jReqUnit[r0 + k];
    return metEntry(metCache, u, c.unitCodes[u], c.jReqMin[r0 + k], level);
  });
  const rel = relation(c, s, j);
  return {
    met,
    region: REGION_NAMES[rel],
    regionEffect: regionEffectMicro(c, rel) / SCORE_SCALE,
    competency: round6(competency),
    studentRank: rank,
    listLength,
  };
}

/**
 * Messages as their fixed parts, a value between each two: made into text by `interleave` (the
 * objects' messages) and written part by part as JSON bytes (`Rows.writeReason`).
 */
const OUTRANKED_MESSAGE = [
  'all ',
  ' eligible slot(s) are filled by ',
  '; first choice ',
  ' admitted down to score ',
  '',
] as const;
const MISSING_MESSAGE = [
  'closest slot ',
  ' needs ',
  ' at level ',
  ', the student holds level ',
  '',
] as const;

function interleave(parts: readonly string[], values: readonly (string | number)[]): string {
  let text = parts[0];
  for (let k = 0; k < values.length; k++) text += `${values[k]}${parts[k + 1]}`;
  return text;
}

/** Text as it reads inside a JSON string (escaped, without the quotes). */
const inString = (text: string) => JSON.stringify(text).slice(1, -1);

/**
 * The fixed pieces of an explanation's and a reason's JSON, in the order `explainAssignment`,
 * `Rows.unmatched` and `noEligible` give their fields (`Rows.writeExplanation`,
 * `Rows.writeReason`; json-bytes.spec compares the bytes with JSON.stringify's).
 */
const PIECES = {
  met: rawPiece('{"met":['),
  /** from the end of `met` to the competency, per relation (REGION_SAME, ...) */
  region: (c: Compiled, rel: number) =>
    rawPiece(
      `],"region":"${REGION_NAMES[rel]}","regionEffect":${JSON.stringify(regionEffectMicro(c, rel) / SCORE_SCALE)},"competency":`,
    ),
  studentRank: rawPiece(',"studentRank":'),
  listLength: rawPiece(',"listLength":'),
  end: rawPiece('}'),
  outranked: rawPiece('{"code":"outranked","slotId":'),
  cutoffScore: rawPiece(',"cutoffScore":'),
  score: rawPiece(',"score":'),
  eligibleSlots: rawPiece(',"eligibleSlots":'),
  outrankedMessage: [
    rawPiece(`,"message":"${inString(OUTRANKED_MESSAGE[0])}`),
    // the second value is the rows' `by`: with the parts either side, one piece (Rows.filledBy)
    (by: string) => rawPiece(inString(OUTRANKED_MESSAGE[1] + by + OUTRANKED_MESSAGE[2])),
    rawPiece(inString(OUTRANKED_MESSAGE[3])),
    rawPiece(`${inString(OUTRANKED_MESSAGE[4])}"}`),
  ] as const,
  missing: rawPiece('{"code":"no_eligible_slot","closestSlotId":'),
  missingUnit: rawPiece(',"missingUnit":'),
  missingMinLevel: rawPiece(',"missingMinLevel":'),
  heldLevel: rawPiece(',"heldLevel":'),
  missingMessage: [
    rawPiece(`,"message":"${inString(MISSING_MESSAGE[0])}`),
    rawPiece(inString(MISSING_MESSAGE[1])),
    rawPiece(inString(MISSING_MESSAGE[2])),
    rawPiece(inString(MISSING_MESSAGE[3])),
    rawPiece(`${inString(MISSING_MESSAGE[4])}"}`),
  ] as const,
};

/**
 * Slots grouped by every unit they require, per region group, for "closest slot" look-ups
 * (~0.5M students with no eligible slot at national scale). Students are served region group by
 * region group, so one group's entries stay in cache while its students read them.
 */
export interface UnitIndex extends UnitBuckets {
  /**
   * Whole-number weights below 2^24 and minimums a float32 holds exactly (the usual case): then
   * a slot's met weight can be summed unit by unit, in any order, to the same exact value, and
   * each bucket entry carries its requirement's minimum and weight as float32s, and its slot's
   * position in group order (`pos`), where `met` adds up. Otherwise they are empty and
   * `closestByShares` works out each slot's share (`shareMet`) instead.
   */
  integral: boolean;
}

export function buildUnitIndex(c: Compiled): UnitIndex {
  const { nJ, nU, jReqStart, mem } = c;
  const groups = groupCount(c);
  const start = mem.int32(groups * nU + 1);
  const groupBase = mem.int32(groups + 1);
  for (let j = 0; j < nJ; j++) {
    const g = groupOf(c, false, j);
    groupBase[g + 1]++;
    for (let r = jReqStart[j]; r < jReqStart[j + 1]; r++) start[g * nU + c.jReqUnit[r] + 1]++;
  }
  for (let i = 1; i < start.length; i++) start[i] += start[i - 1];
  for (let g = 1; g <= groups; g++) groupBase[g] += groupBase[g - 1];
  const sumW = mem.float64(nJ);
  let integral = true;
  for (let j = 0; j < nJ; j++) {
    let sum = 0;
    for (let r = jReqStart[j]; r < jReqStart[j + 1]; r++) {
      const w = effectiveWeight(c.jReqWeight[r]);
      sum += w;
      if (!Number.isInteger(w) || w > 16777216 || Math.fround(c.jReqMin[r]) !== c.jReqMin[r]) {
        integral = false;
      }
    }
    sumW[j] = sum;
    if (!Number.isSafeInteger(sum)) integral = false;
  }
  const entries = integral ? start[start.length - 1] : 0;
  const fill = mem.int32Copy(start);
  const slot = mem.int32(start[start.length - 1]);
  const entryMin = mem.float32(entries);
  const entryW = mem.float32(entries);
  const entryPos = mem.int32(entries);
  const posSumW = mem.float64(integral ? nJ : 0);
  for (let j = 0; j < nJ; j++) {
    const g = groupOf(c, false, j);
    const pos = groupBase[g]++;
    if (integral) posSumW[pos] = sumW[j];
    for (let r = jReqStart[j]; r < jReqStart[j + 1]; r++) {
      const e = fill[g * nU + c.jReqUnit[r]]++;
      slot[e] = j;
      if (!integral) continue;
      entryMin[e] = c.jReqMin[r];
      entryW[e] = effectiveWeight(c.jReqWeight[r]);
      entryPos[e] = pos;
    }
  }
  return {
    start,
    slot,
    integral,
    entryMin,
    entryW,
    entryPos,
    posSumW,
    met: mem.float64(posSumW.length),
    metBy: mem.int32(posSumW.length).fill(-1),
  };
}

/**
 * The slot of its region group student s (loaded in `probe`) comes closest to (`closer`), among
 * the slots filed under the units they hold, each share worked out by `shareMet`; -1 for none.
 * A bucket's slots ascend: past a full share, or once a full share is held, none is closer.
 */
function closestByShares(c: Compiled, x: UnitIndex, g: number, probe: Probe): number {
  let best = -1;
  let bestShare = -1;
  for (let i = 0; i < probe.heldCount; i++) {
    const b = g * c.nU + probe.held[i];
    for (let k = x.start[b]; k < x.start[b + 1]; k++) {
      const j = x.slot[k];
      if (bestShare === 1 && j >= best) break;
      const share = shareMet(c, j, probe.level);
      if (closer(share, j, bestShare, best)) {
        best = j;
        bestShare = share;
        if (share === 1) break;
      }
    }
  }
  return best;
}

/**
 * `closestByShares` for whole-number weights: first
 * each slot's met weight is summed one bucket entry at a time (an entry per unit the slot needs
 * and the student holds, each read once, in order), then the buckets are walked again for the
 * closest slot, each share now one division. scan-kernel.c's `closest_of` is the same, in C.
 */
function closestByUnits(
  c: Compiled,
  x: UnitIndex,
  g: number,
  probe: Probe,
  student: number,
): number {
  const { start, slot, entryMin, entryW, entryPos, posSumW, met, metBy } = x;
  const level = probe.level;
  const base = g * c.nU;
  for (let i = 0; i < probe.heldCount; i++) {
    const u = probe.held[i];
    const lv = level[u];
    for (let k = start[base + u], end = start[base + u + 1]; k < end; k++) {
      const pos = entryPos[k];
      if (metBy[pos] !== student) {
        metBy[pos] = student;
        met[pos] = 0;
      }
      if (lv >= entryMin[k]) met[pos] += entryW[k];
    }
  }
  let best = -1;
  let bestShare = -1;
  for (let i = 0; i < probe.heldCount; i++) {
    const u = probe.held[i];
    for (let k = start[base + u], end = start[base + u + 1]; k < end; k++) {
      const j = slot[k];
      if (bestShare === 1 && j >= best) break;
      const pos = entryPos[k];
      const share = met[pos] / posSumW[pos];
      if (closer(share, j, bestShare, best)) {
        best = j;
        bestShare = share;
        if (share === 1) break;
      }
    }
  }
  return best;
}

/** Reason messages repeat (same slot, unit and levels), so each distinct one is built once. */
type MessageCache = Map<number, string>;

/**
 * The closest slot of student s, without a list of their own and loaded in `probe`, or -1: sought
 * in `idx`. (A listed student's was found while their list was read: `closestListed`.)
 */
function findClosest(c: Compiled, s: number, probe: Probe, idx: UnitIndex | null): number {
  if (idx === null) return -1;
  const g = groupOf(c, true, s);
  return idx.integral ? closestByUnits(c, idx, g, probe, s) : closestByShares(c, idx, g, probe);
}

/**
 * Numbers the no_eligible_slot reasons unmatched rows share (`MatchRows.sharedReason`), in order
 * of first use; -1 for a row with a reason of its own, or none of this kind. Rows with no closest
 * slot share one; rows whose closest slot meets every unit, one a slot; the rest one per unmet
 * requirement and level held, where that level is a small whole number (any other gets its
 * own). At national scale ~0.46M rows share ~0.16M reasons: numbered through typed arrays, as
 * a Map that large cost ~0.24 us a lookup.
 */
function shareReasons(
  c: Compiled,
  lists: CandidateLists,
  left: Int32Array,
  slot: Int32Array,
  missing: Int32Array,
  held: Float64Array,
): { shared: Int32Array; count: number } {
  const { mem, nJ } = c;
  const shared = mem.int32(left.length).fill(-1);
  const bySlot = mem.int32(nJ).fill(-1);
  // per requirement, its first (level held, number) pair, the others chained through `next`
  const byRequirement = mem.int32(c.jReqStart[nJ]).fill(-1);
  const pairHeld = mem.int32(left.length);
  const pairNumber = mem.int32(left.length);
  const next = mem.int32(left.length);
  let pairs = 0;
  let count = 0;
  let noSlot = -1;
  for (let u = 0; u < left.length; u++) {
    if (lists.length[left[u]] > 0) continue;
    const j = slot[u];
    const r = missing[u];
    const h = held[u];
    if (j < 0) {
      if (noSlot < 0) noSlot = count++;
      shared[u] = noSlot;
    } else if (r < 0) {
      if (bySlot[j] < 0) bySlot[j] = count++;
      shared[u] = bySlot[j];
    } else if (Number.isInteger(h) && h >= 0 && h < 16) {
      let p = byRequirement[r];
      while (p >= 0 && pairHeld[p] !== h) p = next[p];
      if (p < 0) {
        p = pairs++;
        pairHeld[p] = h;
        pairNumber[p] = count++;
        next[p] = byRequirement[r];
        byRequirement[r] = p;
      }
      shared[u] = pairNumber[p];
    }
  }
  return { shared, count };
}

/** The no_eligible_slot reason for a closest slot, its heaviest unmet requirement and the level held. */
function noEligible(
  c: Compiled,
  best: number,
  bestMissing: number,
  held: number,
  slotIds: string[],
): UnmatchedReason {
  if (best < 0) {
    return {
      code: 'no_eligible_slot',
      message: 'no open slot within the region policy requires any unit this student holds',
    };
  }
  const slotId = slotIds[best];
  if (bestMissing < 0) {
    // Every unit met: what excluded it was the programme, the region or a zero capacity.
    const why =
      c.jCap[best] <= 0 ? 'it has no capacity' : 'the programme or region is not accepted';
    return {
      code: 'no_eligible_slot',
      closestSlotId: slotId,
      message: `closest slot ${slotId} meets every unit but ${why}`,
    };
  }
  const unit = c.unitCodes[c.jReqUnit[bestMissing]];
  const min = c.jReqMin[bestMissing];
  return {
    code: 'no_eligible_slot',
    closestSlotId: slotId,
    missingUnit: unit,
    missingMinLevel: min,
    heldLevel: held,
    message: interleave(MISSING_MESSAGE, [slotId, unit, min, held]),
  };
}

/** Per student placed: the rank (1 = first choice) and the score (millionths) of what they hold. */
export interface Placed {
  rankOf: Int32Array;
  microOf: Int32Array;
}

/**
 * The rank of every student's held entry, beside its score (`microOf`, from `heldMicros`), read
 * before the lists `settle`. All at once, in the order the lists were made: where ranks are counted by scans (on several threads),
 * the slot index stays in cache from one student to the next, with no result objects made in
 * between.
 */
export function placedEntries(
  c: Compiled,
  lists: CandidateLists,
  h: Holding,
  microOf: Int32Array,
): Placed {
  const { mem, nS } = c;
  const rankOf = mem.int32(nS);
  let n = 0;
  for (let s = 0; s < nS; s++) if (h.slotOf[s] >= 0) n++;
  const placed = mem.int32(n);
  const entries = mem.int32(n);
  n = 0;
  for (let q = 0; q < nS; q++) {
    const s = lists.order[q];
    if (h.slotOf[s] < 0) continue;
    placed[n] = s;
    entries[n++] = h.entryOf[s];
  }
  const rank = mem.int32(n);
  lists.ranksAt(placed, entries, rank);
  for (let i = 0; i < n; i++) rankOf[placed[i]] = rank[i] + 1;
  return { rankOf, microOf };
}

/** The score (millionths) of every student's held entry; 0 for a student placed nowhere. */
export function heldMicros(c: Compiled, lists: CandidateLists, h: Holding): Int32Array {
  const micro = c.mem.int32(c.nS);
  for (let s = 0; s < c.nS; s++) if (h.slotOf[s] >= 0) micro[s] = lists.microAt(s, h.entryOf[s]);
  return micro;
}

/**
 * A match's result as rows of numbers: what `match` returns as objects and the round's writer as
 * its columns' texts. Made whole in the engine's explain stage, each row made into its objects
 * only when read (`assignment`, `unmatched`): a national result's 1.5M objects, all alive at
 * once, cost more in making and collecting than their JSON texts made a row at a time.
 */
export interface MatchRows {
  readonly stats: MatchStats;
  readonly assignmentCount: number;
  readonly unmatchedCount: number;
  /** assignment i, in student order */
  assignment(i: number): Assignment;
  /** unmatched row i, in student order; a reason shared by many rows is frozen */
  unmatched(i: number): Unmatched;
  /**
   * Every row but its text, as the round's writer stores it (RowColumns): made at once, each
   * student's and slot's id read as a number once, not once a row.
   */
  columns(): RowColumns;
  /** `JSON.stringify(assignment(i).explanation)`, written as bytes without its objects */
  writeExplanation(i: number, out: JsonBytes): void;
  /**
   * `JSON.stringify(unmatched(i).reason)`, written without its objects (but a no_eligible_slot
   * reason with no closest slot, or whose closest slot meets every unit)
   */
  writeReason(i: number, out: JsonBytes): void;
  /** how many reasons unmatched rows share */
  readonly sharedReasonCount: number;
  /**
   * The number (0 to sharedReasonCount - 1) of unmatched row i's reason among those rows share
   * (the same number, the same frozen reason), or -1 for a reason of its own.
   */
  sharedReason(i: number): number;
  /** every row's objects */
  toResult(): MatchResult;
  /**
   * Memory of the match that nothing reads any more and that is committed already (shared
   * memory): the first entries of the candidate lists. A writer may put its texts there rather
   * than in fresh memory, which is slow to touch on these machines and grows the peak
   * (`outcomeOf`). Given once; later calls, and rows whose lists are kept (`match`'s, for the
   * certificate), give none. Texts written there keep the whole arena of the match alive as long
   * as they live (in a round, until its writer is done with them).
   */
  takeSpare(): Uint8Array[];
}

/**
 * The rows' numbers, in row order: students and slots by their ids read as numbers (`Number`:
 * NaN for an id that is not one, such as the bench's), in arrays of their own (to be moved to
 * another thread).
 */
export interface RowColumns {
  assignments: {
    student: Float64Array;
    slot: Float64Array;
    score: Float64Array;
    rank: Float64Array;
  };
  unmatched: {
    student: Float64Array;
    /** an outranked student's first choice, or the closest slot of one eligible for none; NaN */
    slot: Float64Array;
    /** 1 where the reason is `outranked`, 0 where it is `no_eligible_slot` */
    outranked: Uint8Array;
  };
}

/**
 * The rows of a result; `lists` are read only for their lengths and first entries, so they may
 * settle first, and with `release` they are released once read (their memory the rows' spare,
 * `MatchRows.takeSpare`). The rows keep `c` (read when a row is made) as long as they live.
 */
export function resultRows(
  c: Compiled,
  lists: CandidateLists,
  h: Holding,
  placed: Placed,
  mode: 'stable' | 'optimal',
  release = false,
): MatchRows {
  const { nS, nJ, mem } = c;
  const { rankOf, microOf } = placed;
  const lowest = mem.int32(nJ).fill(SCORE_SCALE + 1);
  let matched = 0;
  let total = 0;
  let rankSum = 0;
  for (let s = 0; s < nS; s++) {
    const j = h.slotOf[s];
    if (j < 0) continue;
    matched++;
    const micro = microOf[s];
    if (micro < lowest[j]) lowest[j] = micro;
    total += micro;
    rankSum += rankOf[s];
  }
  // The rows' arrays are the arena's (see arena.ts): as ArrayBuffers of their own, ~40 MB at
  // national scale, they set off a mark of the whole heap in the writer's texts (75-100 ms).
  const assigned = mem.int32(matched);
  const left = mem.int32(nS - matched);
  for (let s = 0, a = 0, u = 0; s < nS; s++) {
    if (h.slotOf[s] >= 0) assigned[a++] = s;
    else left[u++] = s;
  }
  // Per unmatched row: the slot its reason names (first choice, or closest slot, or -1); for an
  // outranked student their score (millionths) there; else the closest slot's heaviest unmet
  // requirement (or -1) and the level held of its unit.
  const slot = mem.int32(left.length).fill(-1);
  const firstMicro = mem.int32(left.length);
  const missing = mem.int32(left.length).fill(-1);
  const held = mem.float64(left.length);
  for (let u = 0; u < left.length; u++) {
    const s = left[u];
    if (lists.length[s] === 0) continue;
    // The first entry of every list is made with the list (lists.ts).
    slot[u] = lists.slotAt(s, 0);
    firstMicro[u] = lists.microAt(s, 0);
  }
  closestSlots(c, lists, left, slot, missing, held);
  const { shared, count: sharedCount } = shareReasons(c, lists, left, slot, missing, held);
  let seats = 0;
  for (let j = 0; j < nJ; j++) seats += c.jCap[j];
  const stats: MatchStats = {
    mode,
    stable: mode === 'stable',
    students: nS,
    slots: nJ,
    seats,
    eligiblePairs: lists.pairs,
    matched,
    unmatched: left.length,
    totalScore: total / SCORE_SCALE,
    averageScore: matched ? round6(total / SCORE_SCALE / matched) : 0,
    averageRank: matched ? round6(rankSum / matched) : 0,
  };
  const spare = release ? lists.release() : [];
  return new Rows(
    c,
    mode,
    stats,
    h.slotOf,
    placed,
    lists.length,
    lowest,
    assigned,
    { student: left, slot, firstMicro, missing, held, shared, sharedCount },
    spare,
  );
}

/**
 * For every unmatched student eligible for nothing: their closest slot, its heaviest unmet
 * requirement and the level held of it, into `slot`, `missing` and `held` at their row of `left`.
 */
function closestSlots(
  c: Compiled,
  lists: CandidateLists,
  left: Int32Array,
  closestSlot: Int32Array,
  closestMissing: Int32Array,
  closestHeld: Float64Array,
): void {
  const { mem } = c;
  // Students with no eligible slot: their closest slots first, region group by region group,
  // so that one group's part of the unit index stays in cache while its students are served.
  // Students with their own list go last, in a bucket of their own.
  const groups = groupCount(c);
  // bucket[u]: the bucket of row u's student, -1 for a student eligible for some slot
  const bucket = mem.int32(left.length);
  const groupStart = mem.int32(groups + 2);
  let none = 0;
  for (let u = 0; u < left.length; u++) {
    const s = left[u];
    if (lists.length[s] > 0) {
      bucket[u] = -1;
      continue;
    }
    const b = c.sListed[s] ? groups : groupOf(c, true, s);
    bucket[u] = b;
    groupStart[b + 1]++;
    none++;
  }
  if (none === 0) return;
  for (let g = 0; g <= groups; g++) groupStart[g + 1] += groupStart[g];
  const listedFrom = groupStart[groups];
  // who[i]: the i-th of these students in group order; rowOf[i]: their row of `left`
  const rowOf = mem.int32(none);
  const who = mem.int32(none);
  for (let u = 0; u < left.length; u++) {
    if (bucket[u] < 0) continue;
    const at = groupStart[bucket[u]]++;
    rowOf[at] = u;
    who[at] = left[u];
  }
  // Only students without a list of their own read the unit index: with whole-number weights
  // on the scan kernel's threads where it can (the same slots, `closestByUnits` in C, with the
  // unmet requirement and level found there while the student is loaded).
  const idx = listedFrom > 0 ? buildUnitIndex(c) : null;
  const n = idx?.integral ? listedFrom : 0;
  const byKernel = { slot: mem.int32(n), missing: mem.int32(n), held: mem.float64(n) };
  const kernelFound =
    idx !== null && idx.integral && lists.closestMany(idx, who.subarray(0, listedFrom), byKernel);
  // Row u's closest slot j and, where there is one, its unmet requirement and level as `found`
  // has them at k (ClosestSlots writes those only where it has a slot).
  const take = (u: number, j: number, found: ClosestSlots, k: number) => {
    closestSlot[u] = j;
    closestMissing[u] = j >= 0 ? found.missing[k] : -1;
    closestHeld[u] = closestMissing[u] >= 0 ? found.held[k] : 0;
  };
  const probe = newProbe(c);
  for (let i = 0; i < listedFrom; i++) {
    const u = rowOf[i];
    if (kernelFound) {
      take(u, byKernel.slot[i], byKernel, i);
      continue;
    }
    loadStudent(c, who[i], probe);
    const best = findClosest(c, who[i], probe, idx);
    const missing = best >= 0 ? heaviestUnmet(c, best, probe.level) : -1;
    closestSlot[u] = best;
    closestMissing[u] = missing;
    closestHeld[u] = missing >= 0 ? probe.level[c.jReqUnit[missing]] : 0;
  }
  // Listed students: all three were found while their lists were read, with the slots'
  // requirements in cache (here each would be a random slot's, read again).
  const listed = lists.closestListed;
  for (let i = listedFrom; i < none; i++) {
    const s = who[i];
    take(rowOf[i], c.listStart[s + 1] > c.listStart[s] ? listed.slot[s] : -1, listed, s);
  }
}

/** Each id read as a number (`Number`: NaN for one that is not). */
function idNumbers(ids: string[]): Float64Array {
  const out = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i++) out[i] = Number(ids[i]);
  return out;
}

/** The columns of the unmatched rows (see resultRows). */
interface LeftRows {
  student: Int32Array;
  slot: Int32Array;
  firstMicro: Int32Array;
  missing: Int32Array;
  held: Float64Array;
  /** the row's shared reason (MatchRows.sharedReason), -1 for one of its own */
  shared: Int32Array;
  sharedCount: number;
}

class Rows implements MatchRows {
  /** shared by every row that shows them (see MetCache, shareReasons) */
  private readonly metCache: MetCache = new Map();
  private readonly sharedReasons: (UnmatchedReason | undefined)[];
  private readonly outrankedMessages: MessageCache = new Map();
  private readonly by: string;
  /** JSON bytes made once: a `met` entry's after a comma (by `metKey`), a relation's part */
  private readonly metPieces = new Map<number, Uint8Array>();
  private readonly regionPieces: Uint8Array[];
  /** JSON strings made once: slot ids, unit codes (written whole, or inside a message) */
  private readonly slotPieces: PieceTable;
  private readonly unitPieces: PieceTable;
  private readonly filledBy: Uint8Array;
  private readonly levels: number[] = [];

  constructor(
    private readonly c: Compiled,
    mode: 'stable' | 'optimal',
    readonly stats: MatchStats,
    /** per student, the slot they hold or -1 */
    private readonly slotOf: Int32Array,
    private readonly placed: Placed,
    /** per student, the length of their whole list */
    private readonly listLength: Int32Array,
    /** per slot, the lowest score (millionths) it admitted, SCORE_SCALE + 1 for none */
    private readonly lowest: Int32Array,
    private readonly assigned: Int32Array,
    private readonly left: LeftRows,
    private spare: Uint8Array[],
  ) {
    this.by = mode === 'stable' ? 'students it ranks higher' : 'an assignment of greater total fit';
    this.regionPieces = REGION_NAMES.map((_, rel) => PIECES.region(c, rel));
    this.slotPieces = new PieceTable(c.slotIds);
    this.unitPieces = new PieceTable(c.unitCodes);
    this.filledBy = PIECES.outrankedMessage[1](this.by);
    this.sharedReasons = new Array<UnmatchedReason | undefined>(left.sharedCount);
  }

  get sharedReasonCount(): number {
    return this.left.sharedCount;
  }

  sharedReason(i: number): number {
    return this.left.shared[i];
  }

  get assignmentCount(): number {
    return this.assigned.length;
  }

  get unmatchedCount(): number {
    return this.left.student.length;
  }

  assignment(i: number): Assignment {
    const { c } = this;
    const s = this.assigned[i];
    const j = this.slotOf[s];
    const rank = this.placed.rankOf[s];
    return {
      studentId: c.studentIds[s],
      slotId: c.slotIds[j],
      score: this.placed.microOf[s] / SCORE_SCALE,
      rank,
      explanation: explainAssignment(c, s, j, rank, this.listLength[s], this.metCache),
    };
  }

  columns(): RowColumns {
    const { c, left } = this;
    const studentNumber = idNumbers(c.studentIds);
    const slotNumber = idNumbers(c.slotIds);
    const n = this.assigned.length;
    const assignments = {
      student: new Float64Array(n),
      slot: new Float64Array(n),
      score: new Float64Array(n),
      rank: new Float64Array(n),
    };
    for (let i = 0; i < n; i++) {
      const s = this.assigned[i];
      assignments.student[i] = studentNumber[s];
      assignments.slot[i] = slotNumber[this.slotOf[s]];
      assignments.score[i] = this.placed.microOf[s] / SCORE_SCALE;
      assignments.rank[i] = this.placed.rankOf[s];
    }
    const m = left.student.length;
    const unmatched = {
      student: new Float64Array(m),
      slot: new Float64Array(m),
      outranked: new Uint8Array(m),
    };
    for (let i = 0; i < m; i++) {
      const s = left.student[i];
      const j = left.slot[i];
      unmatched.student[i] = studentNumber[s];
      unmatched.slot[i] = j >= 0 ? slotNumber[j] : NaN;
      unmatched.outranked[i] = this.listLength[s] === 0 ? 0 : 1;
    }
    return { assignments, unmatched };
  }

  /** What `explainAssignment` makes, as its JSON: the same fields in the same order. */
  writeExplanation(i: number, out: JsonBytes): void {
    const { c, levels } = this;
    const s = this.assigned[i];
    const j = this.slotOf[s];
    const competency = competencyOf(c, s, j, levels);
    out.bytes(PIECES.met);
    const r0 = c.jReqStart[j];
    for (let r = r0; r < c.jReqStart[j + 1]; r++) {
      const u = c.jReqUnit[r];
      const level = levels[r - r0];
      const key = metKey(u, c.jReqMin[r], level);
      let piece = key < 0 ? undefined : this.metPieces.get(key);
      if (piece === undefined) {
        const entry = metEntry(this.metCache, u, c.unitCodes[u], c.jReqMin[r], level);
        piece = rawPiece(`,${JSON.stringify(entry)}`);
        if (key >= 0) this.metPieces.set(key, piece);
      }
      // the first without its comma
      out.bytes(piece, r === r0 ? 1 : 0);
    }
    out.bytes(this.regionPieces[relation(c, s, j)]);
    out.micro(toMicro(competency));
    out.bytes(PIECES.studentRank);
    out.number(this.placed.rankOf[s]);
    out.bytes(PIECES.listLength);
    out.number(this.listLength[s]);
    out.bytes(PIECES.end);
  }

  unmatched(i: number): Unmatched {
    const { c, left } = this;
    const s = left.student[i];
    const count = this.listLength[s];
    const { slotIds } = c;
    if (count === 0) {
      const k = left.shared[i];
      let reason = k >= 0 ? this.sharedReasons[k] : undefined;
      if (reason === undefined) {
        reason = noEligible(c, left.slot[i], left.missing[i], left.held[i], slotIds);
        if (k >= 0) this.sharedReasons[k] = Object.freeze(reason);
      }
      return { studentId: c.studentIds[s], reason };
    }
    const j = left.slot[i];
    const cutoff = this.cutoffMicro(j) / SCORE_SCALE;
    const key = count * c.nJ + j;
    let message = this.outrankedMessages.get(key);
    if (message === undefined) {
      message = interleave(OUTRANKED_MESSAGE, [count, this.by, slotIds[j], cutoff]);
      this.outrankedMessages.set(key, message);
    }
    const reason: UnmatchedReason = {
      code: 'outranked',
      slotId: slotIds[j],
      cutoffScore: cutoff,
      score: left.firstMicro[i] / SCORE_SCALE,
      eligibleSlots: count,
      message,
    };
    return { studentId: c.studentIds[s], reason };
  }

  /** What `unmatched` makes, as its JSON: an outranked reason here, the others `writeNoEligible`. */
  writeReason(i: number, out: JsonBytes): void {
    const { left } = this;
    const count = this.listLength[left.student[i]];
    if (count === 0) {
      this.writeNoEligible(i, out);
      return;
    }
    const j = left.slot[i];
    const cutoff = this.cutoffMicro(j);
    const m = PIECES.outrankedMessage;
    out.bytes(PIECES.outranked);
    this.slotPieces.write(j, out);
    out.bytes(PIECES.cutoffScore);
    out.micro(cutoff);
    out.bytes(PIECES.score);
    out.micro(left.firstMicro[i]);
    out.bytes(PIECES.eligibleSlots);
    out.number(count);
    out.bytes(m[0]);
    out.number(count);
    out.bytes(this.filledBy);
    this.slotPieces.write(j, out, true);
    out.bytes(m[2]);
    out.micro(cutoff);
    out.bytes(m[3]);
  }

  /** What `noEligible` makes, as its JSON: for an unmet requirement without the objects. */
  private writeNoEligible(i: number, out: JsonBytes): void {
    const { c, left } = this;
    const j = left.slot[i];
    const r = left.missing[i];
    if (j < 0 || r < 0) {
      out.json(this.unmatched(i).reason);
      return;
    }
    const u = c.jReqUnit[r];
    const min = c.jReqMin[r];
    const held = left.held[i];
    const m = PIECES.missingMessage;
    out.bytes(PIECES.missing);
    this.slotPieces.write(j, out);
    out.bytes(PIECES.missingUnit);
    this.unitPieces.write(u, out);
    out.bytes(PIECES.missingMinLevel);
    out.number(min);
    out.bytes(PIECES.heldLevel);
    out.number(held);
    out.bytes(m[0]);
    this.slotPieces.write(j, out, true);
    out.bytes(m[1]);
    this.unitPieces.write(u, out, true);
    out.bytes(m[2]);
    out.number(min);
    out.bytes(m[3]);
    out.number(held);
    out.bytes(m[4]);
  }

  /** The lowest score (millionths) slot j admitted, 0 for none. */
  private cutoffMicro(j: number): number {
    const low = this.lowest[j];
    return low <= SCORE_SCALE ? low : 0;
  }

  takeSpare(): Uint8Array[] {
    const { spare } = this;
    this.spare = [];
    return spare;
  }

  toResult(): MatchResult {
    const assignments: Assignment[] = [];
    for (let i = 0; i < this.assignmentCount; i++) assignments.push(this.assignment(i));
    const unmatched: Unmatched[] = [];
    for (let i = 0; i < this.unmatchedCount; i++) unmatched.push(this.unmatched(i));
    return { assignments, unmatched, stats: this.stats };
  }
}
