import { findBlockingPairs, match } from './index';
import { violations } from './testing/invariants';
import { randomInstance } from './testing/random-instance';
import type { MatchOptions } from './types';

describe('fairness rules in stable mode', () => {
  it('minority reserves keep DA stable under the reserve choice rule (1,000 instances)', () => {
    for (let seed = 1; seed <= 1000; seed++) {
      const { students, slots } = randomInstance(seed, {
        students: 10 + (seed % 15),
        slots: 2 + (seed % 5),
        maxCapacity: 5,
      });
      const options: MatchOptions = {
        mode: 'stable',
        regionPolicy: 'any',
        seed,
        reserves: { regionCodes: ['3602'], share: 0.5 },
      };
      const result = match(students, slots, { ...options, certify: true });
      expect(violations(students, slots, result, options)).toEqual([]);
      expect(findBlockingPairs(students, slots, result, options)).toEqual([]);
      expect(result.stats.blockingPairs).toBe(0);
    }
  });

  it('reserved seats go to minority students when they apply, even past higher scores', () => {
    const slot = {
      id: 'j',
      companyId: 'c',
      regionCode: '3601',
      capacity: 2,
      requirements: [{ unit: 'U', minLevel: 1 }],
    };
    const students = [
      { id: 'strong1', regionCode: '3601', units: { U: 5 } },
      { id: 'strong2', regionCode: '3601', units: { U: 5 } },
      { id: 'weak-minority', regionCode: '3602', units: { U: 1 } },
    ];
    const plain = match(students, [slot], { mode: 'stable', regionPolicy: 'any' });
    expect(plain.assignments.map((a) => a.studentId).sort()).toEqual(['strong1', 'strong2']);
    const options: MatchOptions = {
      mode: 'stable',
      regionPolicy: 'any',
      reserves: { regionCodes: ['3602'], share: 0.5 },
    };
    const reserved = match(students, [slot], options);
    expect(reserved.assignments.map((a) => a.studentId)).toContain('weak-minority');
    expect(findBlockingPairs(students, [slot], reserved, options)).toEqual([]);
  });

  it('never lets one company take more than the cap from one school (1,000 instances)', () => {
    for (let seed = 1; seed <= 1000; seed++) {
      const { students, slots } = randomInstance(seed, {
        students: 20,
        slots: 6,
        maxCapacity: 4,
        schools: 3,
      });
      const cap = 1 + (seed % 2);
      const options: MatchOptions = {
        mode: 'stable',
        regionPolicy: 'any',
        seed,
        schoolCompanyCap: cap,
      };
      const result = match(students, slots, { ...options, certify: true });
      expect(violations(students, slots, result, options)).toEqual([]);
      // The cap is no substitutable choice rule: a few results keep blocking pairs, counted
      // alike inside the match and after it.
      expect(result.stats.blockingPairs).toBe(
        findBlockingPairs(students, slots, result, options).length,
      );
      const school = new Map(students.map((s) => [s.id, s.schoolId]));
      const company = new Map(slots.map((j) => [j.id, j.companyId]));
      const count = new Map<string, number>();
      for (const a of result.assignments) {
        const k = `${company.get(a.slotId)}/${school.get(a.studentId)}`;
        count.set(k, (count.get(k) ?? 0) + 1);
      }
      expect(Math.max(0, ...count.values())).toBeLessThanOrEqual(cap);
    }
  });
});
