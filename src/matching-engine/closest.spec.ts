import { match } from './index';
import { naiveClosest } from './testing/reference';
import { randomInstance } from './testing/random-instance';
import type { MatchOptions } from './types';

describe('the closest slot of a student eligible for nothing', () => {
  it('is the one the definition names, with and without a list of their own, whole-number weights or not, in both modes and under every policy (800 instances)', () => {
    const policies = ['same_region', 'same_province', 'prefer_same', 'any'] as const;
    const checked = { listed: 0, unlisted: 0 };
    for (let seed = 1; seed <= 800; seed++) {
      const { students, slots } = randomInstance(seed, {
        students: 6 + (seed % 20),
        slots: 2 + (seed % 9),
        units: 3 + (seed % 4),
        preferenceRate: 0.5,
      });
      // Some lists name no slot at all, some repeat one or name unknown ones.
      if (students.length > 2) students[0].preferences = [];
      if (students[1].preferences && slots.length > 0) {
        students[1].preferences.push(slots[0].id, 'unknown');
      }
      // Weights and bars that are not whole numbers take the engine's other way to the closest.
      if (seed % 4 === 1) {
        for (const slot of slots) {
          for (const r of slot.requirements) {
            r.weight = (r.weight ?? 1) * 1.5;
            r.minLevel += 0.5;
          }
        }
      }
      // Weights of zero or less count as the same tiny weight: the first unmet of them is named.
      if (seed % 4 === 2) {
        for (const slot of slots) slot.requirements.forEach((r, i) => (r.weight = -(i % 2)));
      }
      const options: MatchOptions = {
        mode: seed % 3 === 0 ? 'optimal' : 'stable',
        regionPolicy: policies[seed % policies.length],
        seed,
      };
      const result = match(students, slots, options);
      const byId = new Map(students.map((st) => [st.id, st]));
      for (const u of result.unmatched) {
        if (u.reason.code !== 'no_eligible_slot') continue;
        const st = byId.get(u.studentId)!;
        const { closestSlotId, missingUnit, missingMinLevel, heldLevel } = u.reason;
        expect({ closestSlotId, missingUnit, missingMinLevel, heldLevel }).toEqual({
          closestSlotId: undefined,
          missingUnit: undefined,
          missingMinLevel: undefined,
          heldLevel: undefined,
          ...naiveClosest(st, slots, options),
        });
        checked[st.preferences ? 'listed' : 'unlisted']++;
      }
    }
    // The instances must reach both cases often, not a handful of times.
    expect(checked.listed).toBeGreaterThan(500);
    expect(checked.unlisted).toBeGreaterThan(500);
  });
});
