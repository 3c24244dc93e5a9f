import { InputPacker, score, slotSizes } from '../../matching-engine';
import type {
  MatchOptions,
  PackedInput,
  Slot as EngineSlot,
  Student as EngineStudent,
} from '../../matching-engine';

/**
 * The only place where database rows become the engine's input: slots as the engine's objects,
 * students packed straight into its typed arrays (`packRound`). Ids become strings, a slot's
 * capacity is what is still free (capacity - filled - open offers).
 */
export interface StudentRow {
  id: number;
  schoolId: number;
  programCode: string;
  regionCode: string;
}

export interface SlotRow {
  id: number;
  companyId: number;
  regionCode: string;
  remaining: number;
}

export function toEngineStudent(
  row: StudentRow,
  units: Record<string, number>,
  preferences: number[] | undefined,
): EngineStudent {
  return {
    id: String(row.id),
    regionCode: row.regionCode,
    programCode: row.programCode,
    units,
    schoolId: String(row.schoolId),
    ...(preferences && preferences.length > 0 ? { preferences: preferences.map(String) } : {}),
  };
}

export function toEngineSlot(
  row: SlotRow,
  requirements: { unit: string; minLevel: number; weight: number }[],
  programCodes: string[],
  ranking: number[] | undefined,
): EngineSlot {
  return {
    id: String(row.id),
    companyId: String(row.companyId),
    regionCode: row.regionCode,
    capacity: Math.max(0, row.remaining),
    requirements,
    ...(programCodes.length > 0 ? { programCodes } : {}),
    ...(ranking && ranking.length > 0 ? { ranking: ranking.map(String) } : {}),
  };
}

/**
 * The run's stored options (validated at the API) as the engine's options, with the threads the
 * worker is configured to scan on (`MATCHING_THREADS`; undefined: the engine's default). Every
 * round has its result certified (`stats.blockingPairs`): the blocking pairs are counted, not
 * assumed away.
 */
export function toEngineOptions(
  mode: 'stable' | 'optimal',
  stored: Record<string, unknown>,
  threads?: number,
): MatchOptions {
  const options: MatchOptions = { ...stored, mode, certify: true };
  if (threads !== undefined) options.threads = threads;
  return options;
}

/**
 * A student who declined (or let lapse) an offer for a slot is not proposed that slot again.
 * The engine has no per-pair exclusion, so such a student gets an explicit ranking: their own
 * list without those slots, or else every eligible slot in the engine's own order (best
 * score first, then input order) without them.
 */
export function listWithoutDeclined(
  student: EngineStudent,
  slots: EngineSlot[],
  refused: ReadonlySet<string>,
  options: MatchOptions,
): string[] {
  if (student.preferences) {
    return student.preferences.filter((id) => !refused.has(id));
  }
  return slots
    .map((slot, index) => ({
      id: slot.id,
      index,
      fit: refused.has(slot.id) ? 0 : score(student, slot, options),
    }))
    .filter((entry) => entry.fit > 0)
    .sort((a, b) => b.fit - a.fit || a.index - b.index)
    .map((entry) => entry.id);
}

/**
 * The units the round's students hold, as read (student by student, `visit`): each student's
 * run of rows, so that they are packed with no record made per student.
 */
export class HeldUnits {
  private readonly position = new Map<number, number>();
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly units: string[] = [];
  readonly levels: number[] = [];
  private last = NaN;
  private at = -1;

  constructor(students: readonly StudentRow[]) {
    students.forEach((s, i) => this.position.set(s.id, i));
    this.from = new Int32Array(students.length);
    this.to = new Int32Array(students.length);
  }

  readonly visit = (studentId: number, unit: string, level: number): void => {
    if (studentId !== this.last) {
      this.last = studentId;
      this.at = this.position.get(studentId) ?? -1;
      if (this.at >= 0) {
        if (this.to[this.at] > 0) {
          throw new Error(`the units of student ${studentId} were not read in one run`);
        }
        this.from[this.at] = this.units.length;
      }
    }
    if (this.at < 0) return;
    this.units.push(unit);
    this.levels.push(level);
    this.to[this.at] = this.units.length;
  };

  /** Student i's units as the engine's record (for the few whose list is worked out here). */
  record(i: number): Record<string, number> {
    const record: Record<string, number> = {};
    for (let k = this.from[i]; k < this.to[i]; k++) record[this.units[k]] = this.levels[k];
    return record;
  }
}

/**
 * The round's input packed for the engine (matching.mapper's fields, ids as strings), with no
 * object made per student but for those who declined a slot before (listWithoutDeclined).
 */
export function packRound(
  slots: EngineSlot[],
  students: readonly StudentRow[],
  held: HeldUnits,
  preferences: Map<number, number[]>,
  declined: Map<string, Set<string>>,
  options: MatchOptions,
): PackedInput {
  const lists = new Map<number, string[]>();
  students.forEach((row, i) => {
    const own = preferences.get(row.id);
    const refused = declined.get(String(row.id));
    if (refused) {
      const student = toEngineStudent(row, held.record(i), own);
      lists.set(i, listWithoutDeclined(student, slots, refused, options));
    } else if (own && own.length > 0) {
      lists.set(i, own.map(String));
    }
  });
  let listed = 0;
  for (const list of lists.values()) listed += list.length;
  const packer = new InputPacker({
    ...slotSizes(slots),
    students: students.length,
    preferences: listed,
    units: held.units.length,
    priority: false,
  });
  for (const slot of slots) packer.addSlot(slot);
  students.forEach((row, i) => {
    packer.addStudent(String(row.id), row.regionCode, row.programCode, String(row.schoolId));
    for (let k = held.from[i]; k < held.to[i]; k++) packer.addUnit(held.units[k], held.levels[k]);
    const list = lists.get(i);
    if (list) packer.addList(list);
  });
  return packer.finish();
}
