import { findBlockingPairs, match } from './index';
import { greedyByPairs, naiveBlockingPairs, naiveList } from './testing/reference';
import { violations } from './testing/invariants';
import { randomInstance } from './testing/random-instance';
import type { MatchOptions, MatchResult, RegionPolicy } from './types';

const policies: RegionPolicy[] = ['same_region', 'same_province', 'prefer_same', 'any'];

describe('stable mode on seeded random instances', () => {
  it('keeps eligibility and capacity and leaves no blocking pair (2,000 instances)', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const { students, slots } = randomInstance(seed, {
        students: 3 + (seed % 12),
        slots: 1 + (seed % 6),
      });
      const options: MatchOptions = { mode: 'stable', regionPolicy: policies[seed % 4], seed };
      const result = match(students, slots, options);
      expect(violations(students, slots, result, options)).toEqual([]);
      expect(naiveBlockingPairs(students, slots, result, options)).toEqual([]);
      expect(findBlockingPairs(students, slots, result, options)).toEqual([]);
      // Certified inside the match: the same result, no pair found.
      const certified = match(students, slots, { ...options, certify: true });
      expect(certified.stats.blockingPairs).toBe(0);
      expect(certified.assignments).toEqual(result.assignments);
    }
  });

  it('gives the one stable matching, greedy by pairs, where both sides rank by score alone (2,000 instances)', () => {
    let matched = 0;
    for (let seed = 1; seed <= 2000; seed++) {
      const { students, slots } = randomInstance(seed, {
        students: 3 + (seed % 20),
        slots: 1 + (seed % 7),
        preferenceRate: 0,
        rankingRate: 0,
      });
      const options: MatchOptions = { mode: 'stable', regionPolicy: policies[seed % 4], seed };
      const result = match(students, slots, options);
      const given = new Map(result.assignments.map((a) => [a.studentId, a.slotId]));
      expect(given).toEqual(greedyByPairs(students, slots, options));
      matched += given.size;
    }
    // The instances are not trivial: thousands of students placed in all.
    expect(matched).toBeGreaterThan(5000);
  });

  it('certifies a result changed after match against the result, not against what match gave (1,000 instances)', () => {
    let changed = 0;
    for (let seed = 1; seed <= 1000; seed++) {
      const { students, slots } = randomInstance(seed, { students: 6 + (seed % 10), slots: 3 });
      const options: MatchOptions = { mode: 'stable', regionPolicy: policies[seed % 4], seed };
      const result = match(students, slots, options);
      const list = result.assignments;
      if (list.length < 2) continue;
      // The same result object (so match's own lists are reused), with one assignment dropped
      // and, where both are eligible for the other's slot, two students' slots swapped.
      list.splice(seed % list.length, 1);
      const [x, y] = [list[0], list[list.length - 1]];
      const eligible = (studentId: string, slotId: string) =>
        naiveList(
          students.find((st) => st.id === studentId)!,
          slots,
          options,
        ).some((e) => e.slot.id === slotId);
      if (x !== y && eligible(x.studentId, y.slotId) && eligible(y.studentId, x.slotId)) {
        [x.slotId, y.slotId] = [`${y.slotId}`, `${x.slotId}`];
      }
      const found = findBlockingPairs(students, slots, result, options);
      // A copy is checked from scratch: the same answer.
      const copy = JSON.parse(JSON.stringify(result)) as MatchResult;
      expect(found).toEqual(findBlockingPairs(students, slots, copy, options));
      // Every pair of the definition is there; the definition leaves out lottery ties, which
      // the slots' rankings break, so those may be found as well.
      const definition = naiveBlockingPairs(students, slots, result, options);
      expect(found.map((p) => `${p.studentId}-${p.slotId}`)).toEqual(
        expect.arrayContaining(definition),
      );
      if (definition.length > 0) changed++;
    }
    // The changes must have unsettled many of these results, or the test proves little.
    expect(changed).toBeGreaterThan(300);
  });

  it('is deterministic byte for byte', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { students, slots } = randomInstance(seed, { students: 30, slots: 8 });
      const options: MatchOptions = { mode: 'stable', seed: seed * 7 };
      const again = randomInstance(seed, { students: 30, slots: 8 });
      expect(JSON.stringify(match(students, slots, options))).toBe(
        JSON.stringify(match(again.students, again.slots, options)),
      );
    }
  });

  it('is student-optimal: no stable matching gives any student a slot they rank higher', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { students, slots } = randomInstance(seed, { students: 4, slots: 3, maxCapacity: 2 });
      const options: MatchOptions = { mode: 'stable', regionPolicy: 'any', seed };
      const da = match(students, slots, options);
      const daRank = new Map(da.assignments.map((a) => [a.studentId, a.rank!]));
      const lists = students.map((s) => naiveList(s, slots, options).map((x) => x.slot));
      const left = new Map(slots.map((j) => [j.id, j.capacity]));
      // Every matching inside the lists and capacities; those the certificate calls stable are compared.
      const picked: { studentId: string; slotId: string; rank: number }[] = [];
      const choose = (i: number): void => {
        if (i === students.length) {
          const candidate: MatchResult = {
            ...da,
            assignments: picked.map((p) => ({ ...p, score: 0, explanation: undefined as never })),
          };
          if (findBlockingPairs(students, slots, candidate, options).length > 0) return;
          for (const p of picked)
            expect(daRank.get(p.studentId) ?? Infinity).toBeLessThanOrEqual(p.rank);
          return;
        }
        choose(i + 1);
        lists[i].forEach((slot, r) => {
          if (left.get(slot.id)! <= 0) return;
          left.set(slot.id, left.get(slot.id)! - 1);
          picked.push({ studentId: students[i].id, slotId: slot.id, rank: r + 1 });
          choose(i + 1);
          picked.pop();
          left.set(slot.id, left.get(slot.id)! + 1);
        });
      };
      choose(0);
    }
  });
});
