import { matchPacked, packInput, Slot } from '../../matching-engine';
import { randomInstance } from '../../matching-engine/testing/random-instance';
import {
  HeldUnits,
  listWithoutDeclined,
  packRound,
  StudentRow,
  toEngineSlot,
  toEngineStudent,
} from './matching.mapper';

/**
 * A round's rows drawn from a random instance: students with numeric ids (some listing slots,
 * some having declined one), their units as the database gives them (by student, in unit-code
 * order), and the slots as the loader makes them.
 */
function roundRows(seed: number) {
  const { students, slots } = randomInstance(seed, {
    students: 4 + (seed % 12),
    slots: 1 + (seed % 6),
    units: 6,
    preferenceRate: 0.4,
  });
  const slotNumber = new Map(slots.map((j, i) => [j.id, 100 + i]));
  const engineSlots: Slot[] = slots.map((j, i) =>
    toEngineSlot(
      { id: 100 + i, companyId: 7 + (i % 2), regionCode: j.regionCode, remaining: j.capacity },
      j.requirements.map((r) => ({ unit: r.unit, minLevel: r.minLevel, weight: r.weight ?? 1 })),
      j.programCodes ?? [],
      undefined,
    ),
  );
  const rows: StudentRow[] = students.map((s, i) => ({
    id: 1 + i * 3,
    schoolId: 50 + (i % 3),
    programCode: s.programCode ?? 'tkr',
    regionCode: s.regionCode,
  }));
  const preferences = new Map<number, number[]>();
  students.forEach((s, i) => {
    if (s.preferences)
      preferences.set(
        rows[i].id,
        s.preferences.map((id) => slotNumber.get(id)!),
      );
  });
  // Every third student declined the first slot; every fifth, with a list, the slot it starts with.
  const declined = new Map<string, Set<string>>();
  rows.forEach((row, i) => {
    const list = preferences.get(row.id);
    if (i % 3 === 0) declined.set(String(row.id), new Set([engineSlots[0].id]));
    else if (i % 5 === 0 && list && list.length > 0)
      declined.set(String(row.id), new Set([String(list[0])]));
  });
  // By student id, each student's units in unit-code order, as student_competencies is read.
  const unitRows = rows.flatMap((row, i) =>
    Object.keys(students[i].units)
      .sort()
      .map((unit) => ({ studentId: row.id, unit, level: students[i].units[unit] })),
  );
  return { students, rows, engineSlots, preferences, declined, unitRows };
}

describe('packRound', () => {
  it('packs rows exactly as the engine packs the same students built as objects (120 rounds)', () => {
    for (let seed = 1; seed <= 120; seed++) {
      const { students, rows, engineSlots, preferences, declined, unitRows } = roundRows(seed);
      const options = { mode: 'stable' as const, regionPolicy: 'prefer_same' as const, seed };
      const held = new HeldUnits(rows);
      for (const u of unitRows) held.visit(u.studentId, u.unit, u.level);
      const packed = packRound(engineSlots, rows, held, preferences, declined, options);

      const objects = rows.map((row, i) => {
        const units = Object.fromEntries(
          Object.keys(students[i].units)
            .sort()
            .map((unit) => [unit, students[i].units[unit]]),
        );
        const student = toEngineStudent(row, units, preferences.get(row.id));
        const refused = declined.get(student.id);
        return refused
          ? { ...student, preferences: listWithoutDeclined(student, engineSlots, refused, options) }
          : student;
      });
      expect(packed).toEqual(packInput(objects, engineSlots));
      expect(matchPacked(packed, options).stats.students).toBe(rows.length);
    }
  });

  it('leaves out a declined slot, from a list of their own or from every eligible slot', () => {
    const { rows, engineSlots, preferences, declined, unitRows } = roundRows(9);
    const held = new HeldUnits(rows);
    for (const u of unitRows) held.visit(u.studentId, u.unit, u.level);
    const packed = packRound(engineSlots, rows, held, preferences, declined, { mode: 'stable' });
    let checked = 0;
    rows.forEach((row, s) => {
      const refused = declined.get(String(row.id));
      if (!refused) return;
      expect(packed.sListed[s]).toBe(1);
      for (let e = packed.prefStart[s]; e < packed.prefStart[s + 1]; e++) {
        expect(refused.has(packed.slotIds[packed.prefSlot[e]])).toBe(false);
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(0);
  });

  it("refuses units that do not come a student's run at a time", () => {
    const rows: StudentRow[] = [
      { id: 1, schoolId: 1, programCode: 'tkr', regionCode: '3601' },
      { id: 2, schoolId: 1, programCode: 'tkr', regionCode: '3601' },
    ];
    const held = new HeldUnits(rows);
    held.visit(1, 'A', 2);
    held.visit(2, 'A', 3);
    expect(() => held.visit(1, 'B', 1)).toThrow('the units of student 1 were not read in one run');
  });
});
