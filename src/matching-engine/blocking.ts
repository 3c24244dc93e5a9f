import { compile, Compiled, slotKey, studentOf } from './compile';
import { listKey } from './candidates';
import { candidateLists, CandidateLists, LeftOut } from './lists';
import { resolveOptions } from './score';
import { recall } from './memo';
import { choiceByScoresAlone, reservedSeats } from './stable';
import type { BlockingPair, MatchOptions, MatchResult, Slot, Student } from './types';

/**
 * Every student–slot pair that would both rather be together than with what they got, under
 * the same rankings, eligibility and reserve rule `match` uses. One pass over each student's
 * list down to their own slot after a per-slot summary, so it is linear in the entries above
 * each student's slot (for a result from `match`, the proposals it made), plus sorting each
 * slot's holders. An empty answer certifies a stable result.
 */
export function findBlockingPairs(
  students: Student[],
  slots: Slot[],
  result: MatchResult,
  options: MatchOptions,
): BlockingPair[] {
  const o = resolveOptions(options);
  const hit = recall(result, students, slots, options);
  const c = hit?.c ?? compile(students, slots, o);
  const lists = hit?.lists ?? candidateLists(c);
  const { nS, mem } = c;
  const slotOf = mem.int32(nS).fill(-1);
  const microOf = mem.int32(nS);
  // Assignments from `match` come in student order: the next student it placed (or, for another
  // result, one of the next few students) is nearly always the one; ids are unique, so an equal
  // id is that student. Otherwise the id is looked up.
  let after = -1;
  for (const a of result.assignments) {
    let s: number | undefined;
    let t = after + 1;
    if (hit) while (t < nS && hit.slotOf[t] < 0) t++;
    for (const end = Math.min(nS, t + (hit ? 1 : 8)); t < end; t++) {
      if (students[t].id === a.studentId) {
        s = t;
        break;
      }
    }
    if (s === undefined) s = studentOf(c, a.studentId);
    if (s !== undefined) after = s;
    if (s === undefined) continue;
    // The slot match gave this student, when the assignment still names it (the same string,
    // so compared at once); otherwise the id is looked up.
    const given = hit ? hit.slotOf[s] : -1;
    const j = given >= 0 && slots[given].id === a.slotId ? given : c.slotOf(a.slotId);
    if (j === undefined) continue;
    const micro = lists.microFor(s, j);
    if (micro < 0) continue;
    slotOf[s] = j;
    microOf[s] = micro;
  }
  return blockingPairsOf(c, lists, slotOf, microOf).map(({ s, j }) => ({
    studentId: students[s].id,
    slotId: slots[j].id,
  }));
}

/**
 * The blocking pairs of a holding, student by student, each student's in the order of their
 * list: student s holds slot slotOf[s] (-1: none) at the score microOf[s] (millionths) it has
 * on their list. `lists` are read as far as they were made, and made whole again where that is
 * needed (`madeListsSuffice`).
 */
export function blockingPairsOf(
  c: Compiled,
  lists: CandidateLists,
  slotOf: Int32Array,
  microOf: Int32Array,
): { s: number; j: number }[] {
  const { nS, nJ, mem, o } = c;
  // Per slot: its reserved seats, whether one is still open to a minority, and the weakest key
  // on an open seat (where none is reserved, every seat is open: the weakest key held).
  const reserved = mem.int32(nJ);
  let anyReserved = false;
  for (let j = 0; j < nJ; j++) {
    const usable = c.jCap[j] < lists.degree[j] ? c.jCap[j] : lists.degree[j];
    reserved[j] = reservedSeats(c, j, usable);
    if (reserved[j] > 0) anyReserved = true;
  }
  const reserveOpen = mem.uint8(nJ);
  const minOpen = mem.float64(nJ).fill(Infinity);
  const keyOf = mem.float64(nS);
  /** the student's place in their own list's order (`listKey`), Infinity when unplaced */
  const ownKey = mem.float64(nS).fill(Infinity);
  const held = mem.int32(nJ);
  for (let s = 0; s < nS; s++) {
    const j = slotOf[s];
    if (j < 0) continue;
    const key = (keyOf[s] = slotKey(c, j, s, microOf[s]));
    ownKey[s] = listKey(nJ, j, microOf[s]);
    held[j]++;
    if (reserved[j] === 0 && key < minOpen[j]) minOpen[j] = key;
  }
  if (anyReserved) reservedSeatsOpen(c, slotOf, keyOf, reserved, reserveOpen, minOpen);
  // A full slot with no reserved seat open and no explicit ranking is blocked only by a key
  // above its weakest one.
  const shut = mem.float64(nJ);
  for (let j = 0; j < nJ; j++) {
    const closed = held[j] >= c.jCap[j] && reserveOpen[j] === 0 && c.jRankLen[j] === 0;
    shut[j] = closed ? minOpen[j] : -Infinity;
  }
  const capOn = Number.isFinite(o.schoolCompanyCap);
  const bucketMin = new Map<string, { count: number; min: number }>();
  const bucketKey = (s: number, j: number) => `${c.jCompany[j]}:${c.sSchool[s]}`;
  if (capOn) {
    for (let s = 0; s < nS; s++) {
      if (slotOf[s] < 0 || c.sSchool[s] < 0) continue;
      const k = bucketKey(s, slotOf[s]);
      const b = bucketMin.get(k) ?? { count: 0, min: Infinity };
      b.count++;
      if (keyOf[s] < b.min) b.min = keyOf[s];
      bucketMin.set(k, b);
    }
  }
  // Where every entry deferred acceptance left out is one its slot turns away now, the lists are
  // read as made. Otherwise a list made without such entries (or let go once the round was
  // decided) is made whole again here, so that every pair is checked: `n` is its length, -1 for
  // a list that is whole as it is, read from `lists`. `shut` spares it the slots none of those
  // entries could block (see `lists.eachWhole`).
  const asMade =
    lists.leftOut !== null &&
    madeListsSuffice(lists.leftOut, held, lists.degree, c.jCap, reserveOpen, minOpen);
  let longest = 0;
  for (let s = 0; s < nS; s++) if (lists.length[s] > longest) longest = lists.length[s];
  const wholeSlot = mem.int32(longest);
  const wholeMicro = mem.int32(longest);
  // In the order the lists were made, within `eachWhole`'s two groups (the slot index stays in
  // cache between scans, made whole again on several threads); the pairs are then given in
  // student order.
  const found: { s: number; j: number }[] = [];
  // Only the slots a student ranks above their own can block; in a result from match those
  // are the ones they proposed to, so their lists are already made that far.
  const check = (s: number, n: number, from = 0) => {
    for (let r = from; n < 0 ? lists.has(s, r) : r < n; r++) {
      const j = n < 0 ? lists.slotAt(s, r) : wholeSlot[r];
      if (j === slotOf[s]) break;
      // A list made whole again is in key order, and `shut` may have left out the student's own
      // slot (a reserved seat held with a key below the slot's weakest open seat): what comes
      // after it there is no better for them.
      if (n >= 0 && listKey(nJ, j, wholeMicro[r]) > ownKey[s]) break;
      const key = slotKey(c, j, s, n < 0 ? lists.microAt(s, r) : wholeMicro[r]);
      const wants =
        held[j] < c.jCap[j] || (c.sMinority[s] === 1 && reserveOpen[j] === 1) || key > minOpen[j];
      if (!wants) continue;
      if (capOn && c.sSchool[s] >= 0) {
        const sameCompany = slotOf[s] >= 0 && c.jCompany[slotOf[s]] === c.jCompany[j];
        const b = bucketMin.get(bucketKey(s, j));
        if (!sameCompany && b && b.count >= o.schoolCompanyCap && key <= b.min) continue;
        if (o.schoolCompanyCap === 0) continue;
      }
      found.push({ s, j });
    }
  };
  if (asMade) {
    // Where every slot's choice is its scores' alone, a slot wants a student only for a key
    // above `shut` (-Infinity where a seat is free), and the entries made up front are read by
    // the kernel.
    const kernel = choiceByScoresAlone(c, reserved) ? lists.blockingMany(shut, slotOf) : null;
    if (kernel !== null) {
      const { found: triples } = kernel;
      const at = Array.from({ length: triples.length / 3 }, (_, k) => 3 * k);
      at.sort((a, b) => triples[a] - triples[b] || triples[a + 2] - triples[b + 2]);
      for (const k of at) found.push({ s: triples[k], j: triples[k + 1] });
    }
    for (let q = 0; q < nS; q++) {
      const from = kernel === null ? 0 : kernel.resume[q];
      if (from >= 0) check(lists.order[q], -1, from);
    }
  } else lists.eachWhole(shut, wholeSlot, wholeMicro, check);
  // Stable: a student's pairs stay in the order of their list.
  return found.sort((a, b) => a.s - b.s);
}

/**
 * Whether a certificate may read the lists as deferred acceptance made them: every entry it left
 * out at slot j (its key at most leftOut.key[j]) is one j turns away in the end, because everyone
 * who lists j holds it (held = degree), or because j is full, its weakest open seat held at a key
 * of at least that, and no reserved seat open where a minority student's entry was left out.
 * Deferred acceptance's bars only rise and it never turns a minority student away from a slot
 * with reserved seats, so this holds for its own holding; it is checked, not trusted.
 */
export function madeListsSuffice(
  leftOut: LeftOut,
  held: Int32Array,
  degree: Int32Array,
  capacity: Int32Array,
  reserveOpen: Uint8Array,
  minOpen: Float64Array,
): boolean {
  const { key, minority } = leftOut;
  for (let j = 0; j < key.length; j++) {
    if (key[j] === -Infinity || held[j] === degree[j]) continue;
    if (held[j] < capacity[j] || key[j] > minOpen[j]) return false;
    if (minority[j] === 1 && reserveOpen[j] === 1) return false;
  }
  return true;
}

/**
 * For each slot with reserved seats (`reserved`), whether one is still open to a minority
 * (`reserveOpen`) and the weakest key on an open seat (`minOpen`): its holders taken best key
 * first (then lower index), the first minority students up to its reserve on reserved seats.
 */
function reservedSeatsOpen(
  c: Compiled,
  slotOf: Int32Array,
  keyOf: Float64Array,
  reserved: Int32Array,
  reserveOpen: Uint8Array,
  minOpen: Float64Array,
): void {
  const { nS, nJ, mem } = c;
  // Each such slot's holders in CSR form (no array per slot).
  const memberStart = mem.int32(nJ + 1);
  const holds = (s: number) => slotOf[s] >= 0 && reserved[slotOf[s]] > 0;
  for (let s = 0; s < nS; s++) if (holds(s)) memberStart[slotOf[s] + 1]++;
  for (let j = 0; j < nJ; j++) memberStart[j + 1] += memberStart[j];
  const members = mem.int32(memberStart[nJ]);
  const fill = mem.int32Copy(memberStart.subarray(0, nJ));
  for (let s = 0; s < nS; s++) if (holds(s)) members[fill[slotOf[s]]++] = s;
  const before = (a: number, b: number) => keyOf[a] > keyOf[b] || (keyOf[a] === keyOf[b] && a < b);
  for (let j = 0; j < nJ; j++) {
    const r = reserved[j];
    const from = memberStart[j];
    const to = memberStart[j + 1];
    if (to - from > 32) {
      const part = Array.from(members.subarray(from, to));
      members.set(
        part.sort((a, b) => keyOf[b] - keyOf[a] || a - b),
        from,
      );
    }
    // Short lists (nearly all): insertion sort in place, same order.
    for (let i = from + 1; to - from <= 32 && i < to; i++) {
      const x = members[i];
      let k = i - 1;
      while (k >= from && before(x, members[k])) {
        members[k + 1] = members[k];
        k--;
      }
      members[k + 1] = x;
    }
    let inReserve = 0;
    for (let i = from; i < to; i++) {
      const t = members[i];
      if (c.sMinority[t] && inReserve < r) inReserve++;
      else if (keyOf[t] < minOpen[j]) minOpen[j] = keyOf[t];
    }
    reserveOpen[j] = inReserve < r ? 1 : 0;
  }
}
