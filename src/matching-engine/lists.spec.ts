import { buildCandidates } from './candidates';
import { compile } from './compile';
import { LazyLists, WholeLists } from './lists';
import { createRng } from './prng';
import { resolveOptions } from './score';
import { randomInstance } from './testing/random-instance';
import type { RegionPolicy } from './types';

const policies: RegionPolicy[] = ['same_region', 'same_province', 'prefer_same', 'any'];

describe(LazyLists.name, () => {
  it('makes every list in the order, with the scores, lengths and degrees of the whole lists (300 instances)', () => {
    let madeMore = 0;
    for (let seed = 1; seed <= 300; seed++) {
      // Up to 400 slots needing few units: lists long enough to be made in several steps.
      const { students, slots } = randomInstance(seed, {
        students: 5 + (seed % 20),
        slots: 1 + ((seed * 37) % 400),
        units: 2 + (seed % 3),
        preferenceRate: seed % 3 === 0 ? 0.3 : 0,
      });
      const o = resolveOptions({ mode: 'stable', regionPolicy: policies[seed % 4], seed });
      const whole = new WholeLists(
        compile(students, slots, o),
        buildCandidates(compile(students, slots, o)),
      );
      const sut = new LazyLists(compile(students, slots, o));

      expect(sut.pairs).toBe(whole.pairs);
      expect(Array.from(sut.length)).toEqual(Array.from(whole.length));
      expect(Array.from(sut.degree)).toEqual(Array.from(whole.degree));
      // Ranks asked for in a random order, as deferred acceptance and the certificate would not:
      // whatever is asked first, every entry reads the same as in the whole list.
      const rnd = createRng(seed);
      const asks: [number, number][] = [];
      for (let s = 0; s < students.length; s++) {
        for (let r = 0; r <= whole.length[s]; r++) asks.push([s, r]);
      }
      asks.sort(() => rnd() - 0.5);
      const got: number[] = [];
      const want: number[] = [];
      for (const [s, r] of asks) {
        const has = r < whole.length[s];
        got.push(sut.has(s, r) ? 1 : 0, has ? sut.slotAt(s, r) : -1, has ? sut.microAt(s, r) : -1);
        want.push(has ? 1 : 0, has ? whole.slotAt(s, r) : -1, has ? whole.microAt(s, r) : -1);
      }
      expect(got).toEqual(want);
      for (let s = 0; s < students.length; s++) if (whole.length[s] > 32) madeMore++;
    }
    // Enough lists went past the first making for the later ones to be exercised.
    expect(madeMore).toBeGreaterThan(200);
  });
});
