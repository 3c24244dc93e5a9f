import type { Arena } from './arena';
import type { Compiled } from './compile';
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
 * Each student's ranked list of eligible slots in CSR form. Built from an index of slots by
 * (region group, anchor unit) so the 4.5 × 10¹¹ student × slot pairs are never enumerated: a
 * slot is only examined by students holding its rarest required unit in a region it allows.
 */
export interface Candidates {
  start: Int32Array;
  slot: Int32Array;
  micro: Int32Array;
  /** number of candidate edges per slot */
  degree: Int32Array;
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

export function relation(c: Compiled, s: number, j: number): number {
  if (c.sRegion[s] === c.jRegion[j]) return REGION_SAME;
  return c.sProvince[s] === c.jProvince[j] ? REGION_PROVINCE : REGION_OTHER;
}

/**
 * Score in millionths of the loaded student for slot j, or -1 when not eligible. Same arithmetic,
 * in the same order, as `scoreResolved`, so both give the same bits.
 */
export function eligibleMicro(c: Compiled, s: number, j: number, probe: Probe): number {
  const rel = relation(c, s, j);
  if (!regionAllowed(c.o.policy, rel)) return -1;
  const p0 = c.jProgStart[j];
  const p1 = c.jProgStart[j + 1];
  if (p1 > p0) {
    const prog = c.sProgram[s];
    let ok = false;
    for (let p = p0; p < p1; p++) if (c.jProg[p] === prog) ok = true;
    if (!ok) return -1;
  }
  let sumW = 0;
  let acc = 0;
  const level = probe.level;
  for (let r = c.jReqStart[j], end = c.jReqStart[j + 1]; r < end; r++) {
    const min = c.jReqMin[r];
    const lv = level[c.jReqUnit[r]];
    if (!(lv >= min)) return -1;
    const w = c.jReqWeight[r];
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

export interface SlotIndex {
  start: Int32Array;
  slot: Int32Array;
  min: Float64Array;
  /** signature of every unit the slot requires: a slot whose bits the student lacks is skipped unread */
  mask0: Int32Array;
  mask1: Int32Array;
  /** slots with no requirement at all: eligible on region and programme alone */
  open: Int32Array;
  /**
   * Every entry's requirements copied in bucket order (entry k owns [reqStart[k], reqStart[k+1])),
   * so that the level test reads memory a student's scan has just read, where the slot-ordered
   * arrays would miss the cache on nearly every slot; only slots that pass it are scored.
   */
  reqStart: Int32Array;
  reqUnit: Int32Array;
  reqMin: Float64Array;
  /** and what scoring reads, likewise copied per entry: weights, region, province, programmes */
  reqWeight: Float64Array;
  region: Int32Array;
  province: Int32Array;
  progStart: Int32Array;
  prog: Int32Array;
}

export function buildIndex(c: Compiled): SlotIndex {
  const { nJ, nU, mem } = c;
  // A slot is filed under its most selective requirement: the one the fewest students meet
  // (holding the unit at its bar or above), so that the fewest students ever read it.
  const meeting = mem.int32(nU * 6);
  for (let q = 0; q < c.sUnit.length; q++) {
    for (let bar = 1; bar <= 5 && c.sLevel[q] >= bar; bar++) meeting[c.sUnit[q] * 6 + bar]++;
  }
  const meetingOf = (r: number) => meeting[c.jReqUnit[r] * 6 + Math.ceil(c.jReqMin[r])];
  const groups = groupCount(c);
  const anchor = mem.int32(nJ).fill(-1);
  const count = mem.int32(groups * nU + 1);
  const open: number[] = [];
  for (let j = 0; j < nJ; j++) {
    if (c.jCap[j] <= 0) continue;
    let best = -1;
    for (let r = c.jReqStart[j]; r < c.jReqStart[j + 1]; r++) {
      if (best < 0 || meetingOf(r) < meetingOf(best)) best = r;
    }
    if (best < 0) {
      open.push(j);
      continue;
    }
    anchor[j] = best;
    count[groupOf(c, false, j) * nU + c.jReqUnit[best] + 1]++;
  }
  for (let i = 1; i < count.length; i++) count[i] += count[i - 1];
  const start = mem.int32Copy(count);
  const fill = mem.int32Copy(count);
  const slot = mem.int32(start[start.length - 1]);
  for (let j = 0; j < nJ; j++) {
    if (anchor[j] < 0) continue;
    slot[fill[groupOf(c, false, j) * nU + c.jReqUnit[anchor[j]]]++] = j;
  }
  // Within a bucket, ascending anchor minimum lets a student stop at the first bar above them.
  const min = mem.float64(slot.length);
  const mask0 = mem.int32(slot.length);
  const mask1 = mem.int32(slot.length);
  for (let b = 0; b + 1 < start.length; b++) {
    if (start[b + 1] - start[b] < 1) continue;
    const part = Array.from(slot.subarray(start[b], start[b + 1]));
    part.sort((x, y) => c.jReqMin[anchor[x]] - c.jReqMin[anchor[y]] || x - y);
    for (let i = 0; i < part.length; i++) {
      const j = part[i];
      slot[start[b] + i] = j;
      min[start[b] + i] = c.jReqMin[anchor[j]];
      for (let r = c.jReqStart[j]; r < c.jReqStart[j + 1]; r++) {
        const u = c.jReqUnit[r];
        if ((u & 32) === 0) mask0[start[b] + i] |= 1 << (u & 31);
        else mask1[start[b] + i] |= 1 << (u & 31);
      }
    }
  }
  const reqStart = mem.int32(slot.length + 1);
  for (let k = 0; k < slot.length; k++) {
    reqStart[k + 1] = reqStart[k] + c.jReqStart[slot[k] + 1] - c.jReqStart[slot[k]];
  }
  const reqUnit = mem.int32(reqStart[slot.length]);
  const reqMin = mem.float64(reqUnit.length);
  const reqWeight = mem.float64(reqUnit.length);
  const region = mem.int32(slot.length);
  const province = mem.int32(slot.length);
  const progStart = mem.int32(slot.length + 1);
  for (let k = 0; k < slot.length; k++) {
    const j = slot[k];
    for (let r = c.jReqStart[j], q = reqStart[k]; q < reqStart[k + 1]; r++, q++) {
      reqUnit[q] = c.jReqUnit[r];
      reqMin[q] = c.jReqMin[r];
      reqWeight[q] = c.jReqWeight[r];
    }
    region[k] = c.jRegion[j];
    province[k] = c.jProvince[j];
    progStart[k + 1] = progStart[k] + c.jProgStart[j + 1] - c.jProgStart[j];
  }
  const prog = mem.int32(progStart[slot.length]);
  const openSlots = mem.int32(open.length);
  openSlots.set(open);
  for (let k = 0; k < slot.length; k++) {
    prog.set(c.jProg.subarray(c.jProgStart[slot[k]], c.jProgStart[slot[k] + 1]), progStart[k]);
  }
  return {
    start,
    slot,
    min,
    mask0,
    mask1,
    open: openSlots,
    reqStart,
    reqUnit,
    reqMin,
    reqWeight,
    region,
    province,
    progStart,
    prog,
  };
}

/**
 * eligibleMicro for index entry k whose level test has passed, reading the entry's copies:
 * the same checks and the same arithmetic in the same order, so the same bits.
 */
export function entryMicro(
  c: Compiled,
  x: SlotIndex,
  k: number,
  s: number,
  level: Float64Array,
): number {
  const rel =
    c.sRegion[s] === x.region[k]
      ? REGION_SAME
      : c.sProvince[s] === x.province[k]
        ? REGION_PROVINCE
        : REGION_OTHER;
  if (!regionAllowed(c.o.policy, rel)) return -1;
  const p0 = x.progStart[k];
  const p1 = x.progStart[k + 1];
  if (p1 > p0) {
    const prog = c.sProgram[s];
    let ok = false;
    for (let p = p0; p < p1; p++) if (x.prog[p] === prog) ok = true;
    if (!ok) return -1;
  }
  let sumW = 0;
  let acc = 0;
  for (let r = x.reqStart[k], end = x.reqStart[k + 1]; r < end; r++) {
    const w = x.reqWeight[r];
    sumW += w;
    acc += w * levelQuality(level[x.reqUnit[r]], x.reqMin[r]);
  }
  return combineMicro(sumW > 0 ? acc / sumW : 1, rel, c.o);
}

export class Growable {
  // Sized for ~8 candidates a student up front: a regrowth is a copy, and the outgrown buffers
  // stay in the arena until the match is done with.
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
    if (this.length === this.slot.length) {
      const next = this.mem.int32(Math.ceil(this.slot.length * 1.75));
      next.set(this.slot);
      this.slot = next;
      const nextMicro = this.mem.int32(next.length);
      nextMicro.set(this.micro);
      this.micro = nextMicro;
    }
    this.slot[this.length] = j;
    this.micro[this.length++] = m;
  }
}

/** Scratch of one student's scan: packed (score, slot) keys, grown as needed. */
interface Scan {
  keys: Float64Array;
}

/** Appends student s's ranked candidates to out (the probe is loaded with s). */
function studentCandidates(
  c: Compiled,
  index: SlotIndex,
  s: number,
  listed: boolean,
  probe: Probe,
  seen: Int32Array,
  scan: Scan,
  out: Growable,
): void {
  const { nJ, nU } = c;
  const maxPrefs = c.o.maxPreferences;
  const begin = out.length;
  if (listed) {
    // The student's own list is their ranking: keep its order, drop unknown, repeated or ineligible.
    for (let e = c.listStart[s], end = c.listStart[s + 1]; e < end; e++) {
      if (out.length - begin >= maxPrefs) break;
      const j = c.listSlot[e];
      if (seen[j] === s || c.jCap[j] <= 0) continue;
      seen[j] = s;
      const m = eligibleMicro(c, s, j, probe);
      if (m >= 0) out.push(j, m);
    }
    return;
  }
  let scratch = scan.keys;
  const group = groupOf(c, true, s);
  let found = 0;
  const { reqStart, reqUnit, reqMin } = index;
  const level = probe.level;
  const m0 = ~probe.mask0;
  const m1 = ~probe.mask1;
  for (let i = 0; i <= probe.heldCount; i++) {
    // Buckets of the held units, then the requirement-free slots (bucket -1, every student).
    let k: number;
    let end: number;
    let lv = Infinity;
    if (i < probe.heldCount) {
      const u = probe.held[i];
      lv = probe.level[u];
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
        if (index.min[k] > lv) break;
        if ((index.mask0[k] & m0) !== 0 || (index.mask1[k] & m1) !== 0) continue;
        // eligibleMicro's level test first, then its scoring, both on the entry's own copies.
        let r = reqStart[k];
        const rEnd = reqStart[k + 1];
        while (r < rEnd && level[reqUnit[r]] >= reqMin[r]) r++;
        if (r < rEnd) continue;
        j = index.slot[k];
        m = entryMicro(c, index, k, s, level);
      } else {
        j = index.open[k];
        m = eligibleMicro(c, s, j, probe);
      }
      if (m < 0) continue;
      if (found === scratch.length) {
        const next = c.mem.float64(scratch.length * 2);
        next.set(scratch);
        scratch = scan.keys = next;
      }
      // Packed key: best score first, then lower slot index; exact in a double.
      scratch[found++] = (SCORE_SCALE - m) * nJ + j;
    }
  }
  if (found > 48) {
    scratch.subarray(0, found).sort();
  } else {
    // Short lists: insertion sort in place, no view allocated per student.
    for (let i = 1; i < found; i++) {
      const x = scratch[i];
      let k = i - 1;
      while (k >= 0 && scratch[k] > x) {
        scratch[k + 1] = scratch[k];
        k--;
      }
      scratch[k + 1] = x;
    }
  }
  const keep = found < maxPrefs ? found : maxPrefs;
  for (let i = 0; i < keep; i++) {
    const j = scratch[i] % nJ;
    out.push(j, SCORE_SCALE - (scratch[i] - j) / nJ);
  }
}

/** Students are scanned in blocks of this many, region group by region group within a block. */
export const BLOCK = 1 << 16;

export function buildCandidates(c: Compiled): Candidates {
  const { nS, nJ, mem } = c;
  const index = buildIndex(c);
  const probe = newProbe(c);
  const out = new Growable(mem, Math.max(16, nS * 8));
  const start = mem.int32(nS + 1);
  const seen = mem.int32(nJ).fill(-1);
  const scan: Scan = { keys: mem.float64(1024) };
  // Within a block of consecutive students, those of one region group are scanned together, so
  // the group's part of the index is read from memory once a block rather than once a student;
  // their lists go to `block` and are then appended to `out` in student order. Students with
  // their own list form a group of their own.
  const groups = groupCount(c);
  const blockSize = Math.min(BLOCK, nS);
  const block = new Growable(mem, Math.max(16, blockSize * 8));
  const order = mem.int32(blockSize);
  const from = mem.int32(blockSize);
  const to = mem.int32(blockSize);
  const bucket = mem.int32(blockSize);
  const first = mem.int32(groups + 2);
  if (groups <= 1) {
    // One group (policy `any` or a single province): student order is already group order.
    for (let s = 0; s < nS; s++) {
      start[s] = out.length;
      loadStudent(c, s, probe);
      studentCandidates(c, index, s, c.sListed[s] === 1, probe, seen, scan, out);
    }
  }
  for (let s0 = 0; groups > 1 && s0 < nS; s0 += BLOCK) {
    const n = Math.min(BLOCK, nS - s0);
    first.fill(0);
    for (let i = 0; i < n; i++) {
      const s = s0 + i;
      const b = c.sListed[s] ? groups : groupOf(c, true, s);
      bucket[i] = b;
      first[b + 1]++;
    }
    for (let g = 0; g <= groups; g++) first[g + 1] += first[g];
    const listedFrom = first[groups];
    for (let i = 0; i < n; i++) order[first[bucket[i]]++] = i;
    block.length = 0;
    for (let q = 0; q < n; q++) {
      const i = order[q];
      const s = s0 + i;
      loadStudent(c, s, probe);
      from[i] = block.length;
      studentCandidates(c, index, s, q >= listedFrom, probe, seen, scan, block);
      to[i] = block.length;
    }
    for (let i = 0; i < n; i++) {
      start[s0 + i] = out.length;
      for (let e = from[i]; e < to[i]; e++) out.push(block.slot[e], block.micro[e]);
    }
  }
  start[nS] = out.length;
  const slot = out.slot.subarray(0, out.length);
  const micro = out.micro.subarray(0, out.length);
  const degree = mem.int32(nJ);
  for (let e = 0; e < slot.length; e++) degree[slot[e]]++;
  return { start, slot, micro, degree };
}
