import { buildCandidates, ClosestSlots, listKey, ListScanner, THREADED_FROM } from './candidates';
import { compile } from './compile';
import { blockingPairsOf } from './blocking';
import { buildUnitIndex } from './explain';
import { findBlockingPairs, match } from './index';
import { candidateLists, FIRST, WholeLists } from './lists';
import { createRng } from './prng';
import { naiveClosest, naiveList } from './testing/reference';
import { resolveOptions } from './score';
import { deferredAcceptance } from './stable';
import type { MatchOptions, Slot, Student } from './types';

/**
 * A round large enough for helper threads (THREADED_FROM students and more), every slot needing
 * a unit or two (of `unitCount`) so that the kernel reads them all, seats for about a fifth of
 * the students: many go past their first entries. Each student holds each unit at `holds`.
 */
function crowdedRound(
  seed: number,
  regions = ['3601', '3602', '3603'],
  unitCount = 4,
  holds = 0.9,
): { students: Student[]; slots: Slot[] } {
  const rnd = createRng(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const units = Array.from({ length: unitCount }, (_, u) => `U${u}`);
  const slots: Slot[] = Array.from({ length: 3000 }, (_, j) => ({
    id: `j${j}`,
    companyId: `c${int(100)}`,
    regionCode: regions[int(regions.length)],
    capacity: int(2),
    requirements: Array.from({ length: 1 + int(2) }, (_, r) => ({
      unit: units[(j + 13 * r) % unitCount],
      minLevel: 1 + int(4),
      weight: 1 + int(3),
    })),
  }));
  const students: Student[] = Array.from({ length: THREADED_FROM + 500 }, (_, s) => {
    const held: Record<string, number> = {};
    for (const u of units) if (rnd() < holds) held[u] = 1 + int(5);
    return { id: `s${s}`, regionCode: regions[int(regions.length)], units: held };
  });
  return { students, slots };
}

/** Where two long arrays first differ, -1 where they do not (toEqual is slow on a million). */
/** Student s's closest slot on their list, and where there is one its unmet requirement and level held. */
function listedClosest(listed: ClosestSlots, s: number): number[] {
  const j = listed.slot[s];
  return j < 0 ? [j] : [j, listed.missing[s], listed.held[s]];
}

/** A closest slot as a no_eligible_slot reason names it (slot, unmet unit, bar, level held). */
function closestText(x: {
  closestSlotId?: string;
  missingUnit?: string;
  missingMinLevel?: number;
  heldLevel?: number;
}): string {
  if (x.closestSlotId === undefined) return '';
  if (x.missingUnit === undefined) return x.closestSlotId;
  return [x.closestSlotId, x.missingUnit, x.missingMinLevel, x.heldLevel].join();
}

function firstDifference<T>(a: T[], b: T[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe('scans on several threads', () => {
  const { students, slots } = crowdedRound(5);
  const options = (threads: number): MatchOptions => ({
    mode: 'stable',
    regionPolicy: 'same_province',
    seed: 9,
    threads,
  });

  it('make the first entries and count ranks as one thread does, helpers taking a share', () => {
    const c = compile(students, slots, resolveOptions(options(2)));
    const whole = new WholeLists(c, buildCandidates(compile(students, slots, c.o)));
    const scanner = new ListScanner(c);
    const n = students.length;
    const { mem, nJ } = c;
    // Arrays the kernel reads are in its memory; the students in an order of their own.
    const order = mem.int32(n);
    order.forEach((_, i) => (order[i] = (i * 7919) % n));
    const [length, kept, at] = [mem.int32(n), mem.int32(n), mem.int32(n)];
    const [slot, micro] = [mem.int32(n * FIRST), mem.int32(n * FIRST)];
    const degree = mem.int32(nJ);
    const written = scanner.firstOfMany(order, FIRST, degree, length, kept, at, slot, micro);
    expect(scanner.helped).toBeGreaterThan(0);
    expect(Array.from(degree)).toEqual(Array.from(whole.degree));
    const got: number[] = [];
    const want: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = order[i];
      got.push(length[i], kept[i]);
      want.push(whole.length[s], Math.min(FIRST, whole.length[s]));
      for (let e = 0; e < kept[i]; e++) {
        got.push(slot[at[i] + e], micro[at[i] + e]);
        want.push(whole.slotAt(s, e), whole.microAt(s, e));
      }
    }
    expect(firstDifference(got, want)).toBe(-1);
    expect(written).toBe(kept.reduce((sum, k) => sum + k, 0));

    // Ranks counted at an entry drawn from each whole list: its place in it.
    const rnd = createRng(3);
    const drawn = Array.from(order, (s) => Math.floor(rnd() * whole.length[s]));
    const after = mem.float64(n);
    order.forEach((s, i) => {
      after[i] = listKey(nJ, whole.slotAt(s, drawn[i]), whole.microAt(s, drawn[i]));
    });
    const before = mem.int32(n);
    const helpedBefore = scanner.helped;
    expect(scanner.countMany(order, after, before)).toBe(true);
    expect(scanner.helped).toBeGreaterThan(helpedBefore);
    expect(
      firstDifference(
        Array.from(before),
        drawn.map((e) => e + 1),
      ),
    ).toBe(-1);
  });

  it('scan the rests of many lists as one thread does, out of room or not, helpers taking a share', () => {
    const rests = (threads: number, room: number) => {
      const c = compile(students, slots, resolveOptions(options(threads)));
      const scanner = new ListScanner(c);
      scanner.restRoom = room;
      const { nS, nJ } = c;
      // Some slots shut to keys below a drawn one; every rest begins after a drawn key.
      const rnd = createRng(11);
      const shut = c.mem.float64(nJ);
      for (let j = 0; j < nJ; j++) shut[j] = rnd() < 0.3 ? Math.floor(rnd() * 1e6) * nS : -Infinity;
      const order = Int32Array.from({ length: nS }, (_, i) => (i * 7919) % nS);
      const after = Float64Array.from(order, () => Math.floor(rnd() * 3e5) * nJ);
      const bound = Float64Array.from(order, () => Math.floor(0.4e6 + rnd() * 0.6e6) * nS);
      const out: number[] = [];
      scanner.restsOfMany(order, after, bound, shut, (i, keys, from, kept, passed) => {
        out.push(i, kept, passed, ...keys.subarray(from, from + kept));
      });
      return { out, helped: scanner.helped };
    };
    const one = rests(1, 1 << 22);
    const two = rests(2, 1 << 22);
    const cramped = rests(2, 5000);
    expect(one.out.length).toBeGreaterThan(100_000);
    expect(two.helped).toBeGreaterThan(0);
    expect(cramped.helped).toBeGreaterThan(0);
    expect(firstDifference(two.out, one.out)).toBe(-1);
    expect(firstDifference(cramped.out, one.out)).toBe(-1);
  });

  it('pass over unread the entries of the index shut to a student, the rests as the whole lists give them', () => {
    // Forty units, slots needing one or two of them: buckets of a few slots each, most of them shut.
    const rnd = createRng(17);
    const int = (n: number) => Math.floor(rnd() * n);
    const { students: pupils, slots } = crowdedRound(17, ['3601', '3602'], 40, 0.3);
    const o = resolveOptions({
      mode: 'stable',
      regionPolicy: 'same_province',
      seed: 3,
      threads: 2,
    });
    const c = compile(pupils, slots, o);
    const whole = new WholeLists(c, buildCandidates(compile(pupils, slots, o)));
    const { nS, nJ } = c;
    // Four slots in five shut to all but the best keys; each rest after a drawn first entry.
    const shut = c.mem.float64(nJ);
    for (let j = 0; j < nJ; j++)
      shut[j] = rnd() < 0.8 ? Math.floor(0.7e6 + rnd() * 0.3e6) * nS : -Infinity;
    const order = Int32Array.from({ length: nS }, (_, i) => (i * 7919) % nS);
    const drawn = Array.from(order, (s) => int(Math.min(FIRST, whole.length[s]) + 1) - 1);
    const after = Float64Array.from(order, (s, i) =>
      drawn[i] < 0 ? -1 : listKey(nJ, whole.slotAt(s, drawn[i]), whole.microAt(s, drawn[i])),
    );
    const bound = Float64Array.from(order, (s, i) =>
      drawn[i] < 0 ? Infinity : (whole.microAt(s, drawn[i]) + 1) * nS,
    );
    const rests = (passShut: boolean) => {
      const scanner = new ListScanner(c);
      scanner.passShut = passShut;
      const keys: number[] = [];
      let passed = 0;
      scanner.restsOfMany(order, after, bound, shut, (i, out, from, kept, p) => {
        keys.push(i, kept, ...out.subarray(from, from + kept));
        passed += p;
      });
      return { keys, passed, helped: scanner.helped };
    };
    // What a rest keeps, from the whole lists: the keys after `after` at slots not shut to them.
    const want: number[] = [];
    order.forEach((s, i) => {
      const kept: number[] = [];
      for (let e = 0; e < whole.length[s]; e++) {
        const j = whole.slotAt(s, e);
        const m = whole.microAt(s, e);
        const key = listKey(nJ, j, m);
        if (key > after[i] && shut[j] < bound[i] && m * nS + c.sTie[s] >= shut[j]) kept.push(key);
      }
      want.push(i, kept.length, ...kept);
    });
    const spans = rests(true);
    const entryByEntry = rests(false);
    expect(spans.helped).toBeGreaterThan(0);
    expect(want.length).toBeGreaterThan(2 * nS + 10_000);
    expect(firstDifference(spans.keys, want)).toBe(-1);
    expect(firstDifference(entryByEntry.keys, want)).toBe(-1);
    // Entries were passed over unread: a span so passed counts once, where read entry by entry
    // each of its entries that meets the student's unit masks counts.
    expect(spans.passed).not.toBe(entryByEntry.passed);
  });

  it('find the closest slot of students eligible for nothing as the definition names it, ties to the first slot, helpers taking a share', () => {
    // Bars of 3 to 5 and levels of 1 to 3 over twelve units: most students meet few of them,
    // and weights of 1 to 4 make equal shares of different slots (2/3 and 4/6) common.
    const rnd = createRng(21);
    const int = (n: number) => Math.floor(rnd() * n);
    const units = Array.from({ length: 12 }, (_, u) => `U${u}`);
    const regions = ['3601', '3602', '3201'];
    const slots: Slot[] = Array.from({ length: 800 }, (_, j) => ({
      id: `j${j}`,
      companyId: `c${int(50)}`,
      regionCode: regions[int(3)],
      capacity: 1 + int(2),
      requirements: Array.from({ length: 2 + int(3) }, (_, r) => ({
        unit: units[(j * 5 + r * 7) % 12],
        minLevel: 3 + int(3),
        weight: 1 + int(4),
      })),
    }));
    const pupils: Student[] = Array.from({ length: THREADED_FROM + 4000 }, (_, s) => {
      const held: Record<string, number> = {};
      for (const u of units) if (rnd() < 0.4) held[u] = 1 + int(3);
      return { id: `s${s}`, regionCode: regions[int(3)], units: held };
    });
    for (const regionPolicy of ['same_region', 'any'] as const) {
      const o: MatchOptions = { mode: 'stable', regionPolicy, seed: 4, threads: 2 };
      const c = compile(pupils, slots, resolveOptions(o));
      const scanner = new ListScanner(c);
      const students = c.mem.int32(c.nS);
      students.forEach((_, i) => (students[i] = (i * 7919) % c.nS));
      const n = c.nS;
      const out = { slot: c.mem.int32(n), missing: c.mem.int32(n), held: c.mem.float64(n) };
      expect(scanner.closestMany(buildUnitIndex(c), students, out)).toBe(true);
      expect(scanner.helped).toBeGreaterThan(0);
      // Each student's closest slot, its unmet unit, bar and the level held, against the definition.
      const described = (i: number) => {
        const j = out.slot[i];
        const r = j < 0 ? -1 : out.missing[i];
        return closestText({
          closestSlotId: j < 0 ? undefined : c.slotIds[j],
          missingUnit: r < 0 ? undefined : c.unitCodes[c.jReqUnit[r]],
          missingMinLevel: r < 0 ? undefined : c.jReqMin[r],
          heldLevel: r < 0 ? undefined : out.held[i],
        });
      };
      const defined = pupils.map((st) => closestText(naiveClosest(st, slots, o)));
      const got = Array.from(students, (_, i) => described(i));
      expect(got.filter((text) => text !== '').length).toBeGreaterThan(c.nS * 0.9);
      expect(got.filter((text) => text.includes(',')).length).toBeGreaterThan(c.nS * 0.5);
      expect(
        firstDifference(
          got,
          Array.from(students, (st) => defined[st]),
        ),
      ).toBe(-1);
      // In a round, the students eligible for nothing are told of the same slot and unit.
      const told = match(pupils, slots, o).unmatched.flatMap((u) =>
        u.reason.code === 'no_eligible_slot' ? [[u.studentId, closestText(u.reason)]] : [],
      );
      expect(told.length).toBeGreaterThan(THREADED_FROM);
      const named = told.map(([, text]) => text);
      expect(
        firstDifference(
          named,
          told.map(([st]) => defined[Number(st.slice(1))]),
        ),
      ).toBe(-1);
    }
  });

  it("make students' own lists and closest listed slots as the definition says, helpers taking a share", () => {
    // Lists of up to twelve, and every other student's of up to 400 (enough work that the
    // helpers, which start as the call does, take a share before the calling thread is done):
    // slots of any region (one of another province), repeated and unknown ids, slots with no
    // seats or for one programme; some lists empty.
    const rnd = createRng(33);
    const int = (n: number) => Math.floor(rnd() * n);
    const units = Array.from({ length: 6 }, (_, u) => `U${u}`);
    const regions = ['3601', '3602', '3201'];
    const slots: Slot[] = Array.from({ length: 2000 }, (_, j) => ({
      id: `j${j}`,
      companyId: `c${int(50)}`,
      regionCode: regions[int(3)],
      capacity: int(3),
      programCodes: j % 5 === 0 ? ['P1'] : undefined,
      requirements: Array.from({ length: int(4) }, (_, r) => ({
        unit: units[(j + r * 2) % 6],
        minLevel: 1 + int(5),
        weight: int(4),
      })),
    }));
    const pupils: Student[] = Array.from({ length: THREADED_FROM + 500 }, (_, s) => {
      const held: Record<string, number> = {};
      for (const u of units) if (rnd() < 0.6) held[u] = 1 + int(5);
      const preferences = Array.from({ length: int(s % 2 ? 400 : 13) }, () =>
        rnd() < 0.05 ? `x${int(10)}` : `j${rnd() < 0.1 ? s % 7 : int(2000)}`,
      );
      const programCode = rnd() < 0.5 ? 'P1' : 'P2';
      return { id: `s${s}`, regionCode: regions[int(3)], programCode, units: held, preferences };
    });
    for (const regionPolicy of ['same_region', 'same_province', 'any'] as const) {
      const o: MatchOptions = { mode: 'stable', regionPolicy, seed: 4, threads: 2 };
      const c = compile(pupils, slots, resolveOptions(o));
      const scanner = new ListScanner(c);
      const { mem, nS, nJ } = c;
      const students = mem.int32(nS);
      students.forEach((_, i) => (students[i] = (i * 7919) % nS));
      const [kept, at, degree] = [mem.int32(nS), mem.int32(nS), mem.int32(nJ)];
      const [slot, micro] = [mem.int32(c.listStart[nS]), mem.int32(c.listStart[nS])];
      const written = scanner.ownMany(students, degree, kept, at, slot, micro);
      expect(scanner.helped).toBeGreaterThan(0);
      expect(written).toBe(kept.reduce((sum, k) => sum + k, 0));
      // The TypeScript's lists (ownList, one student at a time) for every student ...
      const whole = new WholeLists(c, buildCandidates(compile(pupils, slots, c.o)));
      expect(Array.from(degree)).toEqual(Array.from(whole.degree));
      const got: number[] = [];
      const want: number[] = [];
      for (let i = 0; i < nS; i++) {
        const st = students[i];
        got.push(kept[i], ...listedClosest(scanner.closestListed, st));
        want.push(whole.length[st], ...listedClosest(whole.closestListed, st));
        for (let e = 0; e < kept[i]; e++) got.push(slot[at[i] + e], micro[at[i] + e]);
        for (let e = 0; e < whole.length[st]; e++)
          want.push(whole.slotAt(st, e), whole.microAt(st, e));
      }
      expect(firstDifference(got, want)).toBe(-1);
      // ... and the definition for every 23rd (naiveList is quadratic).
      let none = 0;
      for (let i = 0; i < nS; i += 23) {
        const pupil = pupils[students[i]];
        const list = naiveList(pupil, slots, o);
        const mine = Array.from({ length: kept[i] }, (_, e) => [
          c.slotIds[slot[at[i] + e]],
          micro[at[i] + e],
        ]);
        expect(mine).toEqual(list.map((e) => [e.slot.id, e.micro]));
        if (list.length > 0) continue;
        none++;
        const listed = scanner.closestListed;
        const j = listed.slot[students[i]];
        const r = j < 0 ? -1 : listed.missing[students[i]];
        const unmet = (value: () => string | number) => (r < 0 ? undefined : value());
        expect({
          closestSlotId: j < 0 ? undefined : c.slotIds[j],
          missingUnit: unmet(() => c.unitCodes[c.jReqUnit[r]]),
          missingMinLevel: unmet(() => c.jReqMin[r]),
          heldLevel: unmet(() => listed.held[students[i]]),
        }).toEqual({
          closestSlotId: undefined,
          missingUnit: undefined,
          missingMinLevel: undefined,
          heldLevel: undefined,
          ...naiveClosest(pupil, slots, o),
        });
      }
      expect(written).toBeGreaterThan(2000);
      expect(none).toBeGreaterThan(50);
    }
    // A round over these lists is the same on one thread and on two.
    const round = (threads: number) =>
      match(pupils, slots, { mode: 'stable', regionPolicy: 'same_province', seed: 4, threads });
    const two = round(2);
    expect(two.stats.matched).toBeGreaterThan(500);
    expect(two).toEqual(round(1));
  });

  it('explain placed and outranked students as their whole lists say, lists made in parts on helpers', () => {
    const result = match(students, slots, options(2));
    const byId = new Map(students.map((st) => [st.id, st]));
    const lowest = new Map<string, number>();
    for (const a of result.assignments) {
      lowest.set(a.slotId, Math.min(lowest.get(a.slotId) ?? Infinity, a.score));
    }
    // Every seventh student against the definition (naiveList is quadratic).
    const sampled = (id: string) => Number(id.slice(1)) % 7 === 0;
    let placed = 0;
    let deep = 0;
    for (const a of result.assignments) {
      if (!sampled(a.studentId)) continue;
      const list = naiveList(byId.get(a.studentId)!, slots, options(2));
      const at = list.findIndex((e) => e.slot.id === a.slotId);
      expect([a.rank, a.explanation.studentRank, a.explanation.listLength, a.score]).toEqual([
        at + 1,
        at + 1,
        list.length,
        list[at].micro / 1e6,
      ]);
      placed++;
      if (at >= FIRST) deep++;
    }
    let outranked = 0;
    for (const u of result.unmatched) {
      if (!sampled(u.studentId) || u.reason.code !== 'outranked') continue;
      const list = naiveList(byId.get(u.studentId)!, slots, options(2));
      const { slotId, score, eligibleSlots, cutoffScore } = u.reason;
      expect({ slotId, score, eligibleSlots, cutoffScore }).toEqual({
        slotId: list[0].slot.id,
        score: list[0].micro / 1e6,
        eligibleSlots: list.length,
        cutoffScore: lowest.get(list[0].slot.id) ?? 0,
      });
      outranked++;
    }
    // Placed past the first entries made up front (the rests, made on helpers) and turned
    // away everywhere, both many times over.
    expect(deep).toBeGreaterThan(20);
    expect(placed).toBeGreaterThan(100);
    expect(outranked).toBeGreaterThan(100);
  });

  it("make deferred acceptance's first round a region group at a time, to the matching of the whole lists", () => {
    // Twelve regencies in three provinces, matched per regency: twelve region groups (helpers
    // may take some; in so small a round the calling thread may take them all).
    const regencies = ['32', '33', '35'].flatMap((p) => ['01', '02', '03', '04'].map((r) => p + r));
    const round = crowdedRound(11, regencies);
    const o = resolveOptions({ ...options(2), regionPolicy: 'same_region' });
    const proposeMany = jest.spyOn(ListScanner.prototype, 'proposeMany');
    const c = compile(round.students, round.slots, o);
    const lists = candidateLists(c);
    const made = deferredAcceptance(c, lists);
    const waiting = proposeMany.mock.results.map((r) => r.value as number);
    proposeMany.mockRestore();
    // The certificate's kernel has the caller go on past the entries made up front only for a
    // student held past them, or held nowhere with entries made, or to make, past them.
    const wantsNone = c.mem.float64(c.nJ).fill(Infinity);
    const { resume, found } = lists.blockingMany(wantsNone, made.slotOf)!;
    expect(found).toHaveLength(0);
    const past = (s: number) =>
      made.slotOf[s] < 0 ? lists.ready(s, FIRST) || lists.more(s) : made.entryOf[s] >= FIRST;
    const goesOn = (s: number) => (past(s) ? FIRST : -1);
    const expected = Array.from(lists.order, goesOn);
    expect(expected.filter((e) => e >= 0).length).toBeGreaterThan(100);
    expect(firstDifference(Array.from(resume), expected)).toBe(-1);
    const w = compile(round.students, round.slots, o);
    const whole = deferredAcceptance(w, new WholeLists(w, buildCandidates(w)));
    // The kernel made the round, and many students went on to the rest of their lists from
    // where it left the slots.
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toBeGreaterThan(100);
    expect(whole.slotOf.filter((j) => j >= 0).length).toBeGreaterThan(1000);
    expect(firstDifference(Array.from(made.slotOf), Array.from(whole.slotOf))).toBe(-1);
  });

  it('find the pairs that block a holding as the whole lists do, the kernel reading the entries made up front', () => {
    // Short lists (a regency's few slots), so that every entry is made up front and the
    // certificate reads the lists as made; a holding made unstable by letting students go.
    const rnd = createRng(21);
    const int = (n: number) => Math.floor(rnd() * n);
    const units = ['U0', 'U1', 'U2', 'U3'];
    const regencies = ['32', '33', '35'].flatMap((p) => ['01', '02', '03', '04'].map((r) => p + r));
    const slots: Slot[] = Array.from({ length: 240 }, (_, j) => ({
      id: `j${j}`,
      companyId: `c${int(50)}`,
      regionCode: regencies[int(regencies.length)],
      capacity: 1 + int(3),
      requirements: [{ unit: units[int(4)], minLevel: 1 + int(3), weight: 1 }],
    }));
    const students: Student[] = Array.from({ length: THREADED_FROM + 500 }, (_, s) => {
      const held: Record<string, number> = {};
      for (const u of units) if (rnd() < 0.7) held[u] = 1 + int(5);
      return { id: `s${s}`, regionCode: regencies[int(regencies.length)], units: held };
    });
    const o = resolveOptions({ mode: 'stable', regionPolicy: 'same_region', seed: 3, threads: 2 });
    const c = compile(students, slots, o);
    const lists = candidateLists(c);
    const { slotOf } = deferredAcceptance(c, lists);
    const microOf = (held: Int32Array) => {
      const micro = c.mem.int32(held.length);
      held.forEach((j, s) => (micro[s] = j < 0 ? 0 : lists.microFor(s, j)));
      return micro;
    };
    // Every 50th student placed let go; the arrays where the kernel reads them.
    let placed = 0;
    const shaken = c.mem.int32(slotOf.length);
    slotOf.forEach((j, s) => (shaken[s] = j >= 0 && placed++ % 50 === 0 ? -1 : j));
    const blockingMany = jest.spyOn(ListScanner.prototype, 'blockingMany');
    const pairs = blockingPairsOf(c, lists, shaken, microOf(shaken));
    const found = blockingMany.mock.results.map((r) => (r.value as { found: Int32Array }).found);
    blockingMany.mockRestore();
    const w = compile(students, slots, o);
    const whole = blockingPairsOf(
      w,
      new WholeLists(w, buildCandidates(w)),
      shaken,
      microOf(shaken),
    );
    expect(found).toHaveLength(1);
    expect(found[0].length / 3).toBe(pairs.length);
    expect(pairs.length).toBeGreaterThan(1000);
    expect(pairs).toEqual(whole);
    expect(blockingPairsOf(c, lists, slotOf, microOf(slotOf))).toEqual([]);
  });

  it('give the same round on one, two and three threads, with no blocking pair', () => {
    const [one, two, three] = [1, 2, 3].map((t) => match(students, slots, options(t)));
    expect(one.stats.matched).toBeGreaterThan(1000);
    expect(one.assignments.filter((a) => (a.rank ?? 0) > FIRST).length).toBeGreaterThan(100);
    expect(two).toEqual(one);
    expect(three).toEqual(one);
    expect(findBlockingPairs(students, slots, two, options(2))).toEqual([]);
  });
});
