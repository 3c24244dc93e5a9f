import {
  BLOCK,
  buildCandidates,
  buildIndex,
  Candidates,
  eligibleMicro,
  entryMicro,
  groupCount,
  groupOf,
  Growable,
  loadStudent,
  newProbe,
  Probe,
  SlotIndex,
} from './candidates';
import type { Compiled } from './compile';
import {
  combineMicro,
  levelQuality,
  REGION_OTHER,
  REGION_PROVINCE,
  REGION_SAME,
  SCORE_SCALE,
} from './score';

/**
 * Every student's ranked list of eligible slots, read by rank (0 = first choice). Deferred
 * acceptance, the explanations and the certificate read the lists only through this, whether
 * they were built whole (optimal mode) or are made as the students go down them (stable mode).
 */
export interface CandidateLists {
  /** per student: how many slots the whole list holds */
  readonly length: Int32Array;
  /** per slot: on how many lists it stands */
  readonly degree: Int32Array;
  /** sum of the lengths: the eligible pairs */
  readonly pairs: number;
  /** Makes the entry at rank r of student s readable; false when the list is shorter. */
  has(s: number, r: number): boolean;
  /** slot and score (millionths) at rank r, once `has(s, r)` said true */
  slotAt(s: number, r: number): number;
  microAt(s: number, r: number): number;
}

/**
 * The lists of a match: made on demand in stable mode, where a student stops at the slot that
 * keeps them; whole where every pair is needed (optimal mode's flow network) or where a list is
 * cut to the top `maxPreferences` (the slots' degrees then count only the kept entries).
 */
export function candidateLists(c: Compiled): CandidateLists {
  if (c.o.mode === 'stable' && c.o.maxPreferences === Infinity) return new LazyLists(c);
  return new WholeLists(c, buildCandidates(c));
}

/** Lists built whole, in CSR form. */
export class WholeLists implements CandidateLists {
  readonly length: Int32Array;
  readonly degree: Int32Array;
  readonly pairs: number;
  private readonly start: Int32Array;
  private readonly slot: Int32Array;
  private readonly micro: Int32Array;

  constructor(c: Compiled, cand: Candidates) {
    this.start = cand.start;
    this.slot = cand.slot;
    this.micro = cand.micro;
    this.degree = cand.degree;
    this.pairs = cand.slot.length;
    this.length = c.mem.int32(c.nS);
    for (let s = 0; s < c.nS; s++) this.length[s] = cand.start[s + 1] - cand.start[s];
  }

  has(s: number, r: number): boolean {
    return r < this.length[s];
  }

  slotAt(s: number, r: number): number {
    return this.slot[this.start[s] + r];
  }

  microAt(s: number, r: number): number {
    return this.micro[this.start[s] + r];
  }
}

/** Entries made for every student up front; deferred acceptance asks for more as needed. */
const FIRST = 32;
/** Each later making holds this many times what the student had. */
const GROWTH = 8;
/** Whole levels at or above this meet every bar (minimums are at most 5) at full quality. */
const TOP_LEVEL = 5;

/**
 * Lists made in their order on demand, so that what is kept and sorted follows the proposals
 * rather than the eligible pairs. One scan of a student's part of the slot index (the slots the
 * whole lists would examine, scored with the same arithmetic to the same bits, ranked by the
 * same packed keys) counts their eligible slots, adds to every slot's degree and keeps the best
 * `FIRST`; a student who runs through what was made scans again for the next ones, after the
 * last made, `GROWTH` times as many.
 *
 * A student's first entries are one run in the pool (`at`); the later ones another (`more`),
 * copied to the pool's end whenever it grows, so that a list is read in place by rank. Students
 * with their own list have it made whole at once.
 */
export class LazyLists implements CandidateLists {
  readonly length: Int32Array;
  readonly degree: Int32Array;
  pairs = 0;
  private readonly at: Int32Array;
  private readonly more: Int32Array;
  private readonly made: Int32Array;
  private readonly pool: Growable;
  private readonly index: SlotIndex;
  /**
   * Per whole minimum and whole level lv (TOP_LEVEL and above as TOP_LEVEL): the quality
   * `levelQuality(lv, min)`, computed once, or -1 when lv is below the bar; null when a level or
   * a minimum is not a whole number, and the scan then computes as `entryMicro` does.
   */
  private readonly quality: Float64Array | null;
  private readonly probe: Probe;
  /** the probe's student, so that a student scanned again is not loaded again */
  private loaded = -1;
  /**
   * One scan's kept keys, (SCORE_SCALE - micro) * nJ + slot (exact in a double, smaller is
   * better): a max-heap while scanning, so the worst kept is at hand; sorted best first after.
   */
  private keys: Float64Array;
  private kept = 0;

  constructor(private readonly c: Compiled) {
    const { nS, nJ, mem } = c;
    this.length = mem.int32(nS);
    this.degree = mem.int32(nJ);
    this.at = mem.int32(nS);
    this.more = mem.int32(nS);
    this.made = mem.int32(nS);
    this.pool = new Growable(mem, Math.max(16, nS * 24));
    this.index = buildIndex(c);
    this.quality = qualityTable(c);
    this.probe = newProbe(c);
    this.keys = mem.float64(FIRST * GROWTH);
    const seen = mem.int32(nJ).fill(-1);
    // Within a block of consecutive students, those of one region group are scanned together,
    // so that the group's part of the index is read from memory once a block rather than once
    // a student (the whole lists are built in the same order).
    const groups = groupCount(c);
    const blockSize = Math.min(BLOCK, nS);
    const order = mem.int32(blockSize);
    const first = mem.int32(groups + 2);
    for (let s0 = 0; s0 < nS; s0 += BLOCK) {
      const n = Math.min(BLOCK, nS - s0);
      first.fill(0);
      for (let i = 0; i < n; i++) first[groupOf(c, true, s0 + i) + 1]++;
      for (let g = 0; g < groups; g++) first[g + 1] += first[g];
      for (let i = 0; i < n; i++) order[first[groupOf(c, true, s0 + i)]++] = s0 + i;
      for (let q = 0; q < n; q++) {
        const s = order[q];
        if (c.sListed[s]) this.makeListed(s, seen);
        else this.makeFirst(s);
        this.pairs += this.length[s];
      }
    }
  }

  has(s: number, r: number): boolean {
    if (r < this.made[s]) return true;
    if (r >= this.length[s]) return false;
    while (r >= this.made[s]) this.makeMore(s);
    return true;
  }

  slotAt(s: number, r: number): number {
    return this.pool.slot[this.entry(s, r)];
  }

  microAt(s: number, r: number): number {
    return this.pool.micro[this.entry(s, r)];
  }

  private entry(s: number, r: number): number {
    return r < FIRST ? this.at[s] + r : this.more[s] + r - FIRST;
  }

  /** The student's own list, in its order, with unknown, repeated and ineligible slots dropped. */
  private makeListed(s: number, seen: Int32Array): void {
    const c = this.c;
    const pool = this.pool;
    this.load(s);
    const begin = (this.at[s] = pool.length);
    for (let e = c.listStart[s], end = c.listStart[s + 1]; e < end; e++) {
      const j = c.listSlot[e];
      if (seen[j] === s || c.jCap[j] <= 0) continue;
      seen[j] = s;
      const m = eligibleMicro(c, s, j, this.probe);
      if (m < 0) continue;
      pool.push(j, m);
      this.degree[j]++;
    }
    const n = pool.length - begin;
    this.made[s] = this.length[s] = n;
    // Entries past FIRST are read from the second run: here it follows on from the first.
    this.more[s] = begin + FIRST;
  }

  private makeFirst(s: number): void {
    this.load(s);
    this.length[s] = this.scan(s, -1, FIRST, this.degree);
    this.at[s] = this.pool.length;
    this.made[s] = this.kept;
    this.append();
  }

  /** The next entries of s: the best ones after the last made, GROWTH times as many as made. */
  private makeMore(s: number): void {
    const nJ = this.c.nJ;
    const pool = this.pool;
    const made = this.made[s];
    const last = this.entry(s, made - 1);
    const lastKey = (SCORE_SCALE - pool.micro[last]) * nJ + pool.slot[last];
    this.load(s);
    this.scan(s, lastKey, made * GROWTH, null);
    // `has` asks only below the list's length, so there is always a next entry.
    if (this.kept === 0) throw new Error(`list of student ${s} ends before its length`);
    const to = pool.length;
    for (let e = this.more[s], end = e + made - FIRST; e < end; e++) {
      pool.push(pool.slot[e], pool.micro[e]);
    }
    this.more[s] = to;
    this.made[s] = made + this.kept;
    this.append();
  }

  private load(s: number): void {
    if (this.loaded === s) return;
    loadStudent(this.c, s, this.probe);
    this.loaded = s;
  }

  /** Appends the kept keys to the pool as (slot, micro) entries. */
  private append(): void {
    const nJ = this.c.nJ;
    for (let i = 0; i < this.kept; i++) {
      const key = this.keys[i];
      const j = key % nJ;
      this.pool.push(j, SCORE_SCALE - (key - j) / nJ);
    }
  }

  /**
   * Scans the loaded student s's part of the slot index: returns how many slots they are
   * eligible for and keeps in `keys` the `limit` best whose key comes after `after`, best first.
   * `degree`, when given, counts each eligible slot.
   */
  private scan(s: number, after: number, limit: number, degree: Int32Array | null): number {
    const c = this.c;
    const index = this.index;
    const probe = this.probe;
    const quality = this.quality;
    const { nJ, nU, o } = c;
    const { reqStart, reqUnit, reqMin, reqWeight } = index;
    const level = probe.level;
    const m0 = ~probe.mask0;
    const m1 = ~probe.mask1;
    const group = groupOf(c, true, s);
    const region = c.sRegion[s];
    const province = c.sProvince[s];
    const program = c.sProgram[s];
    if (this.keys.length < limit) this.keys = c.mem.float64(limit);
    const keys = this.keys;
    let kept = 0;
    let eligible = 0;
    for (let i = 0; i <= probe.heldCount; i++) {
      // Buckets of the held units, then the requirement-free slots (every student's).
      let k: number;
      let end: number;
      let lv = Infinity;
      if (i < probe.heldCount) {
        const u = probe.held[i];
        lv = level[u];
        k = index.start[group * nU + u];
        end = index.start[group * nU + u + 1];
      } else {
        k = 0;
        end = index.open.length;
      }
      for (; k < end; k++) {
        let j: number;
        let m: number;
        if (i < probe.heldCount) {
          // Ascending anchor minimum: past the first bar above the student, none is met.
          if (index.min[k] > lv) break;
          if ((index.mask0[k] & m0) !== 0 || (index.mask1[k] & m1) !== 0) continue;
          if (quality === null) {
            let r = reqStart[k];
            const rEnd = reqStart[k + 1];
            while (r < rEnd && level[reqUnit[r]] >= reqMin[r]) r++;
            if (r < rEnd) continue;
            j = index.slot[k];
            m = entryMicro(c, index, k, s, level);
            if (m < 0) continue;
          } else {
            // The level test and the weighted quality in one pass, as entryMicro adds them.
            let sumW = 0;
            let acc = 0;
            let r = reqStart[k];
            const rEnd = reqStart[k + 1];
            for (; r < rEnd; r++) {
              // Whole numbers held as doubles: `| 0` keeps the table read on the fast path.
              const held = level[reqUnit[r]] | 0;
              const q =
                quality[(reqMin[r] | 0) * (TOP_LEVEL + 1) + (held < TOP_LEVEL ? held : TOP_LEVEL)];
              if (q < 0) break;
              const w = reqWeight[r];
              sumW += w;
              acc += w * q;
            }
            if (r < rEnd) continue;
            const p0 = index.progStart[k];
            const p1 = index.progStart[k + 1];
            if (p1 > p0) {
              let ok = false;
              for (let p = p0; p < p1; p++) if (index.prog[p] === program) ok = true;
              if (!ok) continue;
            }
            // The index holds only slots of the student's region group: the policy allows it.
            const rel =
              region === index.region[k]
                ? REGION_SAME
                : province === index.province[k]
                  ? REGION_PROVINCE
                  : REGION_OTHER;
            j = index.slot[k];
            m = combineMicro(sumW > 0 ? acc / sumW : 1, rel, o);
          }
        } else {
          j = index.open[k];
          m = eligibleMicro(c, s, j, probe);
          if (m < 0) continue;
        }
        eligible++;
        if (degree) degree[j]++;
        const key = (SCORE_SCALE - m) * nJ + j;
        if (key <= after) continue;
        // Keep the `limit` smallest keys in a max-heap.
        if (kept < limit) {
          let x = kept++;
          while (x > 0) {
            const parent = (x - 1) >> 1;
            if (keys[parent] >= key) break;
            keys[x] = keys[parent];
            x = parent;
          }
          keys[x] = key;
        } else if (key < keys[0]) {
          siftDown(keys, kept, key);
        }
      }
    }
    // Heap sort: the largest kept key goes to the end, and so on, leaving them best first.
    for (let n = kept - 1; n > 0; n--) {
      const largest = keys[0];
      siftDown(keys, n, keys[n]);
      keys[n] = largest;
    }
    this.kept = kept;
    return eligible;
  }
}

/** Puts `key` at the root of the max-heap keys[0, n) in place of the root, and sifts it down. */
function siftDown(keys: Float64Array, n: number, key: number): void {
  let x = 0;
  for (;;) {
    let child = 2 * x + 1;
    if (child >= n) break;
    if (child + 1 < n && keys[child + 1] > keys[child]) child++;
    if (keys[child] <= key) break;
    keys[x] = keys[child];
    x = child;
  }
  keys[x] = key;
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
