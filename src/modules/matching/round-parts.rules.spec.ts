import { MatchOptions, matchPacked, packInput, Slot, Student } from '../../matching-engine';
import { randomInstance } from '../../matching-engine/testing/random-instance';
import { outcomeOf } from './engine-outcome';
import type { RunScope } from './matching-run.entity';
import type { LoadedRound } from './round-loader';
import { partsOf, partsProgress, WHOLE_ROUND } from './round-parts.rules';
import { RoundResultRows, RoundStats, statsOf } from './round-results';

const scope = (change: Partial<RunScope> = {}): RunScope => ({
  regionCodes: ['3672', '3273', '3601', '3204'],
  graduationYear: null,
  cohortId: null,
  onlyUnplaced: true,
  ...change,
});

describe('partsOf', () => {
  it('splits by province under the same-province and same-region policies', () => {
    for (const regionPolicy of [undefined, 'same_province', 'same_region'] as const) {
      expect(partsOf(scope(), { regionPolicy }, [])).toEqual([
        { key: '32', regionCodes: ['3204', '3273'] },
        { key: '36', regionCodes: ['3601', '3672'] },
      ]);
    }
  });

  it('takes the provinces where the graduates live when the scope names no region', () => {
    expect(partsOf(scope({ regionCodes: [] }), {}, ['3601', '1101', '3273'])).toEqual([
      { key: '11', regionCodes: ['1101'] },
      { key: '32', regionCodes: ['3273'] },
      { key: '36', regionCodes: ['3601'] },
    ]);
  });

  it('keeps the round whole when students may cross provinces, with a school cap, a cohort or one province', () => {
    const whole = (s: RunScope) => [{ key: WHOLE_ROUND, regionCodes: [...s.regionCodes].sort() }];
    expect(partsOf(scope(), { regionPolicy: 'prefer_same' }, [])).toEqual(whole(scope()));
    expect(partsOf(scope(), { regionPolicy: 'any' }, [])).toEqual(whole(scope()));
    expect(partsOf(scope(), { schoolCompanyCap: 2 }, [])).toEqual(whole(scope()));
    expect(partsOf(scope({ cohortId: 4 }), {}, [])).toEqual(whole(scope({ cohortId: 4 })));
    const banten = scope({ regionCodes: ['3672', '3601'] });
    expect(partsOf(banten, {}, [])).toEqual(whole(banten));
  });

  it('reports progress as the share of parts finished, 99 at most before the merge', () => {
    expect([partsProgress(0, 3), partsProgress(1, 3), partsProgress(3, 3)]).toEqual([0, 33, 99]);
  });
});

/** A random instance with numeric ids, as the database gives them, and its LoadedRound. */
function instance(seed: number): { students: Student[]; slots: Slot[] } {
  const raw = randomInstance(seed, {
    students: 5 + (seed % 40),
    slots: 2 + (seed % 12),
    schools: 3,
  });
  const sid = (id: string) => String(1000 + Number(id.slice(1)));
  const jid = (id: string) => String(1 + Number(id.slice(1)));
  return {
    students: raw.students.map((s) => ({
      ...s,
      id: sid(s.id),
      ...(s.preferences ? { preferences: s.preferences.map(jid) } : {}),
    })),
    slots: raw.slots.map((j) => ({
      ...j,
      id: jid(j.id),
      ...(j.ranking ? { ranking: j.ranking.map(sid) } : {}),
    })),
  };
}

function loaded(students: Student[], slots: Slot[]): LoadedRound {
  return {
    input: packInput(students, slots),
    studentInfo: new Map(
      students.map((s) => [Number(s.id), { schoolId: 1, regionCode: s.regionCode }]),
    ),
    slotCompany: new Map(slots.map((j) => [Number(j.id), Number(j.companyId.slice(1)) + 1])),
    tooYoung: [],
  };
}

function statsOfWhole(students: Student[], slots: Slot[], options: MatchOptions): RoundStats {
  const rows = new RoundResultRows(
    1,
    loaded(students, slots),
    outcomeOf(matchPacked(packInput(students, slots), options)),
  );
  rows.proposals(0, rows.proposalCount);
  rows.unmatched(0, rows.unmatchedCount);
  return statsOf([rows.finish()]);
}

/**
 * The round in the parts partsOf makes, each loaded as RoundLoader loads a part: the students
 * of its regions, its province's slots and the slots those students list elsewhere.
 */
function statsOfParts(
  students: Student[],
  slots: Slot[],
  options: MatchOptions,
  splitAs: MatchOptions = options,
): RoundStats {
  const regionCodes = [...new Set(students.map((s) => s.regionCode))];
  const parts = partsOf(scope({ regionCodes }), splitAs, []);
  const tallies = parts.map((part) => {
    const own = students.filter((s) => part.regionCodes.includes(s.regionCode));
    const listed = new Set(own.flatMap((s) => s.preferences ?? []));
    const partSlots = slots.filter(
      (j) => part.key === WHOLE_ROUND || j.regionCode.startsWith(part.key) || listed.has(j.id),
    );
    const rows = new RoundResultRows(
      2,
      loaded(own, partSlots),
      outcomeOf(matchPacked(packInput(own, partSlots), options)),
    );
    rows.proposals(0, rows.proposalCount);
    rows.unmatched(0, rows.unmatchedCount);
    return rows.finish();
  });
  // The merge adds the tallies up in any order.
  return statsOf(tallies.reverse());
}

describe('a round split by partsOf gives the whole round’s result', () => {
  it('same stats and digest (every proposal, explanation and reason) on random instances', () => {
    let blockingPairs = 0;
    for (let seed = 1; seed <= 250; seed++) {
      const { students, slots } = instance(seed);
      for (const mode of ['stable', 'optimal'] as const) {
        const options: MatchOptions = {
          mode,
          regionPolicy: seed % 2 === 0 ? 'same_province' : 'same_region',
          seed,
          // As a round runs it (toEngineOptions): the parts' blocking pairs add up too.
          certify: true,
          ...(mode === 'stable' && seed % 3 === 0
            ? { reserves: { regionCodes: ['3601', '3273'] } }
            : {}),
          ...(seed % 5 === 0 ? { maxPreferences: 2 } : {}),
          ...(mode === 'optimal' && seed % 4 === 0 ? { maximizeMatchedFirst: true } : {}),
        };
        const provinces = new Set(students.map((s) => s.regionCode.slice(0, 2)));
        const regionCodes = [...new Set(students.map((s) => s.regionCode))];
        expect(partsOf(scope({ regionCodes }), options, []).length).toBe(
          provinces.size > 1 ? provinces.size : 1,
        );
        const whole = statsOfWhole(students, slots, options);
        expect(statsOfParts(students, slots, options)).toEqual(whole);
        blockingPairs += whole.blockingPairs;
      }
    }
    // Optimal rounds leave some: their sum over the parts is checked, not 0 = 0.
    expect(blockingPairs).toBeGreaterThan(50);
  });

  it('but not under schoolCompanyCap, which is why partsOf keeps such a round whole', () => {
    let differs = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const { students, slots } = instance(seed);
      const options: MatchOptions = { mode: 'stable', seed, schoolCompanyCap: 1, certify: true };
      // Split by province as if the cap allowed it.
      const uncapped: MatchOptions = { mode: 'stable', seed, certify: true };
      if (
        statsOfParts(students, slots, options, uncapped).digest !==
        statsOfWhole(students, slots, options).digest
      ) {
        differs++;
      }
    }
    expect(differs).toBeGreaterThan(0);
  });
});

describe('RoundResultRows', () => {
  it('makes the same rows and tally whatever the batches, across the engine’s rows and the too young (40 instances)', () => {
    let crossed = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { students, slots } = instance(seed);
      const round: LoadedRound = {
        ...loaded(students, slots),
        tooYoung: Array.from({ length: 1 + (seed % 4) }, (_, i) => ({
          id: 9000 + i,
          schoolId: 1,
          programCode: 'TKR',
          regionCode: students[0].regionCode,
        })),
      };
      const outcome = outcomeOf(matchPacked(round.input, { mode: 'stable', seed, certify: true }));
      const whole = new RoundResultRows(3, round, outcome);
      const all = [
        ...whole.proposals(0, whole.proposalCount),
        ...whole.unmatched(0, whole.unmatchedCount),
      ];
      const batch = 1 + (seed % 5);
      const inBatches = new RoundResultRows(3, round, outcome);
      const rows: unknown[][] = [];
      for (let i = 0; i < inBatches.proposalCount; i += batch) {
        rows.push(...inBatches.proposals(i, i + batch));
      }
      for (let i = 0; i < inBatches.unmatchedCount; i += batch) {
        const part = inBatches.unmatched(i, i + batch);
        if (part.some((r) => r[3] === 'too_young') && part.some((r) => r[3] !== 'too_young')) {
          crossed++;
        }
        rows.push(...part);
      }
      expect(rows).toEqual(all);
      expect(whole.unmatchedCount).toBe(outcome.unmatched.student.length + round.tooYoung.length);
      expect(all.filter((r) => r[3] === 'too_young').map((r) => r[1])).toEqual(
        round.tooYoung.map((s) => s.id),
      );
      expect(inBatches.finish()).toEqual(whole.finish());
    }
    expect(crossed).toBeGreaterThan(5);
  });
});
