import { createRng } from '../prng';
import type { Slot, Student } from '../types';

export interface RandomShape {
  students: number;
  slots: number;
  units?: number;
  maxCapacity?: number;
  /** chance that a student brings their own preference list / a slot its own ranking */
  preferenceRate?: number;
  rankingRate?: number;
  /** also draw schools and priorities, for cap and tie-break properties */
  schools?: number;
}

const REGIONS = ['3601', '3602', '3671', '3273'];

/** Small seeded instances with every feature switched on sometimes: the properties' input. */
export function randomInstance(
  seed: number,
  shape: RandomShape,
): { students: Student[]; slots: Slot[] } {
  const rnd = createRng(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const unitCount = shape.units ?? 4;
  const units = Array.from(
    { length: unitCount },
    (_, i) => `U.${String(i).padStart(6, '0')}.001.01`,
  );
  const programs = ['tkr', 'akl', 'aph'];
  const slots: Slot[] = Array.from({ length: shape.slots }, (_, j) => {
    const reqCount = int(3);
    const reqUnits = [...units].sort(() => rnd() - 0.5).slice(0, reqCount);
    return {
      id: `j${j}`,
      companyId: `c${int(Math.max(1, Math.ceil(shape.slots / 2)))}`,
      regionCode: REGIONS[int(REGIONS.length)],
      capacity: int((shape.maxCapacity ?? 3) + 1),
      requirements: reqUnits.map((unit) => ({
        unit,
        minLevel: 1 + int(4),
        weight: rnd() < 0.3 ? 1 + int(3) : undefined,
      })),
      programCodes: rnd() < 0.2 ? [programs[int(3)]] : undefined,
    };
  });
  const students: Student[] = Array.from({ length: shape.students }, (_, s) => {
    const held: Record<string, number> = {};
    for (const u of units) if (rnd() < 0.7) held[u] = 1 + int(5);
    const st: Student = {
      id: `s${s}`,
      regionCode: REGIONS[int(REGIONS.length)],
      programCode: programs[int(3)],
      units: held,
    };
    if (rnd() < (shape.preferenceRate ?? 0.3)) {
      st.preferences = slots
        .filter(() => rnd() < 0.6)
        .map((x) => x.id)
        .sort(() => rnd() - 0.5);
    }
    if (rnd() < 0.2) st.priority = int(3);
    if (shape.schools) st.schoolId = `school${int(shape.schools)}`;
    return st;
  });
  for (const slot of slots) {
    if (rnd() < (shape.rankingRate ?? 0.3)) {
      slot.ranking = students
        .filter(() => rnd() < 0.7)
        .map((x) => x.id)
        .sort(() => rnd() - 0.5);
    }
  }
  return { students, slots };
}
