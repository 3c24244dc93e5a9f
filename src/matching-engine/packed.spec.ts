import { match, matchPacked, packInput, transferablesOf } from './index';
import { randomInstance } from './testing/random-instance';
import type { MatchOptions, RegionPolicy } from './types';

const policies: RegionPolicy[] = ['same_region', 'same_province', 'prefer_same', 'any'];

describe('packed input', () => {
  it('moved to another realm (its arrays transferred) gives the same result as the objects (400 instances)', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const { students, slots } = randomInstance(seed, {
        students: 2 + (seed % 15),
        slots: 1 + (seed % 7),
        schools: 3,
      });
      const options: MatchOptions =
        seed % 3 === 0
          ? { mode: 'optimal', regionPolicy: policies[seed % 4], seed }
          : {
              mode: 'stable',
              regionPolicy: policies[seed % 4],
              seed,
              ...(seed % 3 === 1
                ? { schoolCompanyCap: 1 }
                : { reserves: { regionCodes: ['3601'] } }),
            };
      const input = packInput(students, slots);
      const moved = structuredClone(input, { transfer: transferablesOf(input) });
      // Moved, not copied: the sender's arrays are left empty.
      expect(input.sUnitStart.byteLength).toBe(0);
      expect(matchPacked(moved, options).toResult()).toEqual(match(students, slots, options));
    }
  });

  it('packed to stay in its thread (shared, as match packs): nothing to move, a message shares it', () => {
    const { students, slots } = randomInstance(3, { students: 20, slots: 4 });
    const input = packInput(students, slots, 'shared');
    expect(input.sUnitLevel.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(transferablesOf(input)).toEqual([]);
    const sent = structuredClone(input, { transfer: transferablesOf(input) });
    sent.sUnitLevel[0] = 99; // the same memory on both sides, not a copy
    expect(input.sUnitLevel[0]).toBe(99);
    expect(transferablesOf(packInput(students, slots)).length).toBeGreaterThan(0);
  });

  it("holds every student's units, also past the room reserved for them (40 units, ~28 held)", () => {
    for (const units of [4, 40]) {
      const { students, slots } = randomInstance(units, { students: 30, slots: 3, units });
      const p = packInput(students, slots);
      students.forEach((student, s) => {
        const held: Record<string, number> = {};
        for (let k = p.sUnitStart[s]; k < p.sUnitStart[s + 1]; k++) {
          held[p.codes[p.sUnitCode[k]]] = p.sUnitLevel[k];
        }
        expect(held).toEqual(student.units);
      });
      expect(p.sUnitCode.length).toBe(p.sUnitStart[students.length]);
    }
  });

  it('keeps what compiling checks: a duplicate slot id is refused when packing', () => {
    const { students, slots } = randomInstance(7, { students: 3, slots: 2 });
    const unlisted = students.map(({ preferences: _, ...student }) => student);
    const listed = students.map((student) => ({ ...student, preferences: [slots[0].id] }));
    // The first duplicate, as a dictionary of the ids would meet it, whichever way it is found:
    // by the ids' hashes (no lists), by the index the first list builds, or (an id that is not a
    // string) by that index in `finish`.
    const twiceEach = [...slots, { ...slots[1] }, { ...slots[0] }];
    for (const given of [unlisted, listed]) {
      expect(() => packInput(given, twiceEach)).toThrow(`duplicate slot id ${slots[1].id}`);
      expect(() => packInput(given, [...slots, { ...slots[0] }])).toThrow(
        `duplicate slot id ${slots[0].id}`,
      );
      expect(packInput(given, slots).slotIds).toEqual(slots.map((slot) => slot.id));
    }
    const numbered = [...slots, { ...slots[0], id: 5 as unknown as string }];
    expect(() => packInput(unlisted, [...numbered, { ...numbered[2], id: '5' }])).toThrow(
      'duplicate slot id 5',
    );
    const twice = [...students, { ...students[1] }];
    expect(() => matchPacked(packInput(twice, slots), { mode: 'stable' })).toThrow(
      `duplicate student id ${students[1].id}`,
    );
  });
});
