import {
  buildCandidates,
  buildIndex,
  eligibleMicro,
  groupOf,
  loadStudent,
  newProbe,
  scanOrder,
} from './candidates';
import { blockingPairsOf, madeListsSuffice } from './blocking';
import { Compiled, compile } from './compile';
import { heldMicros } from './explain';
import { findBlockingPairs, match } from './index';
import { CandidateLists, FIRST, LazyLists, WholeLists } from './lists';
import { recall } from './memo';
import { createRng } from './prng';
import { resolveOptions } from './score';
import { deferredAcceptance, Holding } from './stable';
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
      for (let s = 0; s < students.length; s++) if (whole.length[s] > FIRST) madeMore++;
    }
    // Enough lists went past the first making for the later ones to be exercised.
    expect(madeMore).toBeGreaterThan(200);
  });
});

/**
 * Every student's list by its definition, from every (student, slot) pair: their own list in
 * its order, or every open slot they are eligible for, best score first, then lower index.
 */
function listsByDefinition(c: Compiled): number[][] {
  const probe = newProbe(c);
  const out: number[][] = [];
  for (let s = 0; s < c.nS; s++) {
    loadStudent(c, s, probe);
    const list: [number, number][] = [];
    if (c.sListed[s]) {
      const seen = new Set<number>();
      for (let e = c.listStart[s]; e < c.listStart[s + 1]; e++) {
        const j = c.listSlot[e];
        if (seen.has(j) || c.jCap[j] <= 0) continue;
        seen.add(j);
        const m = eligibleMicro(c, s, j, probe);
        if (m >= 0) list.push([j, m]);
      }
    } else {
      for (let j = 0; j < c.nJ; j++) {
        const m = c.jCap[j] > 0 ? eligibleMicro(c, s, j, probe) : -1;
        if (m >= 0) list.push([j, m]);
      }
      list.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    }
    out.push(list.flat());
  }
  return out;
}

describe('the slot index', () => {
  it('finds exactly the eligible slots of the pair-by-pair definition, in its order (200 instances, every policy)', () => {
    let paired = 0;
    let single = 0;
    for (let seed = 1; seed <= 200; seed++) {
      // Up to 7 units with slots needing 0–2 of them: one-unit, pair and open buckets.
      const { students, slots } = randomInstance(seed, {
        students: 5 + (seed % 30),
        slots: 1 + ((seed * 53) % 300),
        units: 2 + (seed % 6),
        preferenceRate: seed % 4 === 0 ? 0.4 : 0,
      });
      if (seed % 3 === 0) {
        // Levels and bars that are not whole numbers: a bar between two whole levels, met by
        // the higher half of a level only.
        slots.forEach((slot, j) =>
          slot.requirements.forEach((req, i) => (req.minLevel += (i + j) % 2 === 0 ? 0.5 : 0)),
        );
        students.forEach((st, s) =>
          Object.keys(st.units).forEach((unit, i) => (st.units[unit] += ((s + i) % 4) * 0.25)),
        );
      }
      const o = resolveOptions({ mode: 'optimal', regionPolicy: policies[seed % 4], seed });
      const c = compile(students, slots, o);
      const cand = buildCandidates(c);
      const got: number[][] = [];
      for (let s = 0; s < c.nS; s++) {
        const list: number[] = [];
        for (let e = cand.start[s]; e < cand.start[s + 1]; e++)
          list.push(cand.slot[e], cand.micro[e]);
        got.push(list);
      }
      expect(got).toEqual(listsByDefinition(compile(students, slots, o)));
      const index = buildIndex(c);
      if (index.paired.some((x) => x === 1)) paired++;
      if (index.start[index.singles] > 0) single++;
    }
    // Both kinds of bucket were read: by pair (where one unit's bucket is long) and by unit.
    expect(paired).toBeGreaterThan(25);
    expect(single).toBeGreaterThan(50);
  });
});

describe('the order students are scanned in', () => {
  it('holds every student once, by region group then programme, own lists last, whether slots list programmes or not (60 instances)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const { students, slots } = randomInstance(seed, {
        students: 20 + (seed % 40),
        slots: 10 + (seed % 30),
        units: 3,
        preferenceRate: seed % 3 === 0 ? 0.3 : 0,
      });
      // Half the instances with no slot listing a programme: students still have theirs.
      if (seed % 2 === 0) for (const slot of slots) delete slot.programCodes;
      const c = compile(
        students,
        slots,
        resolveOptions({ mode: 'stable', regionPolicy: policies[seed % 4], seed }),
      );
      const order = Array.from(scanOrder(c));
      expect([...order].sort((a, b) => a - b)).toEqual(students.map((_, s) => s));
      // Students with their own list come last, in index order.
      const kind = (s: number) =>
        c.sListed[s] ? [1, 0, 0, s] : [0, groupOf(c, true, s), c.sProgram[s], s];
      for (let q = 1; q < order.length; q++) {
        const [a, b] = [kind(order[q - 1]), kind(order[q])];
        const i = a.findIndex((x, k) => x !== b[k]);
        if (i >= 0) expect(a[i]).toBeLessThan(b[i]);
      }
      // Students of different programmes are told apart.
      const codeOf = new Map<number, string>();
      students.forEach((st, s) => {
        const seen = codeOf.get(c.sProgram[s]);
        if (seen !== undefined) expect(seen).toBe(st.programCode);
        codeOf.set(c.sProgram[s], st.programCode!);
      });
    }
  });
});

/**
 * Many students, many slots needing few units: long lists, crowded slots, so that many students
 * go past their first entries and wait for the rest; every policy, reserves on a third.
 */
/** Every student's rank at the entry they hold, -1 where they hold none. */
function ranksOf(lists: CandidateLists, h: Holding): number[] {
  const placed = Int32Array.from(h.entryOf.keys()).filter((s) => h.entryOf[s] >= 0);
  const rank = new Int32Array(placed.length);
  lists.ranksAt(
    placed,
    placed.map((s) => h.entryOf[s]),
    rank,
  );
  const out = new Array<number>(h.entryOf.length).fill(-1);
  placed.forEach((s, i) => (out[s] = rank[i]));
  return out;
}

function crowded(seed: number, maxCapacity: number) {
  const { students, slots } = randomInstance(seed, {
    students: 80 + (seed % 80),
    slots: 60 + ((seed * 29) % 240),
    units: 2 + (seed % 2),
    maxCapacity,
    preferenceRate: seed % 5 === 0 ? 0.2 : 0,
  });
  const options = {
    mode: 'stable' as const,
    regionPolicy: policies[seed % 4],
    seed,
    reserves: seed % 3 === 0 ? { regionCodes: ['3601'], share: 0.5 } : undefined,
  };
  return { students, slots, options };
}

describe('deferred acceptance over lists made on demand', () => {
  it('holds what it holds over whole lists, students waiting for more entries included (150 instances)', () => {
    let waited = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const { students, slots, options } = crowded(seed, 1);
      const o = resolveOptions(options);
      const whole = compile(students, slots, o);
      const want = deferredAcceptance(whole, new WholeLists(whole, buildCandidates(whole)));
      const lazyC = compile(students, slots, o);
      const lazy = new LazyLists(lazyC);
      const madeBefore = Array.from(lazy.length, (n, s) =>
        lazy.ready(s, Math.min(n, FIRST)) ? 0 : 1,
      );
      const got = deferredAcceptance(lazyC, lazy);
      expect(Array.from(got.slotOf)).toEqual(Array.from(want.slotOf));
      expect(ranksOf(lazy, got)).toEqual(Array.from(want.entryOf));
      // Students whose rank went past what was made up front had to wait for the rest.
      for (let s = 0; s < students.length; s++) {
        if (madeBefore[s] === 1 && (got.entryOf[s] >= FIRST || got.slotOf[s] < 0)) waited++;
      }
    }
    expect(waited).toBeGreaterThan(100);
  });
});

describe('the rest of a list made without what deferred acceptance turns away', () => {
  it('keeps results whole and the certificate checking every pair, damaged results included (120 instances)', () => {
    let filtered = 0;
    let found = 0;
    let foundFiltered = 0;
    for (let seed = 1; seed <= 120; seed++) {
      const { students, slots, options } = crowded(seed, 1 + (seed % 2));
      const result = match(students, slots, options);
      const lists = recall(result, students, slots, options)!.lists;
      const cut = new Set<number>();
      for (let s = 0; s < students.length; s++) if (!lists.complete(s)) cut.add(s);
      filtered += cut.size;
      expect(findBlockingPairs(students, slots, result, options)).toEqual([]);
      // Every third assignment undone: seats open up, also at slots some lists left out. The
      // result keeps its compiled lists (the cut ones made whole again by the certificate); a
      // copy is checked from scratch, over whole lists.
      result.assignments = result.assignments.filter((_, i) => i % 3 !== 0);
      const copy = { ...result, assignments: [...result.assignments] };
      const pairs = findBlockingPairs(students, slots, result, options);
      expect(pairs).toEqual(findBlockingPairs(students, slots, copy, options));
      found += pairs.length;
      const ids = new Map(students.map((st, s) => [st.id, s]));
      // In student order, though the lists are scanned in the order they were made.
      const order = pairs.map((p) => ids.get(p.studentId)!);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      foundFiltered += pairs.filter((p) => cut.has(ids.get(p.studentId)!)).length;
    }
    expect(filtered).toBeGreaterThan(100);
    expect(found).toBeGreaterThan(100);
    expect(foundFiltered).toBeGreaterThan(20);
  });
  it('certifies results where students hold reserved seats past their first entries (400 instances)', () => {
    // The certificate's `shut` may leave such a student's own slot out of their list made whole
    // again (their key there is below the slot's weakest open seat): it must still stop there.
    let pastFirst = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const { students, slots } = randomInstance(seed, {
        students: 80 + (seed % 80),
        slots: 60 + ((seed * 29) % 240),
        units: 2 + (seed % 2),
        maxCapacity: 1 + (seed % 3),
        preferenceRate: 0,
      });
      const options = {
        mode: 'stable' as const,
        regionPolicy: policies[seed % 4],
        seed,
        reserves: { regionCodes: ['3601', '3602'], share: seed % 2 ? 1 : 0.5 },
      };
      const result = match(students, slots, options);
      const { c, lists } = recall(result, students, slots, options)!;
      const ids = new Map(students.map((st, s) => [st.id, s]));
      for (const a of result.assignments) {
        const s = ids.get(a.studentId)!;
        if (c.sMinority[s] && !lists.complete(s) && a.explanation.studentRank > FIRST) pastFirst++;
      }
      expect(findBlockingPairs(students, slots, result, options)).toEqual([]);
    }
    expect(pastFirst).toBeGreaterThan(20);
  });
});

describe('a certificate over the lists as deferred acceptance made them', () => {
  it('finds what whole lists find, making nothing whole again unless something left out could block (200 instances)', () => {
    let leftOut = 0;
    let asMade = 0;
    let withReserves = 0;
    let foundAsMade = 0;
    let madeWhole = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const { students, slots, options } = crowded(seed, 1 + (seed % 2));
      const o = resolveOptions(options);
      const c = compile(students, slots, o);
      const lazy = new LazyLists(c);
      const held = deferredAcceptance(c, lazy);
      const micro = heldMicros(c, lazy, held);
      const whole = new WholeLists(c, buildCandidates(c));
      const madeWholeAgain = jest.spyOn(lazy, 'eachWhole');
      const certify = (slotOf: Int32Array) => {
        madeWholeAgain.mockClear();
        // As numbers: toEqual on thousands of pairs as objects takes seconds.
        const pairs = (found: { s: number; j: number }[]) => found.map(({ s, j }) => s * c.nJ + j);
        const got = pairs(blockingPairsOf(c, lazy, slotOf, micro));
        expect(got).toEqual(pairs(blockingPairsOf(c, whole, slotOf, micro)));
        return got.length;
      };
      const left = lazy.leftOut!.key;
      const hadLeftOut = left.some((k) => k > -Infinity);
      // The holding as deferred acceptance left it, reserved seats and all.
      expect(certify(held.slotOf)).toBe(0);
      expect(madeWholeAgain).not.toHaveBeenCalled();
      // Every other student let go where nothing was left out: seats open up there, and the
      // lists as made still hold every pair that could block.
      const open = Int32Array.from(held.slotOf, (j, s) =>
        j >= 0 && left[j] === -Infinity && s % 2 ? -1 : j,
      );
      const found = certify(open);
      expect(madeWholeAgain).not.toHaveBeenCalled();
      if (hadLeftOut) {
        leftOut++;
        foundAsMade += found;
        if (options.reserves) withReserves++;
        else asMade++;
      }
      // One student let go where entries were left out: those could block now.
      const at = held.slotOf.findIndex((j) => j >= 0 && left[j] > -Infinity && left[j] < Infinity);
      if (at >= 0) {
        const freed = Int32Array.from(held.slotOf, (j, s) => (s === at ? -1 : j));
        certify(freed);
        expect(madeWholeAgain).toHaveBeenCalled();
        madeWhole++;
      }
    }
    expect(leftOut).toBeGreaterThan(30);
    expect(asMade).toBeGreaterThan(15);
    expect(withReserves).toBeGreaterThan(5);
    expect(foundAsMade).toBeGreaterThan(5_000);
    expect(madeWhole).toBeGreaterThan(20);
  });
});

describe(madeListsSuffice.name, () => {
  // Three slots of capacity 2: what each one needs for its left-out entries to be turned away.
  const check = (over: {
    leftOut?: number[];
    minority?: number[];
    held?: number[];
    degree?: number[];
    reserveOpen?: number[];
    minOpen?: number[];
  }) =>
    madeListsSuffice(
      {
        key: Float64Array.from(over.leftOut ?? [-Infinity, 5, -Infinity]),
        minority: Uint8Array.from(over.minority ?? [0, 0, 0]),
      },
      Int32Array.from(over.held ?? [0, 2, 1]),
      Int32Array.from(over.degree ?? [4, 6, 9]),
      Int32Array.of(2, 2, 2),
      Uint8Array.from(over.reserveOpen ?? [1, 1, 1]),
      Float64Array.from(over.minOpen ?? [Infinity, 5, 3]),
    );
  it('holds where the slots with entries left out are full of keys at least that high', () => {
    expect(check({})).toBe(true);
    expect(check({ minOpen: [Infinity, 9, 3] })).toBe(true);
    // A reserved seat open matters only to the minority students left out.
    expect(check({ minority: [1, 0, 1] })).toBe(true);
  });
  it('holds at a slot every student listing it holds, full or not', () => {
    expect(check({ leftOut: [-Infinity, 5, 7], degree: [4, 6, 1], minority: [0, 0, 1] })).toBe(
      true,
    );
  });
  it('fails at a slot with a seat free, a weaker key held, or a reserved seat open to a minority left out', () => {
    expect(check({ held: [0, 1, 1] })).toBe(false);
    expect(check({ minOpen: [Infinity, 4.5, 3] })).toBe(false);
    expect(check({ leftOut: [-Infinity, 5, 2] })).toBe(false);
    expect(check({ minority: [0, 1, 0] })).toBe(false);
    expect(check({ minority: [0, 1, 0], reserveOpen: [1, 0, 1] })).toBe(true);
  });
});
