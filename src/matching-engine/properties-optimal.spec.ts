import { findBlockingPairs, match } from './index';
import { bruteForceOptimum, flowOptimum } from './testing/reference';
import { totalMicro, violations } from './testing/invariants';
import { randomInstance } from './testing/random-instance';
import type { MatchOptions, RegionPolicy } from './types';

const policies: RegionPolicy[] = ['same_region', 'same_province', 'prefer_same', 'any'];

describe('optimal mode on seeded random instances', () => {
  it('finds the brute-force optimum of total fit and keeps every rule (2,000 instances)', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const { students, slots } = randomInstance(seed, {
        students: 2 + (seed % 6),
        slots: 1 + (seed % 4),
      });
      const options: MatchOptions = { mode: 'optimal', regionPolicy: policies[seed % 4], seed };
      const result = match(students, slots, options);
      expect(violations(students, slots, result, options)).toEqual([]);
      expect(totalMicro(result)).toBe(bruteForceOptimum(students, slots, options).total);
      expect(result.stats.stable).toBe(false);
    }
  });

  it('matches an independent Bellman–Ford min-cost flow on medium instances (300 instances)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { students, slots } = randomInstance(seed, {
        students: 25 + (seed % 20),
        slots: 4 + (seed % 8),
        units: 5,
      });
      const options: MatchOptions = { mode: 'optimal', regionPolicy: policies[seed % 4] };
      expect(totalMicro(match(students, slots, options))).toBe(
        flowOptimum(students, slots, options),
      );
    }
  });

  it('with maximizeMatchedFirst, places as many as possible, then maximises fit (1,000 instances)', () => {
    for (let seed = 1; seed <= 1000; seed++) {
      const { students, slots } = randomInstance(seed, {
        students: 2 + (seed % 6),
        slots: 1 + (seed % 4),
      });
      const options: MatchOptions = {
        mode: 'optimal',
        regionPolicy: 'any',
        maximizeMatchedFirst: true,
      };
      const result = match(students, slots, options);
      const best = bruteForceOptimum(students, slots, options);
      expect(violations(students, slots, result, options)).toEqual([]);
      expect([result.assignments.length, totalMicro(result)]).toEqual([best.matched, best.total]);
    }
  });

  it('never has a lower total fit than stable mode (the price of stability is ≥ 0)', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const { students, slots } = randomInstance(seed, {
        students: 40,
        slots: 10,
        preferenceRate: 0,
        rankingRate: 0,
      });
      const stable = match(students, slots, { mode: 'stable' });
      const optimal = match(students, slots, { mode: 'optimal' });
      expect(totalMicro(optimal)).toBeGreaterThanOrEqual(totalMicro(stable));
      expect(violations(students, slots, optimal, { mode: 'optimal' })).toEqual([]);
    }
  });

  it('counts, when asked to certify, the blocking pairs findBlockingPairs gives (300 instances)', () => {
    let blocking = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { students, slots } = randomInstance(seed, { students: 40, slots: 10 });
      const options: MatchOptions = { mode: 'optimal', regionPolicy: policies[seed % 4], seed };
      const result = match(students, slots, { ...options, certify: true });
      const pairs = findBlockingPairs(students, slots, result, options).length;
      expect(result.stats.blockingPairs).toBe(pairs);
      blocking += pairs;
    }
    // Maximum fit is not stable: there are pairs to count.
    expect(blocking).toBeGreaterThan(100);
  });

  it('is deterministic byte for byte', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const a = randomInstance(seed, { students: 40, slots: 10 });
      const b = randomInstance(seed, { students: 40, slots: 10 });
      expect(JSON.stringify(match(a.students, a.slots, { mode: 'optimal' }))).toBe(
        JSON.stringify(match(b.students, b.slots, { mode: 'optimal' })),
      );
    }
  });

  it('refuses the stable-only fairness rules instead of silently ignoring them', () => {
    expect(() => match([], [], { mode: 'optimal', schoolCompanyCap: 1 })).toThrow(RangeError);
    expect(() => match([], [], { mode: 'optimal', reserves: { regionCodes: ['3601'] } })).toThrow(
      RangeError,
    );
  });
});
