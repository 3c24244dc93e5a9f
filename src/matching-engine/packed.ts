import { Arena, BlockKind } from './arena';
import type { Slot, Student } from './types';

/**
 * The engine's input as flat arrays: every code is interned once into `codes`, every other
 * field is a number in a typed array. `match` packs its objects into this first thing; a caller
 * that runs the engine in another thread packs them itself and transfers the arrays
 * (`transferablesOf`), so nothing per student is cloned or rebuilt on the other side.
 * Nothing here is validated or resolved: that is `compilePacked`'s, as it was `compile`'s.
 */
export interface PackedInput {
  /** region, programme, school, company and unit codes, each once */
  codes: string[];
  studentIds: string[];
  /** per student, as indices into `codes`; -1 where the field is absent */
  sRegion: Int32Array;
  sProgram: Int32Array;
  sSchool: Int32Array;
  /** per student, or null when no student gave one (0 then) */
  sPriority: Float64Array | null;
  /** the units a student holds, CSR: student s's from sUnitStart[s] to sUnitStart[s + 1] */
  sUnitStart: Int32Array;
  sUnitCode: Int32Array;
  sUnitLevel: Float64Array;
  /** 1 when the student gave their own list (possibly empty) */
  sListed: Uint8Array;
  /** the students' own lists as slot indices, CSR; ids of no slot here are dropped */
  prefStart: Int32Array;
  prefSlot: Int32Array;
  slotIds: string[];
  jRegion: Int32Array;
  jCompany: Int32Array;
  jCapacity: Float64Array;
  /** requirements, CSR: unit (index into `codes`), minimum as given, weight (1 when absent) */
  jReqStart: Int32Array;
  jReqUnit: Int32Array;
  jReqMin: Float64Array;
  jReqWeight: Float64Array;
  /** accepted programmes, CSR of indices into `codes` */
  jProgStart: Int32Array;
  jProg: Int32Array;
  /** explicit rankings, CSR of student ids (resolved when compiled); jRanked[j] = 1 if given */
  jRanked: Uint8Array;
  jRankStart: Int32Array;
  rankIds: string[];
}

/**
 * Packs the engine's plain input; throws on a duplicate slot id, as compiling did. The arrays
 * are 'movable' to hand to another thread (`transferablesOf`), 'shared' when they stay in this
 * one (`compile`: see arena.ts).
 */
export function packInput(
  students: Student[],
  slots: Slot[],
  kind: Exclude<BlockKind, 'kernel'> = 'movable',
): PackedInput {
  const nS = students.length;
  const nJ = slots.length;
  const codes: string[] = [];
  // A dictionary object: faster than a Map for the few reads of every student (region,
  // programme, school and ~10 units).
  const codeOf: Record<string, number> = Object.create(null) as Record<string, number>;
  const intern = (code: string): number => {
    let i = codeOf[code];
    if (i === undefined) {
      i = codes.length;
      codes.push(code);
      codeOf[code] = i;
    }
    return i;
  };

  const slotIds: string[] = new Array<string>(nJ);
  // A dictionary object, read once per entry of every student's list: packing the large
  // province's lists of 10 took 2.1-2.2 s with it against 2.7-3.0 s with a Map.
  const slotIndex: Record<string, number> = Object.create(null) as Record<string, number>;
  let reqTotal = 0;
  let progTotal = 0;
  let rankTotal = 0;
  for (let j = 0; j < nJ; j++) {
    const slot = slots[j];
    if (slotIndex[slot.id] !== undefined) throw new RangeError(`duplicate slot id ${slot.id}`);
    slotIndex[slot.id] = j;
    slotIds[j] = slot.id;
    reqTotal += slot.requirements.length;
    progTotal += slot.programCodes?.length ?? 0;
    rankTotal += slot.ranking?.length ?? 0;
  }
  let prefTotal = 0;
  let anyPriority = false;
  for (let s = 0; s < nS; s++) {
    const st = students[s];
    prefTotal += st.preferences?.length ?? 0;
    if (st.priority !== undefined) anyPriority = true;
  }
  // Every array in one block (see arena.ts: allocated one by one, at national scale they set off
  // several collections of the caller's whole heap of student objects), moved as one buffer.
  const mem = new Arena(
    8 * 16 +
      nJ * (4 * 7 + 8 + 1) +
      reqTotal * (4 + 8 + 8) +
      progTotal * 4 +
      nS * (4 * 5 + 1 + (anyPriority ? 8 : 0)) +
      nS * UNITS_RESERVED * (4 + 8) +
      prefTotal * 4,
    kind,
  );
  const jRegion = mem.int32(nJ);
  const jCompany = mem.int32(nJ);
  const jCapacity = mem.float64(nJ);
  const jReqStart = mem.int32(nJ + 1);
  const jReqUnit = mem.int32(reqTotal);
  const jReqMin = mem.float64(reqTotal);
  const jReqWeight = mem.float64(reqTotal);
  const jProgStart = mem.int32(nJ + 1);
  const jProg = mem.int32(progTotal);
  const jRanked = mem.uint8(nJ);
  const jRankStart = mem.int32(nJ + 1);
  const rankIds: string[] = new Array<string>(rankTotal);
  let r = 0;
  let p = 0;
  let k = 0;
  for (let j = 0; j < nJ; j++) {
    const slot = slots[j];
    // Interned in the order compiling always read them: region, company, units, programmes.
    jRegion[j] = intern(slot.regionCode);
    jCompany[j] = intern(slot.companyId);
    jCapacity[j] = slot.capacity;
    jReqStart[j] = r;
    for (const req of slot.requirements) {
      jReqUnit[r] = intern(req.unit);
      jReqMin[r] = req.minLevel;
      jReqWeight[r] = req.weight ?? 1;
      r++;
    }
    jProgStart[j] = p;
    for (const code of slot.programCodes ?? []) jProg[p++] = intern(code);
    jRankStart[j] = k;
    const ranking = slot.ranking;
    if (ranking) {
      jRanked[j] = 1;
      for (let i = 0; i < ranking.length; i++) rankIds[k++] = ranking[i];
    }
  }
  jReqStart[nJ] = r;
  jProgStart[nJ] = p;
  jRankStart[nJ] = k;

  const studentIds: string[] = new Array<string>(nS);
  const sRegion = mem.int32(nS);
  const sProgram = mem.int32(nS);
  const sSchool = mem.int32(nS);
  const sPriority = anyPriority ? mem.float64(nS) : null;
  const sUnitStart = mem.int32(nS + 1);
  // Room for UNITS_RESERVED units a student, on the large side: pages never written cost no
  // memory, and a second pass to count the units would cost as much as this one.
  let sUnitCode = mem.int32(nS * UNITS_RESERVED);
  let sUnitLevel = mem.float64(nS * UNITS_RESERVED);
  const sListed = mem.uint8(nS);
  const prefStart = mem.int32(nS + 1);
  const prefSlot = mem.int32(prefTotal);
  let q = 0;
  let e = 0;
  for (let s = 0; s < nS; s++) {
    const st = students[s];
    studentIds[s] = st.id;
    sRegion[s] = intern(st.regionCode);
    sProgram[s] = st.programCode === undefined ? -1 : intern(st.programCode);
    sSchool[s] = st.schoolId === undefined ? -1 : intern(st.schoolId);
    if (sPriority) sPriority[s] = st.priority ?? 0;
    sUnitStart[s] = q;
    const units = st.units;
    for (const code in units) {
      if (q === sUnitCode.length) {
        // More units than reserved: arrays of their own, counted for the students left.
        let rest = 0;
        for (let t = s; t < nS; t++) rest += keysIn(students[t].units);
        sUnitCode = copied(sUnitCode, new Int32Array(q + rest));
        sUnitLevel = copied(sUnitLevel, new Float64Array(q + rest));
      }
      sUnitCode[q] = intern(code);
      sUnitLevel[q++] = units[code];
    }
    prefStart[s] = e;
    const prefs = st.preferences;
    if (!prefs) continue;
    sListed[s] = 1;
    for (let i = 0; i < prefs.length; i++) {
      const j = slotIndex[prefs[i]];
      if (j !== undefined) prefSlot[e++] = j;
    }
  }
  sUnitStart[nS] = q;
  prefStart[nS] = e;
  return {
    codes,
    studentIds,
    sRegion,
    sProgram,
    sSchool,
    sPriority,
    sUnitStart,
    sUnitCode: sUnitCode.subarray(0, q),
    sUnitLevel: sUnitLevel.subarray(0, q),
    sListed,
    prefStart,
    prefSlot: prefSlot.subarray(0, e),
    slotIds,
    jRegion,
    jCompany,
    jCapacity,
    jReqStart,
    jReqUnit,
    jReqMin,
    jReqWeight,
    jProgStart,
    jProg,
    jRanked,
    jRankStart,
    rankIds,
  };
}

/** Units a student is expected to hold at most (more are packed all the same, a little slower). */
const UNITS_RESERVED = 16;

function copied<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** How many keys `for…in` reads from a record (as the packing loop does), with no array made. */
function keysIn(record: object): number {
  let n = 0;
  for (const key in record) if (typeof key === 'string') n++;
  return n;
}

/** The buffers of a packed input, to hand to postMessage or a Worker as its transfer list. */
export function transferablesOf(input: PackedInput): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const value of Object.values(input)) {
    // A shared block goes with the message as it is: shared, never copied, and never moved.
    if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer) buffers.add(value.buffer);
  }
  return [...buffers];
}
