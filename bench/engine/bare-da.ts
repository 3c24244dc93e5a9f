import { fmix32 } from '../../src/matching-engine/prng';
import type { Slot, Student } from '../../src/matching-engine';

/**
 * The yardstick the engine's times are divided by: a bare student-proposing deferred acceptance
 * over typed arrays only (lists in CSR form, one slot key per list entry, capacities), with no
 * eligibility, scores, ids or explanations. Timed in the same run as the engine on the same
 * sizes, it shows what this machine, at this load, gives any deferred acceptance: a ratio to it
 * cancels much of the noise of a shared 2-core machine.
 */
export interface BareInput {
  start: Int32Array;
  slot: Int32Array;
  /** the slot's view of the student on this entry: larger is better */
  key: Float64Array;
  cap: Int32Array;
}

/** Typed lists from the students' own lists (every entry kept), keys hashed from the pair. */
export function bareInput(students: Student[], slots: Slot[]): BareInput {
  const slotIndex = new Map<string, number>();
  slots.forEach((slot, j) => slotIndex.set(slot.id, j));
  let total = 0;
  for (const st of students) total += st.preferences?.length ?? 0;
  const start = new Int32Array(students.length + 1);
  const slot = new Int32Array(total);
  const key = new Float64Array(total);
  let e = 0;
  students.forEach((st, s) => {
    start[s] = e;
    for (const id of st.preferences ?? []) {
      const j = slotIndex.get(id);
      if (j === undefined) continue;
      slot[e] = j;
      key[e++] = fmix32(Math.imul(s, 0x9e3779b1) ^ j);
    }
  });
  start[students.length] = e;
  const cap = Int32Array.from(slots, (x) => Math.max(0, x.capacity));
  return { start, slot: slot.subarray(0, e), key: key.subarray(0, e), cap };
}

/** Deferred acceptance with a min-heap of held keys per slot; returns each student's slot or -1. */
export function bareDeferredAcceptance(input: BareInput): Int32Array {
  const { start, slot, key, cap } = input;
  const nS = start.length - 1;
  const nJ = cap.length;
  const off = new Int32Array(nJ + 1);
  for (let j = 0; j < nJ; j++) off[j + 1] = off[j] + cap[j];
  const size = new Int32Array(nJ);
  const heapKey = new Float64Array(off[nJ]);
  const heapStudent = new Int32Array(off[nJ]);
  const next = start.slice(0, nS);
  const slotOf = new Int32Array(nS).fill(-1);
  const free = new Int32Array(nS);
  let top = 0;
  for (let s = nS - 1; s >= 0; s--) free[top++] = s;
  while (top > 0) {
    let s = free[--top];
    while (s >= 0 && next[s] < start[s + 1]) {
      const e = next[s]++;
      const j = slot[e];
      const k = key[e];
      const base = off[j];
      if (size[j] < cap[j]) {
        // sift up into the free place
        let i = size[j]++;
        while (i > 0) {
          const p = (i - 1) >> 1;
          if (heapKey[base + p] <= k) break;
          heapKey[base + i] = heapKey[base + p];
          heapStudent[base + i] = heapStudent[base + p];
          i = p;
        }
        heapKey[base + i] = k;
        heapStudent[base + i] = s;
        slotOf[s] = j;
        s = -1;
      } else if (cap[j] > 0 && k > heapKey[base]) {
        // replace the weakest held student, who proposes next
        const out = heapStudent[base];
        slotOf[out] = -1;
        let i = 0;
        const n = cap[j];
        for (;;) {
          let m = 2 * i + 1;
          if (m >= n) break;
          if (m + 1 < n && heapKey[base + m + 1] < heapKey[base + m]) m++;
          if (heapKey[base + m] >= k) break;
          heapKey[base + i] = heapKey[base + m];
          heapStudent[base + i] = heapStudent[base + m];
          i = m;
        }
        heapKey[base + i] = k;
        heapStudent[base + i] = s;
        slotOf[s] = j;
        s = out;
      }
    }
  }
  return slotOf;
}
