import { Arena, BlockKind } from './arena';
import { firstDuplicate, hashOrder } from './id-hash';
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
 * What an InputPacker makes room for: slots and their parts exactly, students, their units and
 * the entries of their own lists at most. `units` unknown: UNITS_RESERVED a student; the units'
 * arrays double whenever they are full (`addUnit`).
 */
export interface PackSizes {
  slots: number;
  requirements: number;
  programmes: number;
  rankings: number;
  students: number;
  preferences: number;
  units?: number;
  /** whether any student is given a priority */
  priority: boolean;
}

/**
 * Builds a PackedInput a row at a time, so that a caller holding rows rather than the engine's
 * objects (the round's loader) packs them with no object per student: every slot first (their
 * ids resolve the students' lists), then each student followed by their units and list. Codes
 * are interned in the order they are met, which for `packInput` is the order compiling always
 * read them. The arrays are 'movable' to hand to another thread (`transferablesOf`), 'shared'
 * when they stay in this one (`compile`: see arena.ts).
 */
export class InputPacker {
  // Dictionary objects: faster than a Map for the few reads of every student (region, programme,
  // school and ~10 units) and the one of every entry of their lists (packing the large
  // province's lists of 10 took 2.1-2.2 s with them against 2.7-3.0 s with Maps).
  private readonly codeOf = Object.create(null) as Record<string, number>;
  /**
   * Slot index by id, made at the first list (`slotIndexOf`): an input no student gives a list
   * to is checked for duplicate ids by their hashes (`finish`), with no dictionary of its ids.
   */
  private slotIndex: Record<string, number> | null = null;
  /** the arrays being filled; the CSR ends and the units' and lists' lengths are set by finish */
  private readonly out: PackedInput;
  /** slots, requirements, programmes and ranking entries packed so far */
  private nJ = 0;
  private r = 0;
  private p = 0;
  private k = 0;
  /** students, units and list entries packed so far */
  private nS = 0;
  private q = 0;
  private e = 0;

  constructor(
    private readonly sizes: PackSizes,
    kind: Exclude<BlockKind, 'kernel'> = 'movable',
  ) {
    const { slots: nJ, requirements, programmes, students: nS, preferences } = sizes;
    const units = sizes.units ?? nS * UNITS_RESERVED;
    // Every array in one block (see arena.ts: allocated one by one, at national scale they set
    // off several collections of the caller's whole heap of student objects), moved as one
    // buffer. Room for the units on the large side: pages never written cost no memory.
    const mem = new Arena(
      8 * 16 +
        nJ * (4 * 7 + 8 + 1) +
        requirements * (4 + 8 + 8) +
        programmes * 4 +
        nS * (4 * 5 + 1 + (sizes.priority ? 8 : 0)) +
        units * (4 + 8) +
        preferences * 4,
      kind,
    );
    this.out = {
      codes: [],
      studentIds: new Array<string>(nS),
      sRegion: mem.int32(nS),
      sProgram: mem.int32(nS),
      sSchool: mem.int32(nS),
      sPriority: sizes.priority ? mem.float64(nS) : null,
      sUnitStart: mem.int32(nS + 1),
      sUnitCode: mem.int32(units),
      sUnitLevel: mem.float64(units),
      sListed: mem.uint8(nS),
      prefStart: mem.int32(nS + 1),
      prefSlot: mem.int32(preferences),
      slotIds: new Array<string>(nJ),
      jRegion: mem.int32(nJ),
      jCompany: mem.int32(nJ),
      jCapacity: mem.float64(nJ),
      jReqStart: mem.int32(nJ + 1),
      jReqUnit: mem.int32(requirements),
      jReqMin: mem.float64(requirements),
      jReqWeight: mem.float64(requirements),
      jProgStart: mem.int32(nJ + 1),
      jProg: mem.int32(programmes),
      jRanked: mem.uint8(nJ),
      jRankStart: mem.int32(nJ + 1),
      rankIds: new Array<string>(sizes.rankings),
    };
  }

  private intern(code: string): number {
    let i = this.codeOf[code];
    if (i === undefined) {
      i = this.out.codes.length;
      this.out.codes.push(code);
      this.codeOf[code] = i;
    }
    return i;
  }

  /**
   * A slot. Every slot comes before any student; a duplicate id is refused, as compiling did, at
   * the first list or in `finish`.
   */
  addSlot(slot: Slot): void {
    const o = this.out;
    const j = this.nJ++;
    o.slotIds[j] = slot.id;
    // Interned in the order compiling always read them: region, company, units, programmes.
    o.jRegion[j] = this.intern(slot.regionCode);
    o.jCompany[j] = this.intern(slot.companyId);
    o.jCapacity[j] = slot.capacity;
    o.jReqStart[j] = this.r;
    for (const req of slot.requirements) {
      o.jReqUnit[this.r] = this.intern(req.unit);
      o.jReqMin[this.r] = req.minLevel;
      o.jReqWeight[this.r++] = req.weight ?? 1;
    }
    o.jProgStart[j] = this.p;
    for (const code of slot.programCodes ?? []) o.jProg[this.p++] = this.intern(code);
    o.jRankStart[j] = this.k;
    const ranking = slot.ranking;
    if (ranking) {
      o.jRanked[j] = 1;
      for (let i = 0; i < ranking.length; i++) o.rankIds[this.k++] = ranking[i];
    }
  }

  /** A student; their units (`addUnit`, `addUnits`) and own list (`addList`) follow. */
  addStudent(
    id: string,
    regionCode: string,
    programCode?: string,
    schoolId?: string,
    priority?: number,
  ): void {
    const o = this.out;
    const s = this.nS++;
    o.studentIds[s] = id;
    o.sRegion[s] = this.intern(regionCode);
    o.sProgram[s] = programCode === undefined ? -1 : this.intern(programCode);
    o.sSchool[s] = schoolId === undefined ? -1 : this.intern(schoolId);
    if (o.sPriority) o.sPriority[s] = priority ?? 0;
    o.sUnitStart[s] = this.q;
    o.prefStart[s] = this.e;
  }

  /** A unit the last student holds. */
  addUnit(code: string, level: number): void {
    const o = this.out;
    if (this.q === o.sUnitCode.length) {
      // More units than there was room for: arrays of their own, twice as long.
      const size = 2 * Math.max(1, o.sUnitCode.length);
      o.sUnitCode = copied(o.sUnitCode, new Int32Array(size));
      o.sUnitLevel = copied(o.sUnitLevel, new Float64Array(size));
    }
    o.sUnitCode[this.q] = this.intern(code);
    o.sUnitLevel[this.q++] = level;
  }

  /** The units the last student holds, in `for…in` order. */
  addUnits(units: Record<string, number>): void {
    for (const code in units) this.addUnit(code, units[code]);
  }

  /** The last student's own list, best first (possibly empty); ids of no slot here are dropped. */
  addList(slotIds: readonly string[]): void {
    const o = this.out;
    o.sListed[this.nS - 1] = 1;
    const slotIndex = this.slotIndex ?? this.slotIndexOf();
    for (let i = 0; i < slotIds.length; i++) {
      const j = slotIndex[slotIds[i]];
      if (j !== undefined) o.prefSlot[this.e++] = j;
    }
  }

  /** The slots' index by id, made once; throws on a duplicate id. */
  private slotIndexOf(): Record<string, number> {
    const index = Object.create(null) as Record<string, number>;
    const ids = this.out.slotIds;
    for (let j = 0; j < this.nJ; j++) {
      if (index[ids[j]] !== undefined) throw duplicateSlot(ids[j]);
      index[ids[j]] = j;
    }
    return (this.slotIndex = index);
  }

  /** The input packed, once every slot and student was given. */
  finish(): PackedInput {
    const { out: o, nJ, nS, q, e } = this;
    if (nJ !== this.sizes.slots || nS !== this.sizes.students) {
      throw new RangeError(
        `packed ${nJ} of ${this.sizes.slots} slots and ${nS} of ${this.sizes.students} students`,
      );
    }
    if (this.slotIndex === null) {
      // Sorted by hash: ~30 ms for the large province's 100k slots, where the dictionary of their
      // ids (each new string hashed and internalized) made packing them ~80 ms slower
      // (bench/engine/HISTORY.md, thirty-fourth session).
      const byHash = hashOrder(o.slotIds, 0, new Arena(nJ * 8 + 64));
      const duplicate = byHash ? firstDuplicate(o.slotIds, byHash) : -1;
      if (duplicate >= 0) throw duplicateSlot(o.slotIds[duplicate]);
      if (byHash === null) this.slotIndexOf();
    }
    o.jReqStart[nJ] = this.r;
    o.jProgStart[nJ] = this.p;
    o.jRankStart[nJ] = this.k;
    o.sUnitStart[nS] = q;
    o.prefStart[nS] = e;
    return {
      ...o,
      sUnitCode: o.sUnitCode.subarray(0, q),
      sUnitLevel: o.sUnitLevel.subarray(0, q),
      prefSlot: o.prefSlot.subarray(0, e),
    };
  }
}

/** The PackSizes of these slots. */
export function slotSizes(
  slots: readonly Slot[],
): Pick<PackSizes, 'slots' | 'requirements' | 'programmes' | 'rankings'> {
  let requirements = 0;
  let programmes = 0;
  let rankings = 0;
  for (const slot of slots) {
    requirements += slot.requirements.length;
    programmes += slot.programCodes?.length ?? 0;
    rankings += slot.ranking?.length ?? 0;
  }
  return { slots: slots.length, requirements, programmes, rankings };
}

/** Packs the engine's plain input (InputPacker); throws on a duplicate slot id, as compiling did. */
export function packInput(
  students: Student[],
  slots: Slot[],
  kind: Exclude<BlockKind, 'kernel'> = 'movable',
): PackedInput {
  let preferences = 0;
  let priority = false;
  for (const st of students) {
    preferences += st.preferences?.length ?? 0;
    if (st.priority !== undefined) priority = true;
  }
  const packer = new InputPacker(
    { ...slotSizes(slots), students: students.length, preferences, priority },
    kind,
  );
  for (const slot of slots) packer.addSlot(slot);
  for (const st of students) {
    packer.addStudent(st.id, st.regionCode, st.programCode, st.schoolId, st.priority);
    packer.addUnits(st.units);
    if (st.preferences) packer.addList(st.preferences);
  }
  return packer.finish();
}

function duplicateSlot(id: string): RangeError {
  return new RangeError(`duplicate slot id ${id}`);
}

/** Units a student is expected to hold at most (more are packed all the same, a little slower). */
const UNITS_RESERVED = 16;

function copied<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
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
