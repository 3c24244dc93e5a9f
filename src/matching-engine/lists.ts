import {
  buildCandidates,
  Candidates,
  forEachStudentByGroup,
  Growable,
  KEEP_ALL,
  ListScanner,
} from './candidates';
import type { Compiled } from './compile';
import { SCORE_SCALE } from './score';

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
  /** Whether the entry at rank r (below the list's length) is readable without making more. */
  ready(s: number, r: number): boolean;
  /**
   * Makes the next entries of the first n students in `batch` (each with more to make), all in
   * one go: reading the slot index for many students together keeps it in cache.
   */
  makeMany(batch: Int32Array, n: number): void;
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

  ready(): boolean {
    return true;
  }

  makeMany(): void {}

  slotAt(s: number, r: number): number {
    return this.slot[this.start[s] + r];
  }

  microAt(s: number, r: number): number {
    return this.micro[this.start[s] + r];
  }
}

/** Entries made for every student up front; deferred acceptance asks for the rest as needed. */
const FIRST = 32;

/**
 * Lists made in their order on demand, so that what is kept and sorted follows the proposals
 * rather than the eligible pairs. One scan of a student's part of the slot index (the slots the
 * whole lists would examine, scored with the same arithmetic to the same bits, ranked by the
 * same packed keys) counts their eligible slots, adds to every slot's degree and keeps the best
 * `FIRST`; a student who runs through those scans again for all the rest. (Making the rest in
 * steps, eight times as many each time, scanned most such students twice: on the large
 * province, about two in three students go past their first 32.)
 *
 * A student's first entries are one run in `pool` (from `at`, `inPool` of them: their whole
 * list when it is their own); the rest one run in `rest`, in chunk `moreChunk` from `moreAt`.
 */
export class LazyLists implements CandidateLists {
  readonly length: Int32Array;
  readonly degree: Int32Array;
  pairs = 0;
  private readonly at: Int32Array;
  private readonly inPool: Int32Array;
  private readonly moreChunk: Int32Array;
  private readonly moreAt: Int32Array;
  private readonly made: Int32Array;
  private readonly pool: Growable;
  private rest: Runs | null = null;
  private readonly scanner: ListScanner;

  constructor(private readonly c: Compiled) {
    const { nS, nJ, mem } = c;
    this.length = mem.int32(nS);
    this.degree = mem.int32(nJ);
    this.at = mem.int32(nS);
    this.inPool = mem.int32(nS);
    this.moreChunk = mem.int32(nS);
    this.moreAt = mem.int32(nS);
    this.made = mem.int32(nS);
    this.pool = new Growable(mem, Math.max(16, nS * 24));
    this.scanner = new ListScanner(c);
    const seen = mem.int32(nJ).fill(-1);
    forEachStudentByGroup(c, (s) => {
      if (c.sListed[s]) this.makeListed(s, seen);
      else this.makeFirst(s);
      this.pairs += this.length[s];
    });
  }

  has(s: number, r: number): boolean {
    if (r < this.made[s]) return true;
    if (r >= this.length[s]) return false;
    this.makeRest(s);
    return true;
  }

  ready(s: number, r: number): boolean {
    return r < this.made[s];
  }

  makeMany(batch: Int32Array, n: number): void {
    // In index order, as the first entries were made: neighbours read the index alike.
    const part = batch.subarray(0, n).sort();
    for (let i = 0; i < n; i++) this.makeRest(part[i]);
  }

  slotAt(s: number, r: number): number {
    const k = this.inPool[s];
    return r < k
      ? this.pool.slot[this.at[s] + r]
      : this.rest!.slots[this.moreChunk[s]][this.moreAt[s] + r - k];
  }

  microAt(s: number, r: number): number {
    const k = this.inPool[s];
    return r < k
      ? this.pool.micro[this.at[s] + r]
      : this.rest!.micros[this.moreChunk[s]][this.moreAt[s] + r - k];
  }

  /** The student's own list, made whole at once. */
  private makeListed(s: number, seen: Int32Array): void {
    const pool = this.pool;
    const begin = (this.at[s] = pool.length);
    this.scanner.ownList(s, seen, Infinity, pool);
    for (let e = begin; e < pool.length; e++) this.degree[pool.slot[e]]++;
    this.made[s] = this.length[s] = this.inPool[s] = pool.length - begin;
  }

  private makeFirst(s: number): void {
    this.length[s] = this.scanner.scan(s, -1, FIRST, this.degree);
    this.at[s] = this.pool.length;
    this.made[s] = this.inPool[s] = this.scanner.kept;
    this.scanner.appendKept(this.pool);
  }

  /** Every entry of s after the first ones, in order. */
  private makeRest(s: number): void {
    const nJ = this.c.nJ;
    const last = this.at[s] + this.inPool[s] - 1;
    const lastKey = (SCORE_SCALE - this.pool.micro[last]) * nJ + this.pool.slot[last];
    const scanner = this.scanner;
    scanner.scan(s, lastKey, KEEP_ALL, null);
    // `has` asks only below the list's length, so there is always a next entry.
    if (scanner.kept === 0) throw new Error(`list of student ${s} ends before its length`);
    // Room for every entry not in the pool, at most: one reservation, of which only what is
    // written is ever committed, rather than a store growing by copies or by many allocations
    // (each ~64 MB allocated outside the heap has V8 mark the whole heap once more).
    const rest = (this.rest ??= new Runs(this.pairs - this.pool.length, this.c.nJ));
    const at = (this.moreAt[s] = rest.alloc(scanner.kept));
    const chunk = (this.moreChunk[s] = rest.slots.length - 1);
    scanner.writeKept(rest.slots[chunk], rest.micros[chunk], at);
    this.made[s] += scanner.kept;
  }
}

/**
 * Runs of (slot, score) entries in chunks that are never moved, sized for everything that may
 * be asked of it (up to 2^28 entries a chunk): pages never written cost nothing. A run lies in
 * one chunk; its holder keeps the chunk and the offset, so reading an entry is two array reads.
 */
class Runs {
  readonly slots: Int32Array[] = [];
  readonly micros: Int32Array[] = [];
  private readonly size: number;
  private used: number;

  /** `total`: all entries it may hold; `longest`: no run is longer */
  constructor(total: number, longest: number) {
    this.size = Math.max(longest, Math.min(total, 2 ** 28), 1);
    this.used = this.size;
  }

  /** A fresh run of n entries in the last chunk (`slots.length - 1`): its offset there. */
  alloc(n: number): number {
    if (this.used + n > this.size) {
      this.slots.push(new Int32Array(this.size));
      this.micros.push(new Int32Array(this.size));
      this.used = 0;
    }
    const at = this.used;
    this.used += n;
    return at;
  }
}
