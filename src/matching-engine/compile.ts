import { Arena } from './arena';
import { BLOCKING_ROOM, THREADED_FROM, threadedBytes } from './candidates';
import { firstDuplicate, hashOrder, PACK } from './id-hash';
import { hashString } from './prng';
import { clampMin, provinceOf, ResolvedOptions, SCORE_SCALE } from './score';
import { FIRST, ownListsBytes } from './lists';
import { PackedInput, packInput } from './packed';
import { HelperMailbox, startHelpers } from './scan-kernel';
import { SlotRecords, slotRecords } from './slot-record';
import type { Slot, Student } from './types';

/**
 * The instance turned into integer indices and flat typed arrays once, so that the hot loops
 * never touch strings, objects or Maps (an object-and-Map version was measured 35–47× slower).
 */
export interface Compiled extends SlotRecords {
  o: ResolvedOptions;
  /**
   * where the typed arrays of this match (and of its certificate) are allocated; the CSR
   * starts, the weights and the students' own lists are the packed input's, used as they are
   */
  mem: Arena;
  /**
   * the mailboxes of the scan kernel's helper threads (`o.threads` - 1 of them from
   * THREADED_FROM students, where the arena is the kernel's), started as the arena is made
   */
  helpers: HelperMailbox[];
  studentIds: string[];
  slotIds: string[];
  nS: number;
  nJ: number;
  nU: number;
  unitCodes: string[];
  unitIndex: Map<string, number>;
  regionCount: number;
  provinceCount: number;
  /** students' and slots' programmes: `sProgram` and `jProg` run from 0 to programCount - 1 */
  programCount: number;
  sRegion: Int32Array;
  sProvince: Int32Array;
  sProgram: Int32Array;
  /** the student's school, under a school–company cap only (-1 otherwise) */
  sSchool: Int32Array;
  sMinority: Uint8Array;
  /** 1 when the student gave their own preference list */
  sListed: Uint8Array;
  /**
   * The students' own lists as slot indices, CSR (student s's from listStart[s] to
   * listStart[s + 1]), read from the ids once: unknown ids are dropped, the rest kept in order.
   */
  listStart: Int32Array;
  listSlot: Int32Array;
  /** larger is better: priority first, then the seeded lottery */
  sTie: Float64Array;
  /** the units each student holds that some slot requires, CSR; read once from the objects */
  sUnitStart: Int32Array;
  sUnit: Uint8Array | Int32Array;
  sLevel: Uint8Array | Float64Array;
  jRegion: Int32Array;
  jProvince: Int32Array;
  jCompany: Int32Array;
  jCap: Int32Array;
  jReqStart: Int32Array;
  jReqUnit: Int32Array;
  jReqMin: Float64Array;
  jReqWeight: Float64Array;
  jProgStart: Int32Array;
  jProg: Int32Array;
  /** length of the slot's explicit ranking (eligible or not), 0 when it has none */
  jRankLen: Int32Array;
  /** (slot * nS + student) → position in the slot's explicit ranking */
  rankPos: Map<number, number>;
  /**
   * The slot of an id, or undefined; its Map is built on the first call (only a certificate for
   * a result whose slots are not the compiled ones asks): 0.24 s of compiling at national scale.
   */
  slotOf(id: string): number | undefined;
  /**
   * Student ids sorted by their lottery hash, packed as hash * 2^21 + index: `studentOf` finds
   * an id by binary search, with no Map of 1.5M strings to build (the largest cost of compiling
   * at national scale). Null past 2^21 students or with a non-string id, where `studentIndex`
   * (a Map, as before) is used instead.
   */
  byHash: Float64Array | null;
  studentIndex: Map<string, number> | null;
  rankBase: number;
}

function intern(map: Map<string, number>, key: string): number {
  let v = map.get(key);
  if (v === undefined) {
    v = map.size;
    map.set(key, v);
  }
  return v;
}

/** Compiles the engine's plain input (packed first: see packed.ts). */
export function compile(students: Student[], slots: Slot[], o: ResolvedOptions): Compiled {
  return compilePacked(packInput(students, slots, 'shared'), o);
}

export function compilePacked(input: PackedInput, o: ResolvedOptions): Compiled {
  const { codes, studentIds: ids, slotIds } = input;
  const nS = ids.length;
  const nJ = slotIds.length;
  const provinces = new Map<string, number>();
  const unitIndex = new Map<string, number>();
  // Each kind of code numbered in the order it is first met (slots first, then students), as
  // compiling from objects always did: a code's index into `codes` → its index of that kind.
  const kindIndex = () => new Int32Array(codes.length).fill(-1);
  const regionOfCode = kindIndex();
  const companyOfCode = kindIndex();
  const unitOfCode = kindIndex();
  const programOfCode = kindIndex();
  const schoolOfCode = kindIndex();
  const counts = { regions: 0, companies: 0, programs: 0, schools: 0 };
  // A region's province and reserve status are worked out once, when the region is first seen.
  const regionProvince: number[] = [];
  const regionMinority: number[] = [];
  const regionOf = (code: number): number => {
    let r = regionOfCode[code];
    if (r < 0) {
      r = counts.regions++;
      regionOfCode[code] = r;
      regionProvince[r] = intern(provinces, provinceOf(codes[code]));
      regionMinority[r] = o.reserveRegions.has(codes[code]) ? 1 : 0;
    }
    return r;
  };
  const numbered = (
    byCode: Int32Array,
    code: number,
    kind: 'companies' | 'programs' | 'schools',
  ) => {
    if (byCode[code] < 0) byCode[code] = counts[kind]++;
    return byCode[code];
  };

  const reqTotal = input.jReqStart[nJ];
  const progTotal = input.jProgStart[nJ];
  const threaded = threadedBytes(nS, nJ, o.threads);
  const lists = ownListsBytes(input.sListed, input.prefStart, nJ, o.threads);
  const mem = new Arena(arenaBytes(nS, nJ, reqTotal + progTotal) + threaded + lists, 'kernel');
  // Started now, while the rest compiles, rather than by the first scan, which waited for them.
  const helpers = startHelpers(mem, nS >= THREADED_FROM ? o.threads - 1 : 0);
  const jRegion = mem.int32(nJ);
  const jProvince = mem.int32(nJ);
  const jCompany = mem.int32(nJ);
  const jCap = mem.int32(nJ);
  const jRankLen = mem.int32(nJ);
  const jReqUnit = mem.int32(reqTotal);
  const jReqMin = mem.float64(reqTotal);
  const jProg = mem.int32(progTotal);
  // What packing already made in its final form is used as it is (nothing writes to it).
  const { jReqStart, jProgStart, jReqWeight, sListed } = input;
  for (let j = 0; j < nJ; j++) {
    jRegion[j] = regionOf(input.jRegion[j]);
    jProvince[j] = regionProvince[jRegion[j]];
    jCompany[j] = numbered(companyOfCode, input.jCompany[j], 'companies');
    const capacity = input.jCapacity[j];
    jCap[j] = capacity > 0 ? Math.floor(capacity) : 0;
    for (let r = jReqStart[j]; r < jReqStart[j + 1]; r++) {
      const code = input.jReqUnit[r];
      if (unitOfCode[code] < 0) {
        unitOfCode[code] = unitIndex.size;
        unitIndex.set(codes[code], unitIndex.size);
      }
      jReqUnit[r] = unitOfCode[code];
      jReqMin[r] = clampMin(input.jReqMin[r]);
    }
    for (let p = jProgStart[j]; p < jProgStart[j + 1]; p++) {
      jProg[p] = numbered(programOfCode, input.jProg[p], 'programs');
    }
  }

  const byHash = hashOrder(ids, o.seed, mem);
  const studentIndex = byHash ? null : new Map<string, number>();
  const dupAt = byHash ? firstDuplicate(ids, byHash) : -1;
  const sRegion = mem.int32(nS);
  const sProvince = mem.int32(nS);
  const sProgram = mem.int32(nS);
  const sSchool = mem.int32(nS);
  const capOn = Number.isFinite(o.schoolCompanyCap);
  const sMinority = mem.uint8(nS);
  const priority = input.sPriority;
  let prioritiesDiffer = false;
  if (priority) {
    for (let s = 1; s < nS && !prioritiesDiffer; s++)
      prioritiesDiffer = priority[s] !== priority[0];
  }
  // Units no slot requires can never matter, so they are not kept. Unit indices and levels are
  // held in bytes when they fit (up to 256 units; whole levels 1–255, the usual case), else in
  // Int32/Float64: a quarter of the memory and of the cache traffic.
  const sUnitStart = mem.int32(nS + 1);
  const room = input.sUnitStart[nS];
  const unitBytes: Uint8Array | null = unitIndex.size <= 256 ? mem.uint8(room) : null;
  const unitInts: Int32Array | null = unitBytes ? null : mem.int32(room);
  let levelBytes: Uint8Array | null = mem.uint8(room);
  let levelDoubles: Float64Array | null = null;
  let q = 0;
  for (let s = 0; s < nS; s++) {
    if (studentIndex) {
      if (studentIndex.has(ids[s])) throw new RangeError(`duplicate student id ${ids[s]}`);
      studentIndex.set(ids[s], s);
    } else if (s === dupAt) {
      throw new RangeError(`duplicate student id ${ids[s]}`);
    }
    const region = regionOf(input.sRegion[s]);
    sRegion[s] = region;
    sProvince[s] = regionProvince[region];
    sMinority[s] = regionMinority[region];
    // A programme no slot lists gets an index of its own, which no slot accepts; students of
    // one programme are scanned together whether slots list it or not (`scanOrder`).
    const program = input.sProgram[s];
    sProgram[s] = program < 0 ? -1 : numbered(programOfCode, program, 'programs');
    // Schools matter only to the school–company cap.
    const school = input.sSchool[s];
    sSchool[s] = capOn && school >= 0 ? numbered(schoolOfCode, school, 'schools') : -1;
    sUnitStart[s] = q;
    for (let k = input.sUnitStart[s]; k < input.sUnitStart[s + 1]; k++) {
      const u = unitOfCode[input.sUnitCode[k]];
      const lv = input.sUnitLevel[k];
      if (u < 0 || !(lv > 0)) continue;
      if (unitBytes) unitBytes[q] = u;
      else unitInts![q] = u;
      if (levelBytes !== null) {
        if (lv <= 255 && Number.isInteger(lv)) {
          levelBytes[q++] = lv;
          continue;
        }
        levelDoubles = mem.float64(room);
        for (let i = 0; i < q; i++) levelDoubles[i] = levelBytes[i];
        levelBytes = null;
      }
      levelDoubles![q++] = lv;
    }
  }
  sUnitStart[nS] = q;

  const lookup = (id: string) => studentOf({ studentIds: ids, o, byHash, studentIndex }, id);
  const rankPos = new Map<number, number>();
  for (let j = 0; j < nJ; j++) {
    if (!input.jRanked[j]) continue;
    const from = input.jRankStart[j];
    jRankLen[j] = input.jRankStart[j + 1] - from;
    for (let i = 0; i < jRankLen[j]; i++) {
      const s = lookup(input.rankIds[from + i]);
      const key = s === undefined ? -1 : j * nS + s;
      if (s !== undefined && !rankPos.has(key)) rankPos.set(key, i);
    }
  }

  const compiled: Omit<Compiled, keyof SlotRecords> = {
    o,
    mem,
    helpers,
    studentIds: ids,
    slotIds,
    nS,
    nJ,
    nU: unitIndex.size,
    unitCodes: [...unitIndex.keys()],
    unitIndex,
    regionCount: counts.regions,
    provinceCount: provinces.size,
    programCount: counts.programs,
    sRegion,
    sProvince,
    sProgram,
    sSchool,
    sMinority,
    sListed,
    // In the arena, where the scan kernel reads them (ListScanner.ownMany).
    listStart: mem.int32Copy(input.prefStart),
    listSlot: mem.int32Copy(input.prefSlot),
    sTie: tieValues(ids, o.seed, byHash, mem, prioritiesDiffer ? priority : null),
    sUnitStart,
    sUnit: unitBytes ? unitBytes.subarray(0, q) : unitInts!.subarray(0, q),
    sLevel: levelBytes ? levelBytes.subarray(0, q) : levelDoubles!.subarray(0, q),
    jRegion,
    jProvince,
    jCompany,
    jCap,
    jReqStart,
    jReqUnit,
    jReqMin,
    jReqWeight,
    jProgStart,
    jProg,
    jRankLen,
    rankPos,
    slotOf: slotLookup(slotIds),
    byHash,
    studentIndex,
    rankBase: (SCORE_SCALE + 1) * Math.max(nS, 1),
  };
  return { ...compiled, ...slotRecords(mem, compiled) };
}

/** `Compiled.slotOf` over these ids (unique: packing refused a duplicate). */
function slotLookup(slotIds: string[]): (id: string) => number | undefined {
  let index: Map<string, number> | null = null;
  return (id) => {
    if (index === null) {
      index = new Map();
      for (let j = 0; j < slotIds.length; j++) index.set(slotIds[j], j);
    }
    return index.get(id);
  };
}

/**
 * The arena one match asks for: the typed arrays of every stage and of the certificate, on the
 * large side, since pages never written cost nothing. Per student: ids in lottery order, units
 * and levels (~8 a student), room for the first entries of their list and their scores
 * (lists.ts' FIRST, 8 bytes an entry), the heaps and holdings of deferred acceptance, its first
 * round's students by region group and the certificate's places to go on from (8 bytes), the
 * explanation's and the certificate's scratch, the lists made on several threads; per slot and
 * per requirement, their compiled form, their records (slot-record.ts), the index, its copies
 * and the least bars of its spans for the rests (`shutSpans`, 48 bytes a slot); the
 * certificate's room for the pairs it finds. A round scanned on several threads asks for
 * `threadedBytes` more. Past the estimate, arrays are allocated on their own (optimal mode's
 * flow network, long candidate lists under a wide region policy).
 */
function arenaBytes(students: number, slots: number, requirements: number): number {
  return (
    65536 + 12 * BLOCKING_ROOM + students * (152 + FIRST * 8) + slots * 464 + requirements * 148
  );
}

/** Index of the student with this id, or undefined. */
export function studentOf(
  c: Pick<Compiled, 'studentIds' | 'o' | 'byHash' | 'studentIndex'>,
  id: string,
): number | undefined {
  if (c.studentIndex) return c.studentIndex.get(id);
  const byHash = c.byHash!;
  if (typeof id !== 'string') return undefined;
  const h = hashString(c.o.seed, id);
  const target = h * PACK;
  let lo = 0;
  let hi = byHash.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byHash[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < byHash.length && Math.floor(byHash[k] / PACK) === h; k++) {
    const s = byHash[k] % PACK;
    if (c.studentIds[s] === id) return s;
  }
  return undefined;
}

/**
 * Tie values: n-1 for the student who wins every tie, 0 for the one who loses them all.
 * Order: higher priority, then a lottery hashed from (seed, id) so it does not depend on the
 * input order, then the input index as a last resort for equal hashes.
 */
function tieValues(
  ids: string[],
  seed: number,
  byHash: Float64Array | null,
  mem: Arena,
  /** each student's priority, or null when they are all the same */
  priority: Float64Array | null,
): Float64Array {
  const n = ids.length;
  const order = mem.int32(n);
  if (byHash) {
    for (let i = 0; i < n; i++) order[i] = byHash[i] % PACK;
  } else if (n <= 1 << 21) {
    // lottery (32 bits) and index (21 bits) pack exactly into one double: a typed sort is fast.
    const packed = mem.float64(n);
    for (let s = 0; s < n; s++) packed[s] = hashString(seed, ids[s]) * 2097152 + s;
    packed.sort();
    for (let i = 0; i < n; i++) order[i] = packed[i] % 2097152;
  } else {
    const lot = mem.float64(n);
    for (let s = 0; s < n; s++) lot[s] = hashString(seed, ids[s]);
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => lot[a] - lot[b] || a - b);
    for (let i = 0; i < n; i++) order[i] = idx[i];
  }
  // Stable counting sort by priority (descending) keeps the lottery order inside each priority.
  let finalOrder = order;
  if (priority) {
    const distinct = [...new Set(priority)].sort((a, b) => b - a);
    const rankOf = new Map(distinct.map((v, i) => [v, i]));
    const count = mem.int32(distinct.length + 1);
    for (let s = 0; s < n; s++) count[rankOf.get(priority[s])! + 1]++;
    for (let i = 1; i <= distinct.length; i++) count[i] += count[i - 1];
    finalOrder = mem.int32(n);
    for (let i = 0; i < n; i++) {
      const s = order[i];
      finalOrder[count[rankOf.get(priority[s])!]++] = s;
    }
  }
  const tie = mem.float64(n);
  for (let i = 0; i < n; i++) tie[finalOrder[i]] = n - 1 - i;
  return tie;
}

/** The slot's side of the comparison: explicit ranking first, then score, priority, lottery. */
export function slotKey(c: Compiled, j: number, s: number, micro: number): number {
  if (c.jRankLen[j] > 0) {
    const pos = c.rankPos.get(j * c.nS + s);
    if (pos !== undefined) return c.rankBase + (c.jRankLen[j] - pos);
  }
  return micro * c.nS + c.sTie[s];
}
