import { types } from 'node:util';
import {
  buildCandidates,
  Candidates,
  Growable,
  ListScanner,
  listKey,
  ClosestSlots,
  scanOrder,
  THREADED_FROM,
  UnitBuckets,
  writeKeys,
} from './candidates';
import { sharedInt32 } from './arena';
import { CHUNK } from './scan-kernel';
import { Compiled, slotKey } from './compile';

/**
 * What deferred acceptance turns away for good (stable.ts): its slots' bars only rise, so an
 * entry below its slot's bar when the rest of a list is made would never be taken.
 */
export interface Refusal {
  /**
   * Per slot, a key every student's key there (`slotKey`: micro × nS + sTie wherever this is
   * finite) must reach, -Infinity where that cannot be said of every student: entries at slots
   * shut to every score a student has left are passed over unexamined, the others once scored.
   */
  shut: Float64Array;
  /**
   * Whether `refuses` may turn away a key that `shut` lets through (somewhere a reserved seat
   * or a slot's own ranking): where not, a scan with `shut` has turned away all it would.
   */
  beyondShut: boolean;
  /** Whether slot j turns student s away at this score (millionths). */
  refuses(s: number, j: number, micro: number): boolean;
}

/**
 * Deferred acceptance's state (stable.ts) where its first round is made by the kernel
 * (`CandidateLists.proposeFirst`): per slot the seats it fills, its heap of the held students'
 * keys (from off[j]: `heapStudent`, `heapKey`, size[j] of them), its bar and shut; per student
 * the slot held, the entry that holds it and the next to propose to; `waiting`, room for every
 * student, for those whose lists have more to make.
 */
export interface FirstRound {
  usable: Int32Array;
  off: Int32Array;
  size: Int32Array;
  heapStudent: Int32Array;
  heapKey: Float64Array;
  bar: Float64Array;
  shut: Float64Array;
  slotOf: Int32Array;
  entryOf: Int32Array;
  next: Int32Array;
  waiting: Int32Array;
}

/**
 * The entries made up front of every student, as the kernel reads them (`ListScanner`'s
 * proposeMany and blockingMany): student s's inPool[s] of them from slot[at[s]] and
 * micro[at[s]], of a list length[s] long.
 */
export interface FirstEntries {
  at: Int32Array;
  inPool: Int32Array;
  length: Int32Array;
  slot: Int32Array;
  micro: Int32Array;
}

/** Per slot, what deferred acceptance left out of the lists as made. */
export interface LeftOut {
  /** a key (`slotKey`) at or above that of every entry left out there, -Infinity where none was */
  key: Float64Array;
  /** 1 where a minority student's entry may be among them */
  minority: Uint8Array;
}

/**
 * Every student's ranked list of eligible slots, read entry by entry (0 = first choice).
 * Deferred acceptance, the explanations and the certificate read the lists only through this,
 * whether they were built whole (optimal mode) or are made as the students go down them (stable
 * mode). An entry's place in the list as made is its rank, except where deferred acceptance had
 * the rest of a list made without the entries it would have turned away (`ranksAt` then gives
 * the rank, and `complete` is false).
 */
export interface CandidateLists {
  /** per student: how many slots the whole list holds */
  readonly length: Int32Array;
  /** per slot: on how many lists it stands */
  readonly degree: Int32Array;
  /** sum of the lengths: the eligible pairs */
  readonly pairs: number;
  /**
   * every student once, in the order their lists were made (`scanOrder`): the order to scan
   * them in again (rank counts, certificates), with the slot index in cache
   */
  readonly order: Int32Array;
  /** Makes entry e of student s readable; false when the list is shorter. */
  has(s: number, e: number): boolean;
  /** Whether entry e is readable without making more. */
  ready(s: number, e: number): boolean;
  /** Whether entries of s are still to be made (so `ready` may turn true). */
  more(s: number): boolean;
  /**
   * Makes the rest of the lists of the first n students in `batch` (each with more to make),
   * all in one go: reading the slot index for many students together keeps it in cache. Entries
   * `refusal` turns away are left out.
   */
  makeMany(batch: Int32Array, n: number, refusal: Refusal | null): void;
  /**
   * Deferred acceptance's first round, where no slot has reserved seats or a ranking of its
   * own and no school–company cap applies, and before any list has more made: every student
   * proposes down the entries made up front, each region group on its own (its students' lists
   * name its slots only) and the groups on several threads at once. Leaves `round` as that
   * loop in stable.ts would; returns how many students wait for more entries (written to
   * round.waiting), or -1, with nothing done, where the kernel cannot (the loop then runs it).
   */
  proposeFirst(round: FirstRound): number;
  /**
   * A certificate's pairs where slot j wants a student only for a key (micro × nS + sTie)
   * above bar[j] (blocking.ts), read from the entries made up front of each student down to
   * slotOf[s], on several threads at once: the pairs as (student, slot, entry) triples, and per
   * position in `order` the entry from which the caller reads the rest of that student's
   * entries, -1 where none is left. Null, with nothing found, where the kernel cannot.
   */
  blockingMany(
    bar: Float64Array,
    slotOf: Int32Array,
  ): { resume: Int32Array; found: Int32Array } | null;
  /**
   * slot, score (millionths) and rank (0 = first choice) of entry e, once readable; the rank of
   * an entry after some were left out is counted by scanning again
   */
  slotAt(s: number, e: number): number;
  microAt(s: number, e: number): number;
  /**
   * rank[i]: the rank (0 = first choice) of entry entries[i] of student students[i], once
   * readable; the rank of an entry after some were left out is counted by scanning again, on
   * several threads at once
   */
  ranksAt(students: Int32Array, entries: Int32Array, rank: Int32Array): void;
  /**
   * At i of `out`: the closest slot of students[i], eligible for nothing and without a list of
   * their own, found in `buckets` on several threads at once (ListScanner.closestMany), with its
   * heaviest unmet requirement and the level held; false, with nothing found, where the lists
   * have no scanner (whole lists) or the kernel cannot.
   */
  closestMany(buckets: UnitBuckets, students: Int32Array, out: ClosestSlots): boolean;
  /** Student s's score (millionths) at slot j when j is on their list, else -1. */
  microFor(s: number, j: number): number;
  /**
   * Per student with a list of their own and no eligible slot on it, the slot on it they come
   * closest to, its heaviest unmet requirement and their level of its unit
   * (ListScanner.closestListed); empty when no student lists a slot.
   */
  readonly closestListed: ClosestSlots;
  /** Whether s's entries are their whole list, every rank present. */
  complete(s: number): boolean;
  /**
   * What was left out of the lists as made (`makeMany`'s refusal): what a certificate must know
   * to read them as made (blocking.ts). Null once the lists `settle` (or where they are whole).
   */
  readonly leftOut: LeftOut | null;
  /**
   * Calls check(s, n) once for every student (in `order` within two groups: the lists read as
   * they are, then those made whole again): n is -1 where s's list is complete (read it with
   * has, slotAt and microAt), else s's whole list is written, in order, into `slot` and `micro`
   * (each at least the longest list long), n entries of it, making again what was left out.
   * With `shut`, the entries after those made up front whose keys (`slotKey`) are below shut[j]
   * at their slot j are left out, most of them unexamined (where `shut[j] >= (m + 1) * nS`, m
   * the score of the last entry made up front, no score s has left reaches it): for a
   * certificate, the pairs that could not block. The student's own slot may be among them. The
   * lists are made whole again many at once (on several threads).
   */
  eachWhole(
    shut: Float64Array | null,
    slot: Int32Array,
    micro: Int32Array,
    check: (s: number, n: number) => void,
  ): void;
  /**
   * The round is decided and the held entries' ranks and scores are taken: what was made past
   * the entries made up front, which only deferred acceptance reads as stored (most of a long
   * round's memory), is let go before the result's objects are made. Those lists then count as
   * not complete (ranks are counted and `whole` makes them again), and entries past the ones
   * made up front are no longer readable.
   */
  settle(): void;
  /**
   * The lists are done with: nothing reads their entries again (a result's rows keep their
   * lengths, not their entries). Gives the memory their entries made up front were written to,
   * committed already, as bytes for the caller to write over (where it is shared memory; none
   * for whole lists). Read afterwards, the lists give nonsense.
   */
  release(): Uint8Array[];
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
  readonly order: Int32Array;
  readonly closestListed: ClosestSlots;
  readonly leftOut = null;
  private readonly start: Int32Array;
  private readonly slot: Int32Array;
  private readonly micro: Int32Array;

  constructor(c: Compiled, cand: Candidates) {
    this.start = cand.start;
    this.slot = cand.slot;
    this.micro = cand.micro;
    this.degree = cand.degree;
    this.pairs = cand.slot.length;
    this.order = cand.order;
    this.closestListed = cand.closestListed;
    this.length = c.mem.int32(c.nS);
    for (let s = 0; s < c.nS; s++) this.length[s] = cand.start[s + 1] - cand.start[s];
  }

  has(s: number, r: number): boolean {
    return r < this.length[s];
  }

  ready(s: number, r: number): boolean {
    return r < this.length[s];
  }

  more(): boolean {
    return false;
  }

  makeMany(): void {}

  proposeFirst(): number {
    return -1;
  }

  blockingMany(): null {
    return null;
  }

  slotAt(s: number, r: number): number {
    return this.slot[this.start[s] + r];
  }

  microAt(s: number, r: number): number {
    return this.micro[this.start[s] + r];
  }

  closestMany(): boolean {
    return false;
  }

  ranksAt(_students: Int32Array, entries: Int32Array, rank: Int32Array): void {
    rank.set(entries);
  }

  microFor(s: number, j: number): number {
    for (let e = this.start[s]; e < this.start[s + 1]; e++)
      if (this.slot[e] === j) return this.micro[e];
    return -1;
  }

  complete(): boolean {
    return true;
  }

  eachWhole(
    _shut: Float64Array | null,
    _slot: Int32Array,
    _micro: Int32Array,
    check: (s: number, n: number) => void,
  ): void {
    for (let q = 0; q < this.order.length; q++) check(this.order[q], -1);
  }

  settle(): void {
    // Made whole up front, for optimal mode's network or cut to maxPreferences: kept as made.
  }

  release(): Uint8Array[] {
    return [];
  }
}

/**
 * Entries made for every student up front; deferred acceptance asks for the rest as needed.
 * With the runs of pair buckets, 48 measured better than 32 and 64 (large province 17.0 s,
 * 943 MB against 18.7–19.2 s, 885 MB and 17.0 s, 996 MB; the worst case 139.0 s, 2,698 MB
 * against 155–164 s, 2,785 MB: fewer students need the rest made).
 */
export const FIRST = 48;

/**
 * The entries LazyLists' pool has room for in the arena: FIRST for every student who gave no
 * list (at least as many for every student), and every entry of the lists given, which `ownMany`
 * writes there.
 */
function poolRoom(sListed: Uint8Array, listStart: Int32Array): number {
  const nS = sListed.length;
  let listed = 0;
  for (let s = 0; s < nS; s++) listed += sListed[s];
  return Math.max(16, nS * FIRST, (nS - listed) * FIRST + listStart[nS]);
}

/**
 * The arena bytes students' own lists ask for beyond a student's FIRST entries (in compile.ts'
 * estimate): the lists copied into it (4 bytes a student and an entry), the pool's room for
 * their entries past FIRST a student who gave one (`poolRoom`, 8 bytes an entry), and
 * `ListScanner.ownMany`'s per thread: `seen` (4 bytes a slot) and stages (8 bytes an entry of
 * the longest chunk, at most CHUNK lists of the longest); and the closest listed slots
 * (`ClosestSlots`, 16 bytes a student) with the slots' requirement starts the kernel reads
 * them by (4 bytes a slot).
 */
export function ownListsBytes(
  sListed: Uint8Array,
  listStart: Int32Array,
  slots: number,
  threads: number,
): number {
  const nS = sListed.length;
  const entries = listStart[nS];
  if (entries === 0) return 0;
  let longest = 0;
  for (let s = 0; s < nS; s++) longest = Math.max(longest, listStart[s + 1] - listStart[s]);
  const pool = poolRoom(sListed, listStart) - Math.max(16, nS * FIRST);
  const perThread = 4 * slots + 8 * Math.min(entries, CHUNK * longest) + 256;
  const t = nS >= THREADED_FROM ? threads : 1;
  return 4 * (nS + 1 + entries) + 8 * pool + t * perThread + 16 * nS + 4 * (slots + 1);
}

/**
 * Lists made in their order on demand, so that what is kept and sorted follows the proposals
 * rather than the eligible pairs. One scan of a student's part of the slot index (the slots the
 * whole lists would examine, scored with the same arithmetic to the same bits, ranked by the
 * same packed keys) counts their eligible slots, adds to every slot's degree and keeps the best
 * `FIRST`; a student who runs through those scans again for all the rest. (Making the rest in
 * steps, eight times as many each time, scanned most such students twice: on the large
 * province, about two in three students went past their first 32.)
 *
 * A student's first entries are one run in `pool` (from `at`, `inPool` of them: their whole
 * list when it is their own); the rest one run in `rest`, in chunk `moreChunk` from `moreAt`.
 * Made for deferred acceptance, the rest leaves out the entries the slots' bars already turn
 * away (on the large province 93 % of them, most of the memory of a long round), and passes
 * over, unscored, those at slots shut to every score the student has left. Such a list is not
 * `complete`: the rank of an entry in it is counted by a scan, and the certificate makes the
 * list whole again.
 */
export class LazyLists implements CandidateLists {
  readonly length: Int32Array;
  readonly degree: Int32Array;
  pairs = 0;
  private readonly at: Int32Array;
  private readonly inPool: Int32Array;
  private readonly moreChunk: Int32Array;
  private readonly moreAt: Int32Array;
  /** entries made: the first ones, then the rest as kept */
  private readonly made: Int32Array;
  /** 1 once the rest is made whole, 2 when entries were left out or passed over, or let go */
  private readonly restMade: Uint8Array;
  private readonly pool: Growable;
  private rest: Runs | null = null;
  leftOut: LeftOut | null;
  readonly order: Int32Array;
  readonly closestListed: ClosestSlots;
  /** each student's place in `order` */
  private readonly placeOf: Int32Array;
  private readonly scanner: ListScanner;

  constructor(private readonly c: Compiled) {
    const { nS, nJ, mem } = c;
    this.length = mem.int32(nS);
    this.degree = mem.int32(nJ);
    this.leftOut = { key: mem.float64(nJ).fill(-Infinity), minority: mem.uint8(nJ) };
    this.at = mem.int32(nS);
    this.inPool = mem.int32(nS);
    this.moreChunk = mem.int32(nS);
    this.moreAt = mem.int32(nS);
    this.made = mem.int32(nS);
    this.restMade = mem.uint8(nS);
    // Room for everyone's first entries, written or not (pages never written cost nothing): a
    // pool that outgrew the arena would be copied out of it, and the arena's part kept.
    this.pool = new Growable(mem, poolRoom(c.sListed, c.listStart));
    this.scanner = new ListScanner(c);
    this.closestListed = this.scanner.closestListed;
    const seen = mem.int32(nJ).fill(-1);
    this.order = scanOrder(c);
    this.placeOf = mem.int32(nS);
    for (let q = 0; q < nS; q++) this.placeOf[this.order[q]] = q;
    const many = this.makeFirstOfMany();
    const listed = this.makeListedOfMany();
    for (let q = 0; q < nS; q++) {
      const s = this.order[q];
      if (c.sListed[s]) {
        if (!listed) this.makeListed(s, seen);
      } else if (!many) this.makeFirst(s);
      this.pairs += this.length[s];
    }
  }

  has(s: number, e: number): boolean {
    if (e < this.made[s]) return true;
    if (!this.more(s)) return false;
    this.makeRest(s, null);
    return e < this.made[s];
  }

  ready(s: number, e: number): boolean {
    return e < this.made[s];
  }

  more(s: number): boolean {
    return this.restMade[s] === 0 && this.made[s] < this.length[s];
  }

  makeMany(batch: Int32Array, n: number, refusal: Refusal | null): void {
    // In the order the first entries were made: neighbours read the index alike.
    const part = batch.subarray(0, n);
    for (let i = 0; i < n; i++) part[i] = this.placeOf[part[i]];
    part.sort();
    for (let i = 0; i < n; i++) part[i] = this.order[part[i]];
    const { after, bound } = this.restsAfterFirst(part);
    const shut = refusal && refusal.shut;
    const noted = refusal && this.noteLeftOut(refusal);
    this.scanner.restsOfMany(part, after, bound, shut, (i, keys, from, kept, passed) =>
      this.storeRest(part[i], keys, from, kept, passed, noted),
    );
  }

  proposeFirst(round: FirstRound): number {
    if (this.rest !== null) return -1;
    return this.scanner.proposeMany(round, this.firstEntries(), this.order);
  }

  blockingMany(
    bar: Float64Array,
    slotOf: Int32Array,
  ): { resume: Int32Array; found: Int32Array } | null {
    const { made, restMade } = this;
    const entries = { ...this.firstEntries(), made, restMade };
    return this.scanner.blockingMany(entries, this.order, bar, slotOf);
  }

  private firstEntries(): FirstEntries {
    const { at, inPool, length, pool } = this;
    return { at, inPool, length, slot: pool.slot, micro: pool.micro };
  }

  /**
   * `refusal`, noting in `leftOut` every entry it turns away; the entries `shut` passes over,
   * any student's, have keys below shut[j] as it is now, noted for every slot up front.
   */
  private noteLeftOut(refusal: Refusal): Refusal {
    const { c } = this;
    const { key, minority } = this.leftOut!;
    const { shut } = refusal;
    for (let j = 0; j < c.nJ; j++) {
      if (shut[j] === -Infinity) continue;
      if (shut[j] > key[j]) key[j] = shut[j];
      minority[j] = 1;
    }
    return {
      shut,
      beyondShut: refusal.beyondShut,
      refuses: (s, j, micro) => {
        if (!refusal.refuses(s, j, micro)) return false;
        const k = slotKey(c, j, s, micro);
        if (k > key[j]) key[j] = k;
        if (c.sMinority[s]) minority[j] = 1;
        return true;
      },
    };
  }

  slotAt(s: number, e: number): number {
    const k = this.inPool[s];
    return e < k
      ? this.pool.slot[this.at[s] + e]
      : this.rest!.slots[this.moreChunk[s]][this.moreAt[s] + e - k];
  }

  microAt(s: number, e: number): number {
    const k = this.inPool[s];
    return e < k
      ? this.pool.micro[this.at[s] + e]
      : this.rest!.micros[this.moreChunk[s]][this.moreAt[s] + e - k];
  }

  closestMany(buckets: UnitBuckets, students: Int32Array, out: ClosestSlots): boolean {
    return this.scanner.closestMany(buckets, students, out);
  }

  ranksAt(students: Int32Array, entries: Int32Array, rank: Int32Array): void {
    const { mem, nJ } = this.c;
    const n = students.length;
    const counted = mem.int32(n);
    const after = mem.float64(n);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const s = students[i];
      const e = entries[i];
      rank[i] = e;
      if (e < this.inPool[s] || this.restMade[s] !== 2) continue;
      // The eligible entries with keys up to this one's, less itself.
      counted[m] = i;
      after[m++] = listKey(nJ, this.slotAt(s, e), this.microAt(s, e));
    }
    const who = mem.int32(m);
    for (let k = 0; k < m; k++) who[k] = students[counted[k]];
    const before = mem.int32(m);
    if (!this.scanner.countMany(who, after.subarray(0, m), before)) {
      for (let k = 0; k < m; k++) {
        this.scanner.scan(who[k], after[k], 0, null);
        before[k] = this.scanner.before;
      }
    }
    for (let k = 0; k < m; k++) rank[counted[k]] = before[k] - 1;
  }

  microFor(s: number, j: number): number {
    for (let e = 0; e < this.made[s]; e++) if (this.slotAt(s, e) === j) return this.microAt(s, e);
    if (this.made[s] === this.length[s] && this.complete(s)) return -1;
    // A list not made whole from the index holds every open slot the student is eligible for.
    return this.c.jCap[j] > 0 ? this.scanner.microOf(s, j) : -1;
  }

  complete(s: number): boolean {
    return this.restMade[s] !== 2;
  }

  eachWhole(
    shut: Float64Array | null,
    slot: Int32Array,
    micro: Int32Array,
    check: (s: number, n: number) => void,
  ): void {
    const { order, c } = this;
    // Writes s's entries made up front into slot and micro; returns how many.
    const firstOf = (s: number): number => {
      const k = this.inPool[s];
      slot.set(this.pool.slot.subarray(this.at[s], this.at[s] + k));
      micro.set(this.pool.micro.subarray(this.at[s], this.at[s] + k));
      return k;
    };
    // First the lists that need no scan (reading a complete one may make its rest, with a scan
    // of its own), then those made whole again, each group in order.
    const rests = order.filter((s) => !this.complete(s) && this.inPool[s] < this.length[s]);
    for (let q = 0; q < order.length; q++) {
      const s = order[q];
      if (this.complete(s)) check(s, -1);
      else if (this.inPool[s] === this.length[s]) check(s, firstOf(s));
    }
    const { after, bound } = this.restsAfterFirst(rests);
    this.scanner.restsOfMany(rests, after, bound, shut, (i, keys, from, kept) => {
      const k = firstOf(rests[i]);
      check(rests[i], k + writeKeys(c.nJ, keys, from, kept, slot, micro, k));
    });
  }

  settle(): void {
    this.leftOut = null;
    if (this.rest === null) return;
    for (let s = 0; s < this.c.nS; s++) {
      if (this.restMade[s] === 0) continue;
      this.restMade[s] = 2;
      this.made[s] = this.inPool[s];
    }
    this.rest = null;
  }

  release(): Uint8Array[] {
    const { slot, micro, length } = this.pool;
    return [slot, micro]
      .filter((entries) => length > 0 && types.isSharedArrayBuffer(entries.buffer))
      .map((entries) => new Uint8Array(entries.buffer, entries.byteOffset, length * 4));
  }

  /** The student's own list, made whole at once. */
  private makeListed(s: number, seen: Int32Array): void {
    const pool = this.pool;
    const begin = (this.at[s] = pool.length);
    this.scanner.ownList(s, seen, Infinity, pool);
    for (let e = begin; e < pool.length; e++) this.degree[pool.slot[e]]++;
    this.made[s] = this.length[s] = this.inPool[s] = pool.length - begin;
  }

  /**
   * The first entries of every student who gave no list, all at once (`ListScanner.firstOfMany`,
   * on several threads for a large round), at the start of the pool. False, with nothing made,
   * where that cannot be done.
   */
  private makeFirstOfMany(): boolean {
    const { c, pool } = this;
    const { mem, nS } = c;
    let n = 0;
    for (let s = 0; s < nS; s++) if (!c.sListed[s]) n++;
    const students = mem.int32(n);
    n = 0;
    for (let q = 0; q < nS; q++) if (!c.sListed[this.order[q]]) students[n++] = this.order[q];
    const kept = mem.int32(n);
    const at = mem.int32(n);
    const length = mem.int32(n);
    const { slot, micro } = pool;
    const written = this.scanner.firstOfMany(
      students,
      FIRST,
      this.degree,
      length,
      kept,
      at,
      slot,
      micro,
    );
    if (written < 0) return false;
    for (let i = 0; i < n; i++) {
      const s = students[i];
      this.length[s] = length[i];
      this.at[s] = at[i];
      this.made[s] = this.inPool[s] = kept[i];
    }
    pool.length = written;
    return true;
  }

  /**
   * The own lists of every student who gave one, all at once (`ListScanner.ownMany`, on several
   * threads for a large round), after what the pool holds. False, with nothing made, where that
   * cannot be done.
   */
  private makeListedOfMany(): boolean {
    const { c, pool } = this;
    const { mem, nS } = c;
    let n = 0;
    for (let s = 0; s < nS; s++) if (c.sListed[s]) n++;
    if (n === 0) return true;
    const students = mem.int32(n);
    n = 0;
    for (let q = 0; q < nS; q++) if (c.sListed[this.order[q]]) students[n++] = this.order[q];
    const kept = mem.int32(n);
    const at = mem.int32(n);
    const from = pool.length;
    const written = this.scanner.ownMany(
      students,
      this.degree,
      kept,
      at,
      pool.slot.subarray(from),
      pool.micro.subarray(from),
    );
    if (written < 0) return false;
    for (let i = 0; i < n; i++) {
      const s = students[i];
      this.at[s] = from + at[i];
      this.made[s] = this.length[s] = this.inPool[s] = kept[i];
    }
    pool.length = from + written;
    return true;
  }

  private makeFirst(s: number): void {
    this.length[s] = this.scanner.scan(s, -1, FIRST, this.degree);
    this.at[s] = this.pool.length;
    this.made[s] = this.inPool[s] = this.scanner.kept;
    this.scanner.appendKept(this.pool);
  }

  /**
   * Where the rests of `students` (each with more to make) begin: after the key of their last
   * entry made up front, and the bound past which a slot shut to that score and below is passed
   * over unexamined (`ListScanner.scan`).
   */
  private restsAfterFirst(students: Int32Array): { after: Float64Array; bound: Float64Array } {
    const { nJ, nS } = this.c;
    const after = new Float64Array(students.length);
    const bound = new Float64Array(students.length);
    for (let i = 0; i < students.length; i++) {
      const s = students[i];
      const last = this.at[s] + this.inPool[s] - 1;
      const lastMicro = this.pool.micro[last];
      after[i] = listKey(nJ, this.pool.slot[last], lastMicro);
      bound[i] = (lastMicro + 1) * nS;
    }
    return { after, bound };
  }

  /** Every entry of s after the first ones, in order, but those `refusal` turns away. */
  private makeRest(s: number, refusal: Refusal | null): void {
    const one = Int32Array.of(s);
    const { after, bound } = this.restsAfterFirst(one);
    const shut = refusal && refusal.shut;
    this.scanner.restsOfMany(one, after, bound, shut, (_, keys, from, kept, passed) =>
      this.storeRest(s, keys, from, kept, passed, refusal),
    );
  }

  /**
   * Stores the rest of s's list, the keys keys[from, from + kept) of a scan with `refusal.shut`
   * that passed over `passed` entries, but those `refusal` turns away (asked only where it may
   * turn away more than the scan did).
   */
  private storeRest(
    s: number,
    keys: Float64Array,
    from: number,
    kept: number,
    passed: number,
    refusal: Refusal | null,
  ): void {
    // Only students with more to make come here, so there is always a next entry.
    if (refusal === null && kept === 0)
      throw new Error(`list of student ${s} ends before its length`);
    // Room for every entry not in the pool, at most: one reservation, of which only what is
    // written is ever committed, rather than a store growing by copies or by many allocations
    // (each ~64 MB allocated outside the heap has V8 mark the whole heap once more).
    const rest = (this.rest ??= new Runs(this.pairs - this.pool.length, this.c.nJ));
    const at = (this.moreAt[s] = rest.alloc(kept));
    const chunk = (this.moreChunk[s] = rest.slots.length - 1);
    const { nJ } = this.c;
    const written = writeKeys(
      nJ,
      keys,
      from,
      kept,
      rest.slots[chunk],
      rest.micros[chunk],
      at,
      s,
      refusal !== null && refusal.beyondShut ? refusal : null,
    );
    rest.trim(at + written);
    this.made[s] += written;
    this.restMade[s] = written < kept || passed > 0 ? 2 : 1;
  }
}

/**
 * Runs of (slot, score) entries in chunks that are never moved, sized for everything that may
 * be asked of it (up to 2^28 entries a chunk): pages never written cost nothing. A run lies in
 * one chunk; its holder keeps the chunk and the offset, so reading an entry is two array reads.
 * The chunks are shared memory (`sharedInt32`): as ArrayBuffers (0.4 GB a chunk on the large
 * province) they would count in full as external memory and set off a mark of the whole heap,
 * however little of them is written.
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

  /** A fresh run of up to n entries in the last chunk (`slots.length - 1`): its offset there. */
  alloc(n: number): number {
    if (this.used + n > this.size) {
      this.slots.push(sharedInt32(this.size));
      this.micros.push(sharedInt32(this.size));
      this.used = 0;
    }
    const at = this.used;
    this.used += n;
    return at;
  }

  /** Gives back what the last run did not use: it ends at `end`. */
  trim(end: number): void {
    this.used = end;
  }
}
