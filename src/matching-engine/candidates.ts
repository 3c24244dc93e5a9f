import type { Arena } from './arena';
import type { Compiled } from './compile';
import {
  REC_CAPACITY,
  REC_HEADER,
  REC_PROGRAMS,
  REC_PROVINCE,
  REC_REGION,
  REC_REQUIREMENTS,
  recordInts,
  recordWeights,
} from './slot-record';
import type { FirstEntries, FirstRound, Refusal } from './lists';
import {
  CHUNK,
  COUNTERS,
  CTX,
  HelperMailbox,
  ManyCall,
  ScanKernel,
  scanKernel,
} from './scan-kernel';
import {
  combineMicro,
  levelQuality,
  REGION_OTHER,
  REGION_PROVINCE,
  REGION_SAME,
  regionAllowed,
  SCORE_SCALE,
} from './score';

/**
 * Each student's ranked list of eligible slots in CSR form. Built from the slot index (see
 * SlotIndex) so the 4.5 × 10¹¹ student × slot pairs are never enumerated: a slot is only
 * examined by students holding its most selective required units in a region it allows.
 */
export interface Candidates {
  start: Int32Array;
  slot: Int32Array;
  micro: Int32Array;
  /** number of candidate edges per slot */
  degree: Int32Array;
  /** the students in the order their lists were made (`scanOrder`) */
  order: Int32Array;
  /** ListScanner.closestListed */
  closestListed: ClosestSlots;
}

/**
 * Closest slots of students eligible for nothing: the slot (`closer`), -1 for none; where there
 * is one, its heaviest requirement they do not meet (`heaviestUnmet`, -1 for none) and their
 * level of its unit (other entries are not written). By student in `ListScanner.closestListed`
 * (students with a list of their own, found while the list is read, its slots' requirements
 * then in cache; empty arrays when no student lists a slot), by position in `closestMany`.
 */
export interface ClosestSlots {
  slot: Int32Array;
  missing: Int32Array;
  held: Float64Array;
}

/** Scratch state reused across students: the current student's level of every unit. */
export interface Probe {
  level: Float64Array;
  held: Int32Array;
  heldCount: number;
  /** 64-bit signature (two words) of the units held: unit u sets bit u mod 64 */
  mask0: number;
  mask1: number;
}

export function newProbe(c: Compiled): Probe {
  const mem = c.mem;
  return {
    level: mem.float64(c.nU),
    held: mem.int32(c.nU),
    heldCount: 0,
    mask0: 0,
    mask1: 0,
  };
}

/** Loads a student's units into the probe; units no slot requires are skipped (they cannot matter). */
export function loadStudent(c: Compiled, s: number, probe: Probe): void {
  for (let i = 0; i < probe.heldCount; i++) probe.level[probe.held[i]] = 0;
  probe.heldCount = 0;
  let m0 = 0;
  let m1 = 0;
  for (let q = c.sUnitStart[s], end = c.sUnitStart[s + 1]; q < end; q++) {
    const u = c.sUnit[q];
    if (probe.level[u] === 0) probe.held[probe.heldCount++] = u;
    probe.level[u] = c.sLevel[q];
    if ((u & 32) === 0) m0 |= 1 << (u & 31);
    else m1 |= 1 << (u & 31);
  }
  probe.mask0 = m0;
  probe.mask1 = m1;
}

/** The weight a requirement counts with in a closest slot's share: zero or negative as 1e-9. */
export const effectiveWeight = (w: number) => (w > 0 ? w : 1e-9);

/**
 * Slot j's heaviest requirement `level` does not meet (the first on ties), or -1: what a
 * no_eligible_slot reason names of a closest slot. (scan-kernel.c's `heaviest_unmet` is the
 * same, in C.)
 */
export function heaviestUnmet(c: Compiled, j: number, level: Float64Array): number {
  let missing = -1;
  let heaviest = 0;
  for (let r = c.jReqStart[j]; r < c.jReqStart[j + 1]; r++) {
    if (level[c.jReqUnit[r]] >= c.jReqMin[r]) continue;
    const w = effectiveWeight(c.jReqWeight[r]);
    if (missing < 0 || w > heaviest) {
      missing = r;
      heaviest = w;
    }
  }
  return missing;
}

/**
 * The share of slot j's requirement weight (`effectiveWeight`s, added in requirement order) that
 * `level` meets; 1 for a slot requiring nothing. A student with no eligible slot is shown the
 * slot with the largest share (`closer`).
 */
export function shareMet(c: Compiled, j: number, level: Float64Array): number {
  const rec = c.jRec;
  const ints = c.jRecInt;
  const a = c.jRecAt[j];
  const n = ints[2 * a + REC_REQUIREMENTS];
  const weights = recordWeights(a, n);
  const units = recordInts(a, n);
  let metW = 0;
  let sumW = 0;
  for (let r = 0; r < n; r++) {
    const w = effectiveWeight(rec[weights + r]);
    sumW += w;
    if (level[ints[units + r]] >= rec[a + REC_HEADER + r]) metW += w;
  }
  return sumW > 0 ? metW / sumW : 1;
}

/** Whether slot j at `share` is closer than `best` at `bestShare`: larger share, then lower index. */
export function closer(share: number, j: number, bestShare: number, best: number): boolean {
  return share > bestShare || (share === bestShare && j < best);
}

export function relation(c: Compiled, s: number, j: number): number {
  return regionRelation(c, s, c.jRegion[j], c.jProvince[j]);
}

/** Student s's relation to a slot in `region` of `province` (compiled indices). */
function regionRelation(c: Compiled, s: number, region: number, province: number): number {
  if (c.sRegion[s] === region) return REGION_SAME;
  return c.sProvince[s] === province ? REGION_PROVINCE : REGION_OTHER;
}

/**
 * Score in millionths of the loaded student for slot j, or -1 when not eligible. Same arithmetic,
 * in the same order, as `scoreResolved`, so both give the same bits. It reads the slot's record
 * (slot-record.ts), and so does `shareMet`: a student's own list reaches slots at random.
 */
export function eligibleMicro(c: Compiled, s: number, j: number, probe: Probe): number {
  const rec = c.jRec;
  const ints = c.jRecInt;
  const a = c.jRecAt[j];
  const rel = regionRelation(c, s, ints[2 * a + REC_REGION], ints[2 * a + REC_PROVINCE]);
  if (!regionAllowed(c.o.policy, rel)) return -1;
  const n = ints[2 * a + REC_REQUIREMENTS];
  const programs = ints[2 * a + REC_PROGRAMS];
  const units = recordInts(a, n);
  if (programs > 0) {
    const prog = c.sProgram[s];
    let ok = false;
    for (let p = units + n, end = p + programs; p < end; p++) if (ints[p] === prog) ok = true;
    if (!ok) return -1;
  }
  const weights = recordWeights(a, n);
  let sumW = 0;
  let acc = 0;
  const level = probe.level;
  for (let r = 0; r < n; r++) {
    const min = rec[a + REC_HEADER + r];
    const lv = level[ints[units + r]];
    if (!(lv >= min)) return -1;
    const w = rec[weights + r];
    sumW += w;
    acc += w * levelQuality(lv, min);
  }
  return combineMicro(sumW > 0 ? acc / sumW : 1, rel, c.o);
}

/** How many region groups the policy makes: the slot index and the explanations are per group. */
export function groupCount(c: Compiled): number {
  const policy = c.o.policy;
  return policy === 'same_region'
    ? c.regionCount
    : policy === 'same_province'
      ? c.provinceCount
      : 1;
}

/** The region group of student x (`isStudent`) or of slot x, by policy. */
export function groupOf(c: Compiled, isStudent: boolean, x: number): number {
  const p = c.o.policy;
  if (p === 'same_region') return isStudent ? c.sRegion[x] : c.jRegion[x];
  if (p === 'same_province') return isStudent ? c.sProvince[x] : c.jProvince[x];
  return 0;
}

/**
 * The slots of every region group filed so that a student reads few slots they cannot take.
 * A slot needing two or more units is filed under the pair of its two most selective
 * requirements (the ones the fewest students meet), and only a student holding both units
 * reads it: with units clustered by sector, filing by one unit had each student read about
 * fourteen slots for every one they could take. A slot needing one unit is filed under it; a
 * slot needing none is open to every student of its region group.
 */
export interface SlotIndex {
  /**
   * Buckets in CSR form, bucket b's entries from start[b] to start[b + 1]: first one bucket per
   * (region group, unit) for the slots filed under one unit, then the pair buckets, found
   * through `pairKey`. Within a bucket, entries ascend by the minimum their sorting unit asks
   * (the one unit, or the lower-numbered of the pair), so a student stops at the first bar
   * above their level; a pair bucket does so in each of its runs (`runStarts`).
   */
  start: Int32Array;
  /**
   * A pair bucket is kept in RUNS runs by the minimum its other unit asks (1, 2, …, 5, a
   * minimum not a whole number in the run of the next whole number): per pair bucket, the
   * RUNS - 1 entries where the runs after the first begin. A student reads only the runs whose
   * minimum their level there can meet: on the large province a third of the entries that
   * passed the unit masks failed that unit's bar.
   */
  runStarts: Int32Array;
  /** the number of one-unit buckets: groups × units */
  singles: number;
  /** open addressing: (group × nU + lo) × nU + hi at its hash, -1 where empty */
  pairKey: Float64Array;
  pairBucket: Int32Array;
  /** 32 − log2 of the table's size */
  pairShift: number;
  /**
   * Per (region group, unit) two words: bit v mod 64 set when the unit pairs with unit v in some
   * bucket of the group. Pairs whose bit is clear are not looked up: under a per-regency policy
   * most pairs of a student's units have no bucket in their regency.
   */
  partners: Int32Array;
  /** per region group: 1 when any of its slots is filed under a pair */
  paired: Uint8Array;
  /** slots with no requirement at all: eligible on region and programme alone */
  open: Int32Array;
  /**
   * Every entry's data in one stream, in bucket order: entry k starts at 8-byte word at[k]
   * (at[E] ends the last), so that a student's scan of a bucket reads one run of memory rather
   * than a dozen arrays (31–33 % faster where two indexes competed for the cache; no measurable
   * change in the bench's own runs, where one index fits the L3 cache: README).
   * An entry, from word e: as doubles F[e] the minimum of its sorting requirement and F[e + 1]
   * the sum of its weights; as ints from I[2e + 4] the header (ENTRY_* offsets: unit masks,
   * slot, region, province, requirement count n, programme count p), then n requirement keys
   * (unit × (TOP_LEVEL + 1) + whole minimum: where a student's quality row holds the pair) and
   * p programmes; then, from the next whole word (`weightsAt`), n weights. The minimums are the
   * slot's own (`Compiled.jReqMin` from jReqStart[slot], in the entry's order): only the
   * TypeScript reads them, where they are not whole; kept out of the stream, they leave it a
   * quarter shorter.
   */
  at: Int32Array;
  F: Float64Array;
  I: Int32Array;
}

/**
 * Students from which a kernel call over many (`ListScanner.firstOfMany`, `countMany`,
 * `restsOfMany`) runs on more than one thread: below it a helper's start (~60-70 ms here, once
 * for a round) is not worth it.
 */
export const THREADED_FROM = 10_000;

/**
 * One thread's own arrays for the kernel's calls over many students (`ListScanner.firstOfMany`,
 * `countMany`, `restsOfMany`), all in the kernel's memory.
 */
interface ScanThread {
  /** a context block (CTX) with scratch rows and keys of its own */
  context: Int32Array;
  spare: Float64Array;
  /** a helper's count of eligible slots, added to the caller's after each call; null here */
  degree: Int32Array | null;
  /** where a helper is handed its calls; null on the calling thread */
  mailbox: HelperMailbox | null;
}

/**
 * Students a call of rest_many takes at most (`ListScanner.restsOfMany`), and the keys it may
 * write (32 MB): a batch with more is scanned in several calls.
 */
const REST_WINDOW = 65_536;
const REST_ROOM = 1 << 22;

/**
 * Blocking pairs `blockingMany` writes at most (a stable holding has none), 12 bytes each in
 * compile.ts' estimate.
 */
export const BLOCKING_ROOM = 8192;

/**
 * The arena bytes a match's helper threads ask for (in compile.ts' estimate): per helper its
 * keys, spare and degrees (20 bytes a slot), closestMany's met weights (12 bytes a slot), stack,
 * scratch rows and stages; restsOfMany's window and room once. None on one thread or below
 * THREADED_FROM students.
 */
export function threadedBytes(students: number, slots: number, threads: number): number {
  if (students < THREADED_FROM || threads < 2) return 0;
  return (threads - 1) * (slots * 32 + 65_536) + 2 * (REST_ROOM * 8 + REST_WINDOW * 36) + 65_536;
}

/**
 * One window of a rest_many call (`ListScanner.restsOfMany`): its students, and what is made.
 * A type rather than an interface, so that `Object.values` knows its arrays.
 */
type RestWindow = {
  students: Int32Array;
  after: Float64Array;
  bound: Float64Array;
  kept: Int32Array;
  at: Int32Array;
  passed: Int32Array;
  out: Float64Array;
};

function restWindow(mem: Arena): RestWindow {
  const [students, kept, at, passed] = [1, 2, 3, 4].map(() => mem.int32(REST_WINDOW));
  const [after, bound] = [mem.float64(REST_WINDOW), mem.float64(REST_WINDOW)];
  return { students, kept, at, passed, after, bound, out: mem.float64(REST_ROOM) };
}

/** A kernel call over `total` students begun on the helpers (`ListScanner.startMany`). */
interface ManyBegun {
  call: ManyCall;
  total: number;
  counters: Int32Array;
  args: number[][];
  mailboxes: HelperMailbox[];
}

/** A rest_many call begun (`ListScanner.startRests`), over window `which`'s arrays. */
interface RestCall {
  which: number;
  begun: ManyBegun;
}

/**
 * A kernel context's scratch rows of its own: the loaded student's quality at every (unit,
 * whole bar), -1 while no student is loaded, their level of every unit and the units they hold.
 */
function scratchRows(mem: Arena, nU: number): [number, ArrayBufferView][] {
  return [
    [CTX.HELD, mem.float64(nU * (TOP_LEVEL + 1)).fill(-1)],
    [CTX.LEVEL, mem.float64(nU)],
    [CTX.UNITS, mem.int32(nU)],
  ];
}

/**
 * Slots filed by every unit they require, per region group, with whole-number weights and
 * minimums (UnitIndex in explain.ts, where it is built and read): what `closestMany` hands the
 * kernel, the order of UB_* in scan-kernel.c. `met` and `metBy` are per position in group
 * order: a slot's met weight and the student it is for.
 */
export interface UnitBuckets {
  start: Int32Array;
  slot: Int32Array;
  entryMin: Float32Array;
  entryW: Float32Array;
  entryPos: Int32Array;
  posSumW: Float64Array;
  met: Float64Array;
  metBy: Int32Array;
}

/** Runs of a pair bucket (see SlotIndex.runStarts): one per whole minimum. */
const RUNS = 5;

/**
 * The run of a pair bucket for a minimum of its other unit: 0 for 1 and below, r for a minimum
 * in (r, r + 1].
 */
function runOfMinimum(min: number): number {
  return min <= 1 ? 0 : Math.min(RUNS - 1, Math.ceil(min) - 1);
}

/** The last run of a pair bucket whose bar a student at `level` in its other unit may meet. */
function lastRunFor(level: number): number {
  return Math.max(0, Math.min(RUNS - 1, Math.ceil(level) - 1));
}

/** Int offsets of an entry's header, from I[2e + 4]. */
const ENTRY_MASK0 = 0;
const ENTRY_MASK1 = 1;
const ENTRY_SLOT = 2;
const ENTRY_REGION = 3;
const ENTRY_PROVINCE = 4;
const ENTRY_N = 5;
const ENTRY_P = 6;
const ENTRY_HEADER = 8;

/**
 * A list entry's key, best first when ascending: higher score, then lower slot index. Exact in
 * a double (scores in millionths times the number of slots).
 */
export function listKey(nJ: number, slot: number, micro: number): number {
  return (SCORE_SCALE - micro) * nJ + slot;
}

/** The unit of a requirement key (unit × (TOP_LEVEL + 1) + whole minimum, the minimum 1–5). */
function unitOfKey(key: number): number {
  return Math.floor(key / (TOP_LEVEL + 1));
}

/** The word where entry e's weights begin (the next entry follows them). */
function weightsAt(e: number, n: number, p: number): number {
  return e + 2 + ((ENTRY_HEADER + n + p + 1) >> 1);
}

function pairHash(g: number, lo: number, hi: number, shift: number): number {
  const h = (Math.imul(g, 0x27d4eb2f) + Math.imul(lo, 0x165667b1) + Math.imul(hi, 0x61c88647)) | 0;
  return Math.imul(h ^ (h >>> 15), 0x85ebca6b) >>> shift;
}

/** The bucket of the pair (lo < hi) in region group g, or -1 when no slot is filed under it. */
export function pairBucketOf(x: SlotIndex, nU: number, g: number, lo: number, hi: number): number {
  const key = (g * nU + lo) * nU + hi;
  const mask = x.pairKey.length - 1;
  for (let i = pairHash(g, lo, hi, x.pairShift); ; i = (i + 1) & mask) {
    const k = x.pairKey[i];
    if (k === key) return x.pairBucket[i];
    if (k === -1) return -1;
  }
}

/** A scan's limit that keeps every entry after `after` (so does Infinity). */
export const KEEP_ALL = 1 << 30;

/** Whole levels at or above this meet every bar (minimums are at most 5) at full quality. */
const TOP_LEVEL = 5;

/** A one-unit bucket longer than this has its slots needing two or more units filed by pair. */
const PAIR_FROM = 32;

/**
 * How many of the students' units meet each (unit, whole bar 1–5), at unit × 6 + bar: each held
 * level counted once at the most bars it meets, then summed from bar 5 down.
 */
function meetingCounts(c: Compiled): Int32Array {
  const meeting = c.mem.int32(c.nU * 6);
  for (let q = 0; q < c.sUnit.length; q++) {
    const level = c.sLevel[q];
    meeting[c.sUnit[q] * 6 + (level >= 5 ? 5 : level >= 1 ? Math.floor(level) : 0)]++;
  }
  for (let u = 0; u < c.nU; u++) {
    for (let bar = 4; bar >= 1; bar--) meeting[u * 6 + bar] += meeting[u * 6 + bar + 1];
  }
  return meeting;
}

/**
 * The filed slots (bucket >= 0) ascending by (run, minimum, index), as one sort of whole numbers:
 * each minimum replaced by its rank among the distinct minimums (exact in a double below 40
 * million slots).
 */
function slotOrder(
  nJ: number,
  bucketOfSlot: Int32Array,
  runOf: (j: number) => number,
  minimumOf: (j: number) => number,
): Int32Array {
  const minimums = new Set<number>();
  let filed = 0;
  for (let j = 0; j < nJ; j++) {
    if (bucketOfSlot[j] < 0) continue;
    minimums.add(minimumOf(j));
    filed++;
  }
  const rankOf = new Map<number, number>();
  for (const m of [...minimums].sort((x, y) => x - y)) rankOf.set(m, rankOf.size);
  const keys = new Float64Array(filed);
  for (let j = 0, i = 0; j < nJ; j++) {
    if (bucketOfSlot[j] >= 0)
      keys[i++] = (runOf(j) * rankOf.size + rankOf.get(minimumOf(j))!) * nJ + j;
  }
  keys.sort();
  const order = new Int32Array(filed);
  for (let i = 0; i < filed; i++) order[i] = keys[i] % nJ;
  return order;
}

/**
 * The slot index (SlotIndex). Only students without a list of their own read it: where every
 * student brought one, no slot is filed (the buckets are all empty), which spares building it
 * (0.1 s on the large province's lists, 0.4 s on the nation's).
 */
export function buildIndex(c: Compiled): SlotIndex {
  const { nJ, nU, mem } = c;
  const read = c.sListed.indexOf(0) >= 0;
  // How many students meet each (unit, bar): a slot is filed under the requirements the fewest
  // students meet, so that the fewest students ever read it.
  const meeting = read ? meetingCounts(c) : mem.int32(nU * 6);
  const meetingOf = (r: number) => meeting[c.jReqUnit[r] * 6 + Math.ceil(c.jReqMin[r])];
  const groups = groupCount(c);
  const singles = groups * nU;
  const bucketOfSlot = mem.int32(nJ).fill(-1);
  /** the requirement whose minimum orders the slot within its bucket (its run's: `partnerReq`) */
  const sortReq = mem.int32(nJ);
  const partnerReq = mem.int32(nJ).fill(-1);
  const pairIds = new Map<number, number>();
  const pairs: number[] = [];
  const open: number[] = [];
  // Each slot's two most selective requirements, and how long each one-unit bucket would be.
  const first = mem.int32(nJ).fill(-1);
  const second = mem.int32(nJ).fill(-1);
  const singleLength = mem.int32(singles);
  for (let j = 0; j < nJ; j++) {
    if (c.jCap[j] <= 0 || !read) continue;
    let best = -1;
    let next = -1;
    for (let r = c.jReqStart[j]; r < c.jReqStart[j + 1]; r++) {
      if (best < 0 || meetingOf(r) < meetingOf(best)) {
        next = best;
        best = r;
      } else if (next < 0 || meetingOf(r) < meetingOf(next)) {
        next = r;
      }
    }
    first[j] = best;
    second[j] = next;
    if (best < 0) open.push(j);
    else singleLength[groupOf(c, false, j) * nU + c.jReqUnit[best]]++;
  }
  for (let j = 0; j < nJ; j++) {
    const best = first[j];
    if (best < 0) continue;
    const g = groupOf(c, false, j);
    const a = c.jReqUnit[best];
    const b = second[j] < 0 ? a : c.jReqUnit[second[j]];
    // A short bucket is read at once: pairs pay only where one unit's bucket is long (a
    // regency's few slots are not worth a student's pair lookups).
    if (a === b || singleLength[g * nU + a] <= PAIR_FROM) {
      bucketOfSlot[j] = g * nU + a;
      sortReq[j] = best;
      continue;
    }
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const key = (g * nU + lo) * nU + hi;
    let id = pairIds.get(key);
    if (id === undefined) {
      id = pairs.length;
      pairIds.set(key, id);
      pairs.push(key);
    }
    bucketOfSlot[j] = singles + id;
    sortReq[j] = a < b ? best : second[j];
    partnerReq[j] = a < b ? second[j] : best;
  }
  const partners = mem.int32(singles * 2);
  const paired = mem.uint8(groups);
  let size = 16;
  while (size < pairs.length * 2) size *= 2;
  const pairKey = mem.float64(size).fill(-1);
  const pairBucket = mem.int32(size);
  const pairShift = 32 - Math.log2(size);
  for (let id = 0; id < pairs.length; id++) {
    const key = pairs[id];
    const hi = key % nU;
    const lo = ((key - hi) / nU) % nU;
    const g = (key - hi - lo * nU) / (nU * nU);
    let i = pairHash(g, lo, hi, pairShift);
    while (pairKey[i] !== -1) i = (i + 1) & (size - 1);
    pairKey[i] = key;
    pairBucket[i] = singles + id;
    partners[(g * nU + lo) * 2 + ((hi & 32) === 0 ? 0 : 1)] |= 1 << (hi & 31);
    paired[g] = 1;
  }

  const count = mem.int32(singles + pairs.length + 1);
  for (let j = 0; j < nJ; j++) if (bucketOfSlot[j] >= 0) count[bucketOfSlot[j] + 1]++;
  for (let i = 1; i < count.length; i++) count[i] += count[i - 1];
  const start = mem.int32Copy(count);
  const fill = mem.int32Copy(count);
  const slot = mem.int32(start[start.length - 1]);
  const runOfSlot = (j: number) => (partnerReq[j] < 0 ? 0 : runOfMinimum(c.jReqMin[partnerReq[j]]));
  // Within a bucket, slots by run, then by the minimum of their sorting requirement, then by
  // index: all of them sorted at once by one whole number, then dealt to their buckets in that
  // order (a comparator sort a bucket took 110 ms at national scale, this about 60 ms).
  const order = slotOrder(nJ, bucketOfSlot, runOfSlot, (j) => c.jReqMin[sortReq[j]]);
  for (const j of order) slot[fill[bucketOfSlot[j]]++] = j;
  const runStarts = mem.int32(pairs.length * (RUNS - 1));
  for (let b = singles; b + 1 < start.length; b++) {
    // where each run after the first begins (empty runs begin where the next one does)
    for (let run = 1, k = start[b]; run < RUNS; run++) {
      while (k < start[b + 1] && runOfSlot(slot[k]) < run) k++;
      runStarts[(b - singles) * (RUNS - 1) + run - 1] = k;
    }
  }
  const at = mem.int32(slot.length + 1);
  for (let k = 0; k < slot.length; k++) {
    const j = slot[k];
    const n = c.jReqStart[j + 1] - c.jReqStart[j];
    const p = c.jProgStart[j + 1] - c.jProgStart[j];
    at[k + 1] = weightsAt(at[k], n, p) + n;
  }
  const F = mem.float64(at[slot.length]);
  const I = new Int32Array(F.buffer, F.byteOffset, F.length * 2);
  for (let k = 0; k < slot.length; k++) {
    const j = slot[k];
    const e = at[k];
    const r0 = c.jReqStart[j];
    const n = c.jReqStart[j + 1] - r0;
    const p0 = c.jProgStart[j];
    const p = c.jProgStart[j + 1] - p0;
    const h = 2 * e + 4;
    const w = weightsAt(e, n, p);
    let sumW = 0;
    for (let i = 0; i < n; i++) {
      const u = c.jReqUnit[r0 + i];
      if ((u & 32) === 0) I[h + ENTRY_MASK0] |= 1 << (u & 31);
      else I[h + ENTRY_MASK1] |= 1 << (u & 31);
      I[h + ENTRY_HEADER + i] = u * (TOP_LEVEL + 1) + Math.floor(c.jReqMin[r0 + i]);
      F[w + i] = c.jReqWeight[r0 + i];
      // Summed in requirement order, as `scoreResolved` sums them: the same double.
      sumW += c.jReqWeight[r0 + i];
    }
    F[e] = c.jReqMin[sortReq[j]];
    F[e + 1] = sumW;
    I[h + ENTRY_SLOT] = j;
    I[h + ENTRY_REGION] = c.jRegion[j];
    I[h + ENTRY_PROVINCE] = c.jProvince[j];
    I[h + ENTRY_N] = n;
    I[h + ENTRY_P] = p;
    for (let i = 0; i < p; i++) I[h + ENTRY_HEADER + n + i] = c.jProg[p0 + i];
  }
  const openSlots = mem.int32(open.length);
  openSlots.set(open);
  return {
    start,
    runStarts,
    singles,
    pairKey,
    pairBucket,
    pairShift,
    partners,
    paired,
    open: openSlots,
    at,
    F,
    I,
  };
}

/**
 * eligibleMicro for the index entry at word e, whose requirements student s meets (a level
 * below a bar is not looked at again here): the same checks and the same arithmetic in the same
 * order, so the same bits. Used where levels or minimums are not whole numbers.
 */
function entryMicro(c: Compiled, x: SlotIndex, e: number, s: number, level: Float64Array): number {
  const { F, I } = x;
  const h = 2 * e + 4;
  const rel =
    c.sRegion[s] === I[h + ENTRY_REGION]
      ? REGION_SAME
      : c.sProvince[s] === I[h + ENTRY_PROVINCE]
        ? REGION_PROVINCE
        : REGION_OTHER;
  if (!regionAllowed(c.o.policy, rel)) return -1;
  const n = I[h + ENTRY_N];
  const p = I[h + ENTRY_P];
  if (!programmeAccepted(I, h + ENTRY_HEADER + n, p, c.sProgram[s])) return -1;
  const w = weightsAt(e, n, p);
  const r0 = c.jReqStart[I[h + ENTRY_SLOT]];
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += F[w + i] * levelQuality(level[unitOfKey(I[h + ENTRY_HEADER + i])], c.jReqMin[r0 + i]);
  }
  const sumW = F[e + 1];
  return combineMicro(sumW > 0 ? acc / sumW : 1, rel, c.o);
}

/** Whether a slot's programmes (p of them from I[from]; none: any) include the student's. */
function programmeAccepted(I: Int32Array, from: number, p: number, program: number): boolean {
  if (p === 0) return true;
  for (let q = from; q < from + p; q++) if (I[q] === program) return true;
  return false;
}

/**
 * Writes keys[from, from + count) (kept keys: `ListScanner.keys`) as (slot, micro) entries from
 * index `to` of the two arrays, but those `refusal` turns away for student s; returns how many
 * it wrote.
 */
export function writeKeys(
  nJ: number,
  keys: Float64Array,
  from: number,
  count: number,
  slot: Int32Array,
  micro: Int32Array,
  to: number,
  s = -1,
  refusal: Refusal | null = null,
): number {
  let e = to;
  for (let i = from; i < from + count; i++) {
    const key = keys[i];
    // key / nJ is q + j / nJ, below q + 1 by at least 1 / nJ, and q is at most SCORE_SCALE,
    // where doubles are 2^-32 apart: the floor is exact, and cheaper than a double's remainder.
    const q = Math.floor(key / nJ);
    const j = key - q * nJ;
    const m = SCORE_SCALE - q;
    if (refusal !== null && refusal.refuses(s, j, m)) continue;
    slot[e] = j;
    micro[e++] = m;
  }
  return e - to;
}

export class Growable {
  // Sized up front in the arena; a regrowth is a copy to arrays of their own, outside it, so
  // that the outgrown ones can be collected (in the arena they would stay until the match is
  // done with: twice the memory of the lists).
  constructor(
    private readonly mem: Arena,
    initial: number,
  ) {
    this.slot = mem.int32(initial);
    this.micro = mem.int32(initial);
  }
  slot: Int32Array;
  micro: Int32Array;
  length = 0;
  push(j: number, m: number): void {
    if (this.length === this.slot.length) this.reserve(1);
    this.slot[this.length] = j;
    this.micro[this.length++] = m;
  }
  /** Makes room for n more entries. */
  reserve(n: number): void {
    if (this.length + n <= this.slot.length) return;
    const next = new Int32Array(Math.max(this.length + n, Math.ceil(this.slot.length * 1.75)));
    next.set(this.slot);
    this.slot = next;
    const nextMicro = new Int32Array(next.length);
    nextMicro.set(this.micro);
    this.micro = nextMicro;
  }
}

/**
 * Reads students' parts of the slot index: the one place where a student's eligible slots are
 * found and scored. Both the whole lists (optimal mode) and the lists made on demand (stable
 * mode) come from `scan`; a student's own list from `ownList`.
 *
 * Where levels and minimums are whole numbers, a student is loaded and their buckets found and
 * read by the scan kernel (scan-kernel.c, in WebAssembly, over the arena's block): on the large
 * province 4.6-4.8 s for the first entries of every list, against 7.0-8.0 s for the same loop in
 * TypeScript. The TypeScript below does it otherwise (`rangesOf`, `scanHere`), and always reads
 * the open slots.
 */
export class ListScanner {
  readonly index: SlotIndex;
  readonly probe: Probe;
  /**
   * One scan's kept keys, (SCORE_SCALE - micro) * nJ + slot (exact in a double, smaller is
   * better): in the order met while scanning, best first after `scan`. Room for every slot: a
   * slot is filed once in the index, so a student meets it at most once.
   */
  readonly keys: Float64Array;
  kept = 0;
  /** the last scan's eligible entries with keys up to `after`, and the entries `shut` passed over */
  before = 0;
  passed = 0;
  /** the kernel, when it can read every array a scan needs; null to scan in TypeScript */
  private readonly kernel: ScanKernel | null;
  /** the kernel's context block (CTX), null without the kernel */
  private readonly context: Int32Array | null;
  /** room for the keys at or below `best`'s threshold */
  private readonly spare: Float64Array;
  /** found by `ownList` (`ownMany`) */
  readonly closestListed: ClosestSlots;
  /** Compiled.jReqStart copied into the kernel's memory, once asked for (`kernelReqStart`) */
  private reqStart: Int32Array | null = null;
  /** the probe's student, so that a student scanned again is not loaded again */
  private loaded = -1;
  /**
   * One student's buckets to read: entries [from, to) of the index (by ordinal: `at` gives their
   * words), and the level that ends the run; room for the most any student reads.
   */
  private readonly rangeFrom: Int32Array;
  private readonly rangeTo: Int32Array;
  private readonly rangeLevel: Float64Array;
  /** students scanned on helper threads so far (for the specs) */
  helped = 0;
  /**
   * the helper threads' arrays: up to `c.o.threads` - 1 of them where the kernel is used and
   * there are THREADED_FROM students or more
   */
  private readonly helpers: ScanThread[] = [];
  /** the keys a call of restsOfMany may write (less only in a spec, to run out of room) */
  restRoom = REST_ROOM;
  /** restsOfMany's arrays in the kernel's memory, two windows' worth, where there are helpers */
  private rests: [RestWindow, RestWindow] | null = null;
  /** `shutSpans`' array, once asked for */
  private spans: Float64Array | null = null;
  /** whether restsOfMany passes over unread the entries shut to a student (off only in a spec) */
  passShut = true;

  constructor(private readonly c: Compiled) {
    const mem = c.mem;
    const index = (this.index = buildIndex(c));
    this.probe = newProbe(c);
    this.keys = mem.float64(Math.max(1, c.nJ));
    this.spare = mem.float64(Math.max(1, c.nJ));
    const listers = c.listStart[c.nS] > 0 ? c.nS : 0;
    this.closestListed = {
      slot: mem.int32(listers),
      missing: mem.int32(listers),
      held: mem.float64(listers),
    };
    let units = 0;
    for (let s = 0; s < c.nS; s++) units = Math.max(units, c.sUnitStart[s + 1] - c.sUnitStart[s]);
    const most = Math.max(1, units + (RUNS * units * (units - 1)) / 2);
    this.rangeFrom = mem.int32(most);
    this.rangeTo = mem.int32(most);
    this.rangeLevel = mem.float64(most);
    // The table exists only where levels are whole and held in bytes, as the kernel reads them.
    const quality = qualityTable(c);
    const kernel = quality ? scanKernel(mem) : null;
    let context: Int32Array | null = null;
    if (kernel !== null) {
      context = mem.int32(CTX.SIZE);
      let readable = kernel.holds(context) && kernel.holds(this.spare);
      const set = (field: number, a: ArrayBufferView | null) => {
        context![field] = a === null ? 0 : a.byteOffset;
        readable &&= kernel.holds(a);
      };
      const weights = mem.float64(2);
      weights[0] = c.o.wc;
      weights[1] = c.o.wr;
      const policy = c.o.policy;
      set(CTX.F, index.F);
      set(CTX.START, index.start);
      set(CTX.RUN_STARTS, index.runStarts);
      set(CTX.PAIR_KEY, index.pairKey);
      set(CTX.PAIR_BUCKET, index.pairBucket);
      set(CTX.PARTNERS, index.partners);
      set(CTX.PAIRED, index.paired);
      set(CTX.AT, index.at);
      set(CTX.UNIT_START, c.sUnitStart);
      set(CTX.UNIT8, c.sUnit instanceof Uint8Array ? c.sUnit : null);
      set(CTX.UNIT32, c.sUnit instanceof Int32Array ? c.sUnit : null);
      set(CTX.LEVEL8, c.sLevel);
      set(CTX.REGION, c.sRegion);
      set(CTX.PROVINCE, c.sProvince);
      set(CTX.PROGRAM, c.sProgram);
      set(CTX.TIE, c.sTie);
      set(CTX.QUALITY, quality);
      set(CTX.WEIGHTS, weights);
      for (const [field, row] of scratchRows(mem, c.nU)) set(field, row);
      set(CTX.RANGE_FROM, this.rangeFrom);
      set(CTX.RANGE_TO, this.rangeTo);
      set(CTX.RANGE_LEVEL, this.rangeLevel);
      set(CTX.KEYS, this.keys);
      context[CTX.SINGLES] = index.singles;
      context[CTX.PAIR_SHIFT] = index.pairShift;
      context[CTX.PAIR_MASK] = index.pairKey.length - 1;
      context[CTX.NU] = c.nU;
      context[CTX.NJ] = c.nJ;
      context[CTX.NS] = c.nS;
      context[CTX.GROUP_BY] = policy === 'same_region' ? 1 : policy === 'same_province' ? 2 : 0;
      context[CTX.LOADED] = -1;
      if (!readable) context = null;
    }
    this.kernel = context === null ? null : kernel;
    this.context = context;
    for (let t = 0; context !== null && c.nS >= THREADED_FROM && t < c.helpers.length; t++) {
      const helper = this.helperThread(c.helpers[t]);
      if (helper === null) break;
      this.helpers.push(helper);
    }
    if (this.helpers.length > 0) {
      const rests: [RestWindow, RestWindow] = [restWindow(mem), restWindow(mem)];
      const arrays = rests.flatMap((w) => Object.values(w));
      if (arrays.every((a) => kernel!.holds(a))) this.rests = rests;
    }
  }

  /**
   * The first entries of the lists of `students` (none of whom gave a list), as `scan` with
   * `after` -1 makes them, by the kernel on up to `c.o.threads` threads at once (`manyThreads`):
   * student i's best `limit` from slot[at[i]] and micro[at[i]], kept[i] of them, the lists end
   * to end from index 0; length[i] their eligible slots, each counted in `degree`. Returns the
   * entries written, or -1, with nothing written, where the kernel cannot do it alone (no
   * kernel, open slots, an array outside its memory): `scan` then makes them one by one.
   */
  firstOfMany(
    students: Int32Array,
    limit: number,
    degree: Int32Array,
    length: Int32Array,
    kept: Int32Array,
    at: Int32Array,
    slot: Int32Array,
    micro: Int32Array,
  ): number {
    const out = [students, degree, length, kept, at, slot, micro];
    const threads = this.manyThreads(students.length, out);
    if (threads === null || slot.length < students.length * limit) return -1;
    const mem = this.c.mem;
    const stages = threads.map(() => mem.int32(2 * CHUNK * limit));
    const counters = mem.int32(COUNTERS);
    if (![...stages, counters].every((a) => this.kernel!.holds(a))) return -1;
    const args = threads.map((t, i) => [
      t.context.byteOffset,
      students.byteOffset,
      students.length,
      counters.byteOffset,
      CHUNK,
      limit,
      t.spare.byteOffset,
      stages[i].byteOffset,
      (t.degree ?? degree).byteOffset,
      length.byteOffset,
      kept.byteOffset,
      at.byteOffset,
      slot.byteOffset,
      micro.byteOffset,
    ]);
    this.runMany('first_many', students.length, counters, threads, args);
    this.addDegrees(threads, degree);
    return counters[3];
  }

  /**
   * before[i]: student students[i]'s eligible entries with keys up to after[i] (a scan's
   * `before`), counted by the kernel on up to `c.o.threads` threads at once. False, with nothing
   * counted, where the kernel cannot do it alone.
   */
  countMany(students: Int32Array, after: Float64Array, before: Int32Array): boolean {
    const threads = this.manyThreads(students.length, [students, after, before]);
    if (threads === null) return false;
    const counters = this.c.mem.int32(COUNTERS);
    if (!this.kernel!.holds(counters)) return false;
    const args = threads.map((t) => [
      t.context.byteOffset,
      students.byteOffset,
      after.byteOffset,
      students.length,
      counters.byteOffset,
      CHUNK,
      before.byteOffset,
    ]);
    this.runMany('count_many', students.length, counters, threads, args);
    return true;
  }

  /**
   * closest[i]: the closest slot (or -1) of students[i], each eligible for nothing and without a
   * list of their own, found in `buckets` as explain.ts' closestByUnits finds it, by the kernel
   * on up to `c.o.threads` threads at once. False, with nothing found, where the kernel cannot
   * do it alone.
   */
  closestMany(buckets: UnitBuckets, students: Int32Array, out: ClosestSlots): boolean {
    const { start, slot, entryMin, entryW, entryPos, posSumW, met, metBy } = buckets;
    const { c } = this;
    const unitBuckets = [start, slot, entryMin, entryW, entryPos, posSumW];
    const read = [...unitBuckets, c.jRecAt, c.jRec, met, metBy, out.slot, out.missing, out.held];
    // A student's closest slot reads whole buckets (~0.6 ms each in the worst case's one
    // province): helpers, which a match has only from THREADED_FROM students, take a share of
    // any call of two chunks or more.
    const threads = this.manyThreads(students.length, [students, ...read], 2 * CHUNK);
    if (threads === null) return false;
    // UB_* in scan-kernel.c
    const block = [...unitBuckets, c.jRecAt, c.jRec, this.kernelReqStart()];
    const { mem, nJ } = c;
    const counters = mem.int32(COUNTERS);
    const offsets = this.offsetsOf(block);
    // The calling thread's met weights are the index's own; each helper's its own.
    const own = threads.map((_, t) =>
      t === 0 ? { met, metBy } : { met: mem.float64(nJ), metBy: mem.int32(nJ).fill(-1) },
    );
    const arrays = [counters, offsets, ...own.flatMap((o) => [o.met, o.metBy])];
    if (!arrays.every((a) => this.kernel!.holds(a))) return false;
    const args = threads.map((t, i) => [
      t.context.byteOffset,
      offsets.byteOffset,
      students.byteOffset,
      students.length,
      counters.byteOffset,
      CHUNK,
      own[i].met.byteOffset,
      own[i].metBy.byteOffset,
      out.slot.byteOffset,
      out.missing.byteOffset,
      out.held.byteOffset,
    ]);
    this.runMany('closest_many', students.length, counters, threads, args);
    return true;
  }

  /**
   * The own lists of `students` (each gave one), as `ownList` makes them with no limit, by the
   * kernel on up to `c.o.threads` threads at once (`manyThreads`): student i's entries from
   * slot[at[i]] and micro[at[i]], kept[i] of them, the lists end to end from index 0, each
   * counted in `degree`; the closest slot of each student with none eligible in `closestListed`.
   * Returns the entries written, or -1, with nothing written, where the kernel cannot do it
   * alone. A list names slots at random, so each entry is a cache miss or two: the threads wait
   * for memory side by side.
   */
  ownMany(
    students: Int32Array,
    degree: Int32Array,
    kept: Int32Array,
    at: Int32Array,
    slot: Int32Array,
    micro: Int32Array,
  ): number {
    const { c } = this;
    const { mem, nJ, listStart } = c;
    const closest = this.closestListed;
    // OL_* in scan-kernel.c
    const lists = [
      listStart,
      c.listSlot,
      c.jRecAt,
      c.jRec,
      closest.slot,
      closest.missing,
      closest.held,
      this.kernelReqStart(),
    ];
    const out = [students, degree, kept, at, slot, micro, ...lists];
    const threads = this.manyThreads(students.length, out, THREADED_FROM, false);
    if (threads === null) return -1;
    // Room for the longest chunk's lists (chunks are taken at multiples of CHUNK), and for all.
    let most = 0;
    let entries = 0;
    for (let i = 0; i < students.length; i += CHUNK) {
      let sum = 0;
      for (let k = i; k < Math.min(i + CHUNK, students.length); k++) {
        sum += listStart[students[k] + 1] - listStart[students[k]];
      }
      most = Math.max(most, sum);
      entries += sum;
    }
    if (slot.length < entries || micro.length < entries) return -1;
    const counters = mem.int32(COUNTERS);
    const block = this.offsetsOf(lists);
    // No closest listed slots kept (OL_CLOSEST 0) where no student lists a slot.
    if (closest.slot.length === 0) block[lists.indexOf(closest.slot)] = 0;
    const own = threads.map(() => ({
      seen: mem.int32(nJ).fill(-1),
      stage: mem.int32(Math.max(1, most)),
      stageMicro: mem.int32(Math.max(1, most)),
    }));
    const arrays = [counters, block, ...own.flatMap((o) => [o.seen, o.stage, o.stageMicro])];
    if (!arrays.every((a) => this.kernel!.holds(a))) return -1;
    const args = threads.map((t, i) => [
      t.context.byteOffset,
      block.byteOffset,
      students.byteOffset,
      students.length,
      counters.byteOffset,
      CHUNK,
      own[i].seen.byteOffset,
      own[i].stage.byteOffset,
      own[i].stageMicro.byteOffset,
      (t.degree ?? degree).byteOffset,
      kept.byteOffset,
      at.byteOffset,
      slot.byteOffset,
      micro.byteOffset,
    ]);
    this.runMany('own_many', students.length, counters, threads, args);
    this.addDegrees(threads, degree);
    return counters[3];
  }

  /**
   * Deferred acceptance's first round (`CandidateLists.proposeFirst`) by the kernel, over the
   * entries made up front (`FirstEntries`), the students of `order` (every student once) in that
   * order: one region group at a time, the largest first, on up to `c.o.threads` threads at once.
   * Returns how many students wait for more entries (in round.waiting), or -1, with nothing done,
   * where the kernel cannot read it all.
   */
  proposeMany(round: FirstRound, entries: FirstEntries, order: Int32Array): number {
    const { c } = this;
    const { mem, nS } = c;
    const groups = groupCount(c);
    const start = mem.int32(groups + 1);
    for (let s = 0; s < nS; s++) start[groupOf(c, true, s) + 1]++;
    const taken = Int32Array.from({ length: groups }, (_, g) => g)
      .filter((g) => start[g + 1] > 0)
      .sort((a, b) => start[b + 1] - start[a + 1] || a - b);
    for (let g = 0; g < groups; g++) start[g + 1] += start[g];
    // The students of each group in the order their lists were made: the pool's order.
    const members = mem.int32(nS);
    const filled = start.slice(0, groups);
    for (let q = 0; q < nS; q++) {
      const s = order[q];
      members[filled[groupOf(c, true, s)]++] = s;
    }
    const waited = mem.int32(groups);
    // DA_* in scan-kernel.c
    const block = [
      mem.int32Copy(taken),
      start,
      members,
      round.waiting,
      waited,
      entries.at,
      entries.inPool,
      entries.length,
      entries.slot,
      entries.micro,
      c.sTie,
      round.usable,
      round.off,
      round.size,
      round.heapStudent,
      round.heapKey,
      round.bar,
      round.shut,
      round.slotOf,
      round.entryOf,
      round.next,
    ];
    const threads = this.manyThreads(taken.length, block, 2, false);
    const offsets = this.offsetsOf(block, nS);
    const counters = mem.int32(COUNTERS);
    if (threads === null || ![offsets, counters].every((a) => this.kernel!.holds(a))) return -1;
    const args = threads.map(() => [offsets.byteOffset, taken.length, counters.byteOffset]);
    this.runMany('propose_many', taken.length, counters, threads, args);
    // Each group's waiting students, from its start, moved up to lie end to end.
    const { waiting } = round;
    let n = 0;
    for (let g = 0; g < groups; g++) {
      for (let k = 0; k < waited[g]; k++) waiting[n++] = waiting[start[g] + k];
    }
    return n;
  }

  /**
   * The certificate's pairs where slot j wants a student only for a key above bar[j]
   * (`CandidateLists.blockingMany`), by the kernel on up to `c.o.threads` threads at once, over
   * the entries made up front (as `proposeMany` reads them) of the students of `order`, each
   * down to slotOf[s]. Returns, per position in `order`, the entry to go on from where the
   * caller reads the rest (-1 where none is left), and the pairs as (student, slot, entry)
   * triples; null, with nothing found, where the kernel cannot do it alone or the pairs would
   * pass BLOCKING_ROOM.
   */
  blockingMany(
    entries: FirstEntries & { made: Int32Array; restMade: Uint8Array },
    order: Int32Array,
    bar: Float64Array,
    slotOf: Int32Array,
  ): { resume: Int32Array; found: Int32Array } | null {
    const { mem, nS } = this.c;
    const resume = mem.int32(nS);
    const found = mem.int32(3 * BLOCKING_ROOM);
    const { at, inPool, made, restMade, length, slot, micro } = entries;
    // BP_* in scan-kernel.c
    const block = [
      at,
      inPool,
      made,
      restMade,
      length,
      slot,
      micro,
      this.c.sTie,
      bar,
      slotOf,
      resume,
      found,
    ];
    const threads = this.manyThreads(nS, [...block, order], THREADED_FROM, false);
    const offsets = this.offsetsOf(block, BLOCKING_ROOM, nS);
    const counters = mem.int32(COUNTERS);
    if (threads === null || ![offsets, counters].every((a) => this.kernel!.holds(a))) return null;
    const args = threads.map(() => [
      offsets.byteOffset,
      order.byteOffset,
      nS,
      counters.byteOffset,
      CHUNK,
    ]);
    this.runMany('blocking_many', nS, counters, threads, args);
    if (counters[3] > BLOCKING_ROOM) return null;
    return { resume, found: found.subarray(0, 3 * counters[3]) };
  }

  /**
   * A block the kernel finds a call's arrays by (UB_*, OL_*, DA_* and BP_* in scan-kernel.c), in
   * the arena: the byte offset of each of `arrays`, then `numbers` as they are.
   */
  private offsetsOf(arrays: ArrayBufferView[], ...numbers: number[]): Int32Array {
    const block = this.c.mem.int32(arrays.length + numbers.length);
    arrays.forEach((a, i) => (block[i] = a.byteOffset));
    block.set(numbers, arrays.length);
    return block;
  }

  /**
   * The slots' requirement starts where the kernel reads them: the compiled input's are outside
   * its memory (nJ + 1 numbers, copied once).
   */
  private kernelReqStart(): Int32Array {
    this.reqStart ??= this.c.mem.int32Copy(this.c.jReqStart);
    return this.reqStart;
  }

  /** The helpers' own degree counts added to `degree`, and set to zero again. */
  private addDegrees(threads: ScanThread[], degree: Int32Array): void {
    for (const { degree: own } of threads) {
      for (let j = 0; own !== null && j < this.c.nJ; j++) {
        degree[j] += own[j];
        own[j] = 0;
      }
    }
  }

  /**
   * For each of `students` in turn, `scan` with `after` after[i], every key kept, `shut` and
   * `bound` bound[i], handing `each` student i's keys, ascending, as keys[from, from + kept),
   * and its `passed`: in the order of `students`, the scans made on several threads where the
   * kernel can (windows of REST_WINDOW students), else one by one.
   */
  restsOfMany(
    students: Int32Array,
    after: Float64Array,
    bound: Float64Array,
    shut: Float64Array | null,
    each: (i: number, keys: Float64Array, from: number, kept: number, passed: number) => void,
  ): void {
    const n = students.length;
    const spans = shut !== null ? this.shutSpans(shut, n) : null;
    const alone = (i: number) => {
      this.scan(students[i], after[i], KEEP_ALL, null, shut, bound[i], spans);
      each(i, this.keys, 0, this.kept, this.passed);
    };
    const window = (from: number, which: number) =>
      this.startRests(
        students.subarray(from),
        after.subarray(from),
        bound.subarray(from),
        shut,
        spans,
        which,
      );
    let done = 0;
    // While this thread hands `each` one window's keys, the helpers scan the next window into
    // the other window's arrays (it joins them when done). Storing the worst case's rests took
    // 1.7-2.5 s with the helpers idle; restsOfMany there, three alternated pairs: 8.53/8.92/9.10 s
    // before, 7.86/8.39/8.56 s after.
    for (let ahead = window(0, 0); ahead !== null;) {
      const { which, begun } = ahead;
      const m = begun.total;
      const w = this.rests![which];
      this.finishMany(begun);
      // In order, up to the first whose keys found no room: the next window starts with them
      // (and the first of them is scanned here, alone).
      let i = 0;
      while (i < m && w.kept[i] >= 0) i++;
      const next = done + Math.max(i, 1);
      ahead = window(next, which ^ 1);
      for (let k = 0; k < i; k++) each(done + k, w.out, w.at[k], w.kept[k], w.passed[k]);
      if (i === 0) alone(done);
      done = next;
    }
    for (; done < n; done++) alone(done);
  }

  /**
   * rest_many over the first REST_WINDOW of `students` (or all of them), begun on the helpers
   * with the arrays of window `which`; null where the kernel cannot take them (too few for
   * threads, no helpers, an array outside its memory). `finishMany` ends it.
   */
  private startRests(
    students: Int32Array,
    after: Float64Array,
    bound: Float64Array,
    shut: Float64Array | null,
    spans: Float64Array | null,
    which: number,
  ): RestCall | null {
    const m = Math.min(REST_WINDOW, students.length);
    if (this.rests === null || m < THREADED_FROM) return null;
    const w = this.rests[which];
    const counters = this.c.mem.int32(COUNTERS);
    const threads = this.manyThreads(m, [shut, spans, counters]);
    if (threads === null) return null;
    w.students.set(students.subarray(0, m));
    w.after.set(after.subarray(0, m));
    w.bound.set(bound.subarray(0, m));
    const args = threads.map((t) => [
      t.context.byteOffset,
      w.students.byteOffset,
      w.after.byteOffset,
      w.bound.byteOffset,
      m,
      counters.byteOffset,
      shut === null ? 0 : shut.byteOffset,
      spans === null ? 0 : spans.byteOffset,
      t.spare.byteOffset,
      w.out.byteOffset,
      Math.min(this.restRoom, REST_ROOM),
      w.kept.byteOffset,
      w.at.byteOffset,
      w.passed.byteOffset,
    ]);
    return { which, begun: this.startMany('rest_many', m, counters, threads, args) };
  }

  /**
   * Per entry of the index, the least shut[j] of its slot and of the next 2, 4, ..., 32 entries'
   * (`shut_spans`), for the kernel's scans of the rests of `students` students to pass over
   * unread the entries shut to a student; null where that is not worth a read of every entry
   * (fewer than one student per 64 entries) or the kernel cannot read it.
   */
  private shutSpans(shut: Float64Array, students: number): Float64Array | null {
    const { kernel, index } = this;
    const entries = index.at.length - 1;
    if (!this.passShut || kernel === null || !kernel.holds(shut) || students * 64 < entries) {
      return null;
    }
    const spans = (this.spans ??= this.c.mem.float64(entries * SPANS));
    if (!kernel.holds(spans)) return null;
    kernel.exports.shut_spans(this.context!.byteOffset, shut.byteOffset, entries, spans.byteOffset);
    return spans;
  }

  /**
   * The threads for a kernel call over `total` students whose arrays are `arrays`: this one's
   * context first, then, from `threadedFrom` students, the helpers'. Null where the kernel cannot
   * read it all (no kernel, an array outside its memory, open slots where it `readsIndex`: the
   * kernel's scan does not read them).
   */
  private manyThreads(
    total: number,
    arrays: (ArrayBufferView | null)[],
    threadedFrom = THREADED_FROM,
    readsIndex = true,
  ): ScanThread[] | null {
    const kernel = this.kernel;
    if (kernel === null || (readsIndex && this.index.open.length > 0)) return null;
    if (!arrays.every((a) => kernel.holds(a))) return null;
    const calling = { context: this.context!, spare: this.spare, degree: null, mailbox: null };
    return total < threadedFrom ? [calling] : [calling, ...this.helpers];
  }

  private runMany(
    call: ManyCall,
    total: number,
    counters: Int32Array,
    threads: ScanThread[],
    args: number[][],
  ): void {
    this.finishMany(this.startMany(call, total, counters, threads, args));
  }

  /** `call` begun on the helpers of `threads` (ScanKernel.start); `finishMany` ends it. */
  private startMany(
    call: ManyCall,
    total: number,
    counters: Int32Array,
    threads: ScanThread[],
    args: number[][],
  ): ManyBegun {
    const mailboxes = threads.slice(1).map((t) => t.mailbox!);
    this.kernel!.start(call, counters, args, mailboxes);
    return { call, total, counters, args, mailboxes };
  }

  /** The calling thread's share of a call `startMany` began, and its end. */
  private finishMany({ call, total, counters, args, mailboxes }: ManyBegun): void {
    this.helped += total - this.kernel!.finish(call, total, counters, args[0], mailboxes);
  }

  /**
   * A context for the helper thread of `mailbox` (started with the match, `Compiled.helpers`):
   * this one's arrays, scratch rows and keys of its own; null where the arena has no room left.
   */
  private helperThread(mailbox: HelperMailbox): ScanThread | null {
    const kernel = this.kernel!;
    const { mem, nU, nJ } = this.c;
    const context = mem.int32(CTX.SIZE);
    context.set(this.context!);
    const own: [number, ArrayBufferView][] = [
      ...scratchRows(mem, nU),
      [CTX.RANGE_FROM, mem.int32(this.rangeFrom.length)],
      [CTX.RANGE_TO, mem.int32(this.rangeTo.length)],
      [CTX.RANGE_LEVEL, mem.float64(this.rangeLevel.length)],
      [CTX.KEYS, mem.float64(this.keys.length)],
    ];
    for (const [field, a] of own) context[field] = a.byteOffset;
    context[CTX.LOADED] = -1;
    context[CTX.HELD_COUNT] = 0;
    const spare = mem.float64(this.spare.length);
    const degree = mem.int32(nJ);
    const arrays = [context, spare, degree, ...own.map(([, a]) => a)];
    if (!arrays.every((a) => kernel.holds(a))) return null;
    return { context, spare, degree, mailbox };
  }

  load(s: number): void {
    if (this.loaded === s) return;
    loadStudent(this.c, s, this.probe);
    this.loaded = s;
  }

  /** The score of student s at slot j, as a scan of the index gives it, or -1 when not eligible. */
  microOf(s: number, j: number): number {
    this.load(s);
    return eligibleMicro(this.c, s, j, this.probe);
  }

  /**
   * Student s's own list in its order, with unknown, repeated, closed and ineligible slots
   * dropped, appended to `out`; `seen` is per slot, -1 or the last student who listed it. When
   * none is eligible, the closest slot on the list is found right after (`closestListed`).
   */
  ownList(s: number, seen: Int32Array, limit: number, out: Growable): void {
    const c = this.c;
    const level = this.probe.level;
    this.load(s);
    const begin = out.length;
    const from = c.listStart[s];
    const end = c.listStart[s + 1];
    for (let e = from; e < end; e++) {
      if (out.length - begin >= limit) break;
      const j = c.listSlot[e];
      // The capacity from the slot's record, which eligibleMicro reads next.
      if (seen[j] === s || c.jRecInt[2 * c.jRecAt[j] + REC_CAPACITY] <= 0) continue;
      seen[j] = s;
      const m = eligibleMicro(c, s, j, this.probe);
      if (m >= 0) out.push(j, m);
    }
    const closest = this.closestListed;
    if (closest.slot.length === 0) return;
    let best = -1;
    if (out.length === begin) {
      // The list's slots were just read: their requirements are still in cache.
      let bestShare = -1;
      for (let e = from; e < end; e++) {
        const j = c.listSlot[e];
        const share = shareMet(c, j, level);
        if (closer(share, j, bestShare, best)) {
          best = j;
          bestShare = share;
        }
      }
    }
    closest.slot[s] = best;
    if (best < 0) return;
    const missing = heaviestUnmet(c, best, level);
    closest.missing[s] = missing;
    closest.held[s] = missing >= 0 ? level[c.jReqUnit[missing]] : 0;
  }

  /**
   * Scans student s's part of the slot index: returns how many slots they are eligible for and
   * keeps in `keys` the `limit` best whose key comes after `after`, best first (`kept` of them).
   * `degree`, when given, counts each eligible slot. `shut`, when given, is per slot a key the
   * student's key there (`slotKey`, micro × nS + sTie[s] wherever shut is finite) must reach:
   * a slot j where `shut[j] >= bound` is passed over unexamined (neither counted nor kept), an
   * entry past `after` whose key is below shut[j] once scored (counted, not kept). `passed`
   * counts both, and once each span of entries passed over unread where `spans` (`shutSpans` of
   * that shut, read by the kernel only) shows them shut to the student.
   */
  scan(
    s: number,
    after: number,
    limit: number,
    degree: Int32Array | null,
    shut: Float64Array | null = null,
    bound = 0,
    spans: Float64Array | null = null,
  ): number {
    const kernel = this.kernel;
    const keep = limit > 0;
    let eligible: number;
    if (kernel !== null && kernel.holds(degree) && kernel.holds(shut) && kernel.holds(spans)) {
      const context = this.context!;
      eligible = kernel.exports.scan(
        context.byteOffset,
        s,
        after,
        keep ? 1 : 0,
        shut === null ? 0 : shut.byteOffset,
        bound,
        degree === null ? 0 : degree.byteOffset,
        spans === null ? 0 : spans.byteOffset,
      );
      this.kept = context[CTX.KEPT];
      this.before = context[CTX.BEFORE];
      this.passed = context[CTX.PASSED];
      if (this.index.open.length > 0) {
        this.load(s);
        eligible += this.scanHere(s, 0, after, keep, degree, shut, bound);
      }
    } else {
      this.kept = this.before = this.passed = 0;
      this.load(s);
      eligible = this.scanHere(s, this.rangesOf(s), after, keep, degree, shut, bound);
    }
    // Every key after `after` was kept, unordered: the best `limit` are chosen and sorted now (a
    // heap of the best while scanning cost more than the scan: most keys entered it).
    const n = this.kept;
    if (n > this.keys.length) throw new Error(`student ${s} met a slot twice in the index`);
    const most = Math.min(n, limit);
    if (n < 2) {
      this.kept = most;
    } else if (kernel !== null) {
      this.kept = kernel.exports.best(this.keys.byteOffset, n, most, this.spare.byteOffset);
    } else {
      this.keys.subarray(0, n).sort();
      this.kept = most;
    }
    return eligible;
  }

  /**
   * `scan`'s reading in TypeScript for the loaded student s, of the first `ranges` buckets
   * `rangesOf` found (none after the kernel), then of the open slots: adds to the counts and
   * keys already there (`kept`, `before`, `passed`), returns the eligible slots it found. Levels
   * are tested against the minimums, and the score computed as `entryMicro` does.
   */
  private scanHere(
    s: number,
    ranges: number,
    after: number,
    keep: boolean,
    degree: Int32Array | null,
    shut: Float64Array | null,
    bound: number,
  ): number {
    const c = this.c;
    const index = this.index;
    const { nJ, nS } = c;
    const { F, I } = index;
    const level = this.probe.level;
    const m0 = ~this.probe.mask0;
    const m1 = ~this.probe.mask1;
    const keys = this.keys;
    const tie = c.sTie[s];
    let kept = this.kept;
    let before = this.before;
    let passed = this.passed;
    let eligible = 0;
    for (let i = 0; i <= ranges; i++) {
      // Words of the index's stream for a bucket, entries of `open` for the open slots.
      let k: number;
      let end: number;
      let lv = Infinity;
      if (i < ranges) {
        k = index.at[this.rangeFrom[i]];
        end = index.at[this.rangeTo[i]];
        lv = this.rangeLevel[i];
      } else {
        k = 0;
        end = index.open.length;
      }
      for (let next = k; k < end; k = next) {
        let j: number;
        let m: number;
        if (i < ranges) {
          // Ascending minimum of the bucket's sorting unit: past the first bar above the
          // student, none is met.
          if (F[k] > lv) break;
          const h = 2 * k + 4;
          const n = I[h + ENTRY_N];
          const p = I[h + ENTRY_P];
          next = weightsAt(k, n, p) + n;
          if ((I[h + ENTRY_MASK0] & m0) !== 0 || (I[h + ENTRY_MASK1] & m1) !== 0) continue;
          j = I[h + ENTRY_SLOT];
          if (shut !== null && shut[j] >= bound) {
            passed++;
            continue;
          }
          const r0 = c.jReqStart[j];
          let r = 0;
          while (r < n && level[unitOfKey(I[h + ENTRY_HEADER + r])] >= c.jReqMin[r0 + r]) r++;
          if (r < n) continue;
          m = entryMicro(c, index, k, s, level);
          if (m < 0) continue;
        } else {
          next = k + 1;
          j = index.open[k];
          if (shut !== null && shut[j] >= bound) {
            passed++;
            continue;
          }
          m = eligibleMicro(c, s, j, this.probe);
          if (m < 0) continue;
        }
        eligible++;
        if (degree) degree[j]++;
        const key = listKey(nJ, j, m);
        if (key <= after) {
          before++;
          continue;
        }
        if (shut !== null && m * nS + tie < shut[j]) {
          passed++;
          continue;
        }
        if (keep) keys[kept++] = key;
      }
    }
    this.kept = kept;
    this.before = before;
    this.passed = passed;
    return eligible;
  }

  /** Appends the kept keys to `out` as (slot, micro) entries. */
  appendKept(out: Growable): void {
    out.reserve(this.kept);
    writeKeys(this.c.nJ, this.keys, 0, this.kept, out.slot, out.micro, out.length);
    out.length += this.kept;
  }

  /**
   * The buckets the loaded student s reads, into the range arrays; returns how many. Each held
   * unit's one-unit bucket, and the runs their level can meet of the bucket of each pair of
   * held units that has one (`ranges_of` in scan-kernel.c does the same).
   */
  private rangesOf(s: number): number {
    const { nU } = this.c;
    const index = this.index;
    const probe = this.probe;
    const held = probe.held;
    const level = probe.level;
    const n = probe.heldCount;
    const g = groupOf(this.c, true, s);
    const paired = index.paired[g] === 1;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const u = held[i];
      let b = g * nU + u;
      if (index.start[b + 1] > index.start[b]) {
        this.rangeFrom[count] = index.start[b];
        this.rangeTo[count] = index.start[b + 1];
        this.rangeLevel[count++] = level[u];
      }
      for (let i2 = i + 1; paired && i2 < n; i2++) {
        const v = held[i2];
        const lo = u < v ? u : v;
        const hi = u < v ? v : u;
        const bits = index.partners[(g * nU + lo) * 2 + ((hi & 32) === 0 ? 0 : 1)];
        if ((bits & (1 << (hi & 31))) === 0) continue;
        b = pairBucketOf(index, nU, g, lo, hi);
        if (b < 0) continue;
        const cut = (b - index.singles) * (RUNS - 1);
        const last = lastRunFor(level[hi]);
        for (let run = 0; run <= last; run++) {
          const from = run === 0 ? index.start[b] : index.runStarts[cut + run - 1];
          const to = run === RUNS - 1 ? index.start[b + 1] : index.runStarts[cut + run];
          if (to === from) continue;
          this.rangeFrom[count] = from;
          this.rangeTo[count] = to;
          this.rangeLevel[count++] = level[lo];
        }
      }
    }
    return count;
  }
}

/**
 * `levelQuality(lv, min)` at every whole minimum (1–5) and whole level, -1 below the bar: a
 * table small enough to stay in cache. Null when some level or minimum is not a whole number.
 */
function qualityTable(c: Compiled): Float64Array | null {
  if (!(c.sLevel instanceof Uint8Array)) return null;
  for (let r = 0; r < c.jReqMin.length; r++) if (!Number.isInteger(c.jReqMin[r])) return null;
  const width = TOP_LEVEL + 1;
  const table = c.mem.float64(width * width);
  for (let min = 0; min <= TOP_LEVEL; min++) {
    for (let lv = 0; lv <= TOP_LEVEL; lv++) {
      table[min * width + lv] = min >= 1 && lv >= min ? levelQuality(lv, min) : -1;
    }
  }
  return table;
}

/**
 * The spans of `shutSpans` an entry has: its own slot's bar, then over 2, 4, ..., 32 entries
 * (SPANS in scan-kernel.c).
 */
const SPANS = 6;

/** Students are scanned in blocks of this many (see `scanOrder`). */
export const BLOCK = 1 << 16;

/**
 * Every student once, in the order their parts of the slot index are read, so that the index
 * stays in cache: in blocks of BLOCK consecutive students (`buildCandidates` writes a block's
 * lists in student order), and within a block region group by region group and, in a group,
 * programme by programme, students with their own list last. A group's part of the index is
 * read from memory once a block rather than once a student; students of one programme hold
 * much the same units, so one after another they read the same buckets while these are in the
 * core's own cache (large province: first scan 11.0–11.5 s → 9.3–9.5 s).
 */
export function scanOrder(c: Compiled): Int32Array {
  const { nS, mem } = c;
  const groups = groupCount(c);
  // (group, programme) kinds, programme -1 (none) first; students with their own list last
  const programs = c.programCount + 1;
  const kinds = groups * programs;
  const order = mem.int32(nS);
  const kind = mem.int32(Math.min(BLOCK, nS));
  const first = mem.int32(kinds + 2);
  for (let s0 = 0; s0 < nS; s0 += BLOCK) {
    const n = Math.min(BLOCK, nS - s0);
    first.fill(0);
    for (let i = 0; i < n; i++) {
      const s = s0 + i;
      const k = c.sListed[s] ? kinds : groupOf(c, true, s) * programs + c.sProgram[s] + 1;
      kind[i] = k;
      first[k + 1]++;
    }
    for (let k = 0; k <= kinds; k++) first[k + 1] += first[k];
    for (let i = 0; i < n; i++) order[s0 + first[kind[i]]++] = s0 + i;
  }
  return order;
}

/** Every student's whole list (or its top `maxPreferences`), in student order. */
export function buildCandidates(c: Compiled): Candidates {
  const { nS, nJ, mem } = c;
  const scanner = new ListScanner(c);
  const limit = c.o.maxPreferences;
  const seen = mem.int32(nJ).fill(-1);
  const out = new Growable(mem, Math.max(16, nS * 8));
  const start = mem.int32(nS + 1);
  // A block's lists are made in the scanner's order into `block`, then appended to `out` in
  // student order.
  const block = new Growable(mem, Math.max(16, Math.min(BLOCK, nS) * 8));
  const from = mem.int32(nS);
  const to = mem.int32(nS);
  const order = scanOrder(c);
  for (let s0 = 0; s0 < nS; s0 += BLOCK) {
    const s1 = Math.min(nS, s0 + BLOCK);
    for (let q = s0; q < s1; q++) {
      const s = order[q];
      from[s] = block.length;
      if (c.sListed[s]) {
        scanner.ownList(s, seen, limit, block);
      } else {
        scanner.scan(s, -1, limit, null);
        scanner.appendKept(block);
      }
      to[s] = block.length;
    }
    for (let s = s0; s < s1; s++) {
      start[s] = out.length;
      for (let e = from[s]; e < to[s]; e++) out.push(block.slot[e], block.micro[e]);
    }
    block.length = 0;
  }
  start[nS] = out.length;
  const slot = out.slot.subarray(0, out.length);
  const micro = out.micro.subarray(0, out.length);
  const degree = mem.int32(nJ);
  for (let e = 0; e < slot.length; e++) degree[slot[e]]++;
  return { start, slot, micro, degree, order, closestListed: scanner.closestListed };
}
