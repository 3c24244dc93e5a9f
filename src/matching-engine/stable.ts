import { Compiled, slotKey } from './compile';
import type { CandidateLists, Refusal } from './lists';

/**
 * Final holding of every student: slot index and the entry of their list that holds it
 * (`lists.ranksAt` gives its rank, 0 = first choice), or -1.
 */
export interface Holding {
  slotOf: Int32Array;
  entryOf: Int32Array;
}

/** Seats reserved at slot j: a share of capacity, never more than it can hold. */
export function reservedSeats(c: Compiled, j: number, usable: number): number {
  if (c.o.reserveShare <= 0) return 0;
  const r = Math.floor(c.jCap[j] * c.o.reserveShare);
  return r < usable ? r : usable;
}

/**
 * Whether every slot's choice is its scores' alone: no slot has reserved seats (`reserved`, per
 * slot, as `reservedSeats` gives them) or a ranking of its own, and no school–company cap
 * applies. There the kernel makes deferred acceptance's first round and reads the certificate's
 * lists (scan-kernel.c's propose_many and blocking_many).
 */
export function choiceByScoresAlone(c: Compiled, reserved: Int32Array): boolean {
  if (Number.isFinite(c.o.schoolCompanyCap)) return false;
  for (let j = 0; j < c.nJ; j++) if (reserved[j] !== 0 || c.jRankLen[j] !== 0) return false;
  return true;
}

/**
 * Student-proposing deferred acceptance with capacities. Each slot keeps two min-heaps over
 * the keys of the students it holds: R for reserved seats (best minority students up to the
 * reserve) and O for open seats. This is the choice rule of minority-reserve DA, which is
 * substitutable, so the outcome stays stable and student-optimal; with no reserves R is empty
 * and it is plain hospitals/residents DA.
 */
export function deferredAcceptance(c: Compiled, lists: CandidateLists): Holding {
  const { nS, nJ, mem } = c;
  const usable = mem.int32(nJ);
  const rCap = mem.int32(nJ);
  const rOff = mem.int32(nJ);
  const oOff = mem.int32(nJ);
  let total = 0;
  for (let j = 0; j < nJ; j++) {
    // A slot never holds more students than propose to it: this bounds memory by the edges.
    usable[j] = c.jCap[j] < lists.degree[j] ? c.jCap[j] : lists.degree[j];
    rCap[j] = reservedSeats(c, j, usable[j]);
    rOff[j] = total;
    total += rCap[j];
    oOff[j] = total;
    // One spare entry: a newcomer is pushed before the weakest is let go.
    total += usable[j] + 1;
  }
  const hStudent = mem.int32(total);
  const hKey = mem.float64(total);
  const sizeR = mem.int32(nJ);
  const sizeO = mem.int32(nJ);
  const pos = mem.int32(nS).fill(-1);
  const inR = mem.uint8(nS);
  const slotOf = mem.int32(nS).fill(-1);
  const entryOf = mem.int32(nS).fill(-1);
  const keyOf = mem.float64(nS);
  /** the entry of their list each student proposes to next */
  const next = mem.int32(nS);
  /**
   * Per slot, the key a proposer who cannot claim a reserved seat must beat to get in: the
   * weakest key on an open seat of a full slot, +Infinity for a slot with no usable seat,
   * otherwise -Infinity. One read turns most proposals away (those to full slots); `admit`'s
   * push and pop would come to the same answer.
   */
  const bar = mem.float64(nJ);
  /**
   * The bar as it holds for every student (lists.ts's `Refusal.shut`): not where some students
   * bypass it (reserved seats) or have keys of another kind (a slot's own ranking).
   */
  const shut = mem.float64(nJ);
  const setBar = (j: number) => {
    bar[j] =
      usable[j] === 0
        ? Infinity
        : sizeO[j] > 0 && sizeR[j] + sizeO[j] === usable[j]
          ? hKey[oOff[j]]
          : -Infinity;
    shut[j] = rCap[j] === 0 && c.jRankLen[j] === 0 ? bar[j] : -Infinity;
  };
  for (let j = 0; j < nJ; j++) setBar(j);

  const swap = (a: number, b: number) => {
    const sa = hStudent[a];
    const ka = hKey[a];
    hStudent[a] = hStudent[b];
    hKey[a] = hKey[b];
    hStudent[b] = sa;
    hKey[b] = ka;
    pos[hStudent[a]] = a;
    pos[sa] = b;
  };
  const up = (off: number, i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (hKey[off + parent] <= hKey[off + i]) break;
      swap(off + parent, off + i);
      i = parent;
    }
  };
  const down = (off: number, size: number, i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const m = l + 1 < size && hKey[off + l + 1] < hKey[off + l] ? l + 1 : l;
      if (hKey[off + i] <= hKey[off + m]) break;
      swap(off + i, off + m);
      i = m;
    }
  };
  const push = (off: number, size: number, s: number, key: number) => {
    hStudent[off + size] = s;
    hKey[off + size] = key;
    pos[s] = off + size;
    up(off, size);
  };
  /** Removes the element at relative index i of a heap of `size`; returns the removed student. */
  const removeAt = (off: number, size: number, i: number): number => {
    const s = hStudent[off + i];
    const last = size - 1;
    if (i !== last) {
      swap(off + i, off + last);
      down(off, last, i);
      up(off, i);
    }
    pos[s] = -1;
    return s;
  };

  /** Drops student s from slot j wherever it sits; a freed reserved seat goes to the best minority in O. */
  const leave = (j: number, s: number) => {
    if (inR[s]) {
      removeAt(rOff[j], sizeR[j]--, pos[s] - rOff[j]);
      inR[s] = 0;
      let best = -1;
      for (let i = 0; i < sizeO[j]; i++) {
        const t = hStudent[oOff[j] + i];
        if (c.sMinority[t] && (best < 0 || hKey[oOff[j] + i] > hKey[oOff[j] + best])) best = i;
      }
      if (best >= 0) {
        const t = removeAt(oOff[j], sizeO[j]--, best);
        push(rOff[j], sizeR[j]++, t, keyOf[t]);
        inR[t] = 1;
      }
    } else {
      removeAt(oOff[j], sizeO[j]--, pos[s] - oOff[j]);
    }
    setBar(j);
    slotOf[s] = -1;
    entryOf[s] = -1;
  };

  /** Slot j considers s; returns the student it lets go (s itself, another, or -1). */
  const admit = (j: number, s: number, key: number): number => {
    keyOf[s] = key;
    if (c.sMinority[s] && rCap[j] > 0) {
      if (sizeR[j] < rCap[j]) {
        push(rOff[j], sizeR[j]++, s, key);
        inR[s] = 1;
        s = -1;
      } else if (key > hKey[rOff[j]]) {
        const t = removeAt(rOff[j], sizeR[j]--, 0);
        inR[t] = 0;
        push(rOff[j], sizeR[j]++, s, key);
        inR[s] = 1;
        s = t;
      }
    }
    if (s >= 0) push(oOff[j], sizeO[j]++, s, keyOf[s]);
    const out = sizeR[j] + sizeO[j] <= usable[j] ? -1 : removeAt(oOff[j], sizeO[j]--, 0);
    setBar(j);
    return out;
  };

  const capOn = Number.isFinite(c.o.schoolCompanyCap);
  const buckets = new Map<number, number[]>();
  let schoolCount = 1;
  for (let s = 0; s < nS; s++) if (c.sSchool[s] >= schoolCount) schoolCount = c.sSchool[s] + 1;
  const bucketOf = (s: number, j: number) => c.jCompany[j] * schoolCount + c.sSchool[s];
  const weakest = (list: number[]) => {
    let w = 0;
    for (let i = 1; i < list.length; i++) if (keyOf[list[i]] < keyOf[list[w]]) w = i;
    return w;
  };
  const dropFromBucket = (s: number, j: number) => {
    const list = buckets.get(bucketOf(s, j))!;
    list.splice(list.indexOf(s), 1);
  };

  /**
   * Turned away as `admit` would: slot j is full of students it ranks above key, and s cannot
   * claim a reserved seat there.
   */
  const turnsAway = (j: number, s: number, key: number) =>
    key < bar[j] && (rCap[j] === 0 || c.sMinority[s] === 0);
  // What `admit` would turn away for good, left out of the rest of a list when it is made: the
  // bar only rises, except where the school–company cap lets a student leave a slot.
  // Without a cap, a choice by scores alone is one where shut is the bar at every slot.
  const byScoresAlone = choiceByScoresAlone(c, rCap);
  const refusal: Refusal | null = capOn
    ? null
    : {
        shut,
        beyondShut: !byScoresAlone,
        refuses: (s, j, micro) => turnsAway(j, s, slotKey(c, j, s, micro)),
      };

  const free = mem.int32(nS + 1);
  let top = 0;
  // Students whose next entry is not made yet wait here until every other student is placed or
  // waiting, then have them made together. The outcome does not depend on the order in which
  // students propose, so this changes nothing but the time.
  const waiting = mem.int32(nS);
  let waitingCount = -1;
  // The first round, every student down the entries made up front, by the kernel where every
  // slot's choice is its scores' alone (no reserved seat, no ranking of its own, no cap).
  if (byScoresAlone) {
    const round = { usable, off: oOff, size: sizeO, heapStudent: hStudent, heapKey: hKey };
    waitingCount = lists.proposeFirst({ ...round, bar, shut, slotOf, entryOf, next, waiting });
  }
  // Otherwise taken in the order the lists were made (`lists.order`), so that the first
  // proposals read the lists' pool from one end to the other rather than at random.
  if (waitingCount < 0) {
    for (let q = nS - 1; q >= 0; q--) free[top++] = lists.order[q];
    waitingCount = 0;
  }
  for (;;) {
    if (top === 0) {
      if (waitingCount === 0) break;
      lists.makeMany(waiting, waitingCount, refusal);
      for (let i = 0; i < waitingCount; i++) free[top++] = waiting[i];
      waitingCount = 0;
    }
    const s = free[--top];
    const tie = c.sTie[s];
    for (;;) {
      const e = next[s];
      if (!lists.ready(s, e)) {
        if (lists.more(s)) waiting[waitingCount++] = s;
        break;
      }
      next[s]++;
      const j = lists.slotAt(s, e);
      const micro = lists.microAt(s, e);
      // Most proposals go to a full slot that turns away every key below its bar (`shut`, where
      // the key is the score's: no reserve, no ranking of its own): one read decides them, as
      // `turnsAway` would.
      if (micro * nS + tie < shut[j]) continue;
      const key = slotKey(c, j, s, micro);
      if (turnsAway(j, s, key)) continue;
      let list: number[] | undefined;
      if (capOn && c.sSchool[s] >= 0) {
        list = buckets.get(bucketOf(s, j));
        if (!list) buckets.set(bucketOf(s, j), (list = []));
        // The company already holds its quota of this school, all better than s: s goes on.
        if (
          list.length >= c.o.schoolCompanyCap &&
          (list.length === 0 || key <= keyOf[list[weakest(list)]])
        )
          continue;
      }
      const out = admit(j, s, key);
      if (out === s) continue;
      slotOf[s] = j;
      entryOf[s] = e;
      if (out >= 0) {
        slotOf[out] = -1;
        entryOf[out] = -1;
        if (capOn && c.sSchool[out] >= 0) dropFromBucket(out, j);
        free[top++] = out;
      }
      if (list) {
        list.push(s);
        if (list.length > c.o.schoolCompanyCap) {
          const t = list.splice(weakest(list), 1)[0];
          leave(slotOf[t], t);
          free[top++] = t;
        }
      }
      break;
    }
  }
  return { slotOf, entryOf };
}
