import { score } from '../../matching-engine';
import type {
  MatchOptions,
  Slot as EngineSlot,
  Student as EngineStudent,
} from '../../matching-engine';

/**
 * The only place where database rows become the engine's plain input. Ids become strings,
 * a slot's capacity is what is still free (capacity - filled - open offers).
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
 * worker is configured to scan on (`MATCHING_THREADS`; undefined: the engine's default).
 */
export function toEngineOptions(
  mode: 'stable' | 'optimal',
  stored: Record<string, unknown>,
  threads?: number,
): MatchOptions {
  const options: MatchOptions = { ...stored, mode };
  if (threads !== undefined) options.threads = threads;
  return options;
}

/**
 * A student who declined (or let lapse) an offer for a slot is not proposed that slot again.
 * The engine has no per-pair exclusion, so such a student gets an explicit ranking: their own
 * list without those slots, or else every eligible slot in the engine's own order (best
 * score first, then input order) without them.
 */
export function withoutDeclinedSlots(
  students: EngineStudent[],
  slots: EngineSlot[],
  declined: Map<string, Set<string>>,
  options: MatchOptions,
): EngineStudent[] {
  if (declined.size === 0) {
    return students;
  }
  return students.map((student) => {
    const refused = declined.get(student.id);
    if (!refused) {
      return student;
    }
    if (student.preferences) {
      return { ...student, preferences: student.preferences.filter((id) => !refused.has(id)) };
    }
    const ranked = slots
      .map((slot, index) => ({
        id: slot.id,
        index,
        fit: refused.has(slot.id) ? 0 : score(student, slot, options),
      }))
      .filter((entry) => entry.fit > 0)
      .sort((a, b) => b.fit - a.fit || a.index - b.index);
    return { ...student, preferences: ranked.map((entry) => entry.id) };
  });
}
