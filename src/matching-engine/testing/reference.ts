import { hashString } from '../prng';
import { scoreResolved, resolveOptions } from '../score';
import type { MatchOptions, MatchResult, Slot, Student } from '../types';

/**
 * Independent, naive re-statements of the rules, written from the issue text and not from the
 * engine's data structures: quadratic or exponential, only for small instances.
 */

/** A student's ranked list: own preferences (eligible only, first occurrence) or eligible slots by score. */
export function naiveList(
  st: Student,
  slots: Slot[],
  options: MatchOptions,
): { slot: Slot; micro: number }[] {
  const o = resolveOptions(options);
  const usable = (slot: Slot) => slot.capacity > 0 && scoreResolved(st, slot, o) > 0;
  if (st.preferences) {
    const seen = new Set<string>();
    const out: { slot: Slot; micro: number }[] = [];
    for (const id of st.preferences) {
      const slot = slots.find((x) => x.id === id);
      if (!slot || seen.has(id) || !usable(slot)) continue;
      seen.add(id);
      out.push({ slot, micro: scoreResolved(st, slot, o) });
    }
    return out;
  }
  return slots
    .map((slot, j) => ({ slot, j, micro: usable(slot) ? scoreResolved(st, slot, o) : 0 }))
    .filter((x) => x.micro > 0)
    .sort((x, y) => y.micro - x.micro || x.j - y.j)
    .map(({ slot, micro }) => ({ slot, micro }));
}

/** True when slot prefers a over b: explicit ranking, then score, then priority; lottery ties are left equal. */
export function slotPrefers(
  slot: Slot,
  a: Student,
  b: Student,
  options: MatchOptions,
): boolean | undefined {
  const o = resolveOptions(options);
  const ra = slot.ranking?.indexOf(a.id) ?? -1;
  const rb = slot.ranking?.indexOf(b.id) ?? -1;
  if (ra >= 0 || rb >= 0) {
    if (ra < 0) return false;
    if (rb < 0) return true;
    return ra < rb;
  }
  const sa = scoreResolved(a, slot, o);
  const sb = scoreResolved(b, slot, o);
  if (sa !== sb) return sa > sb;
  if ((a.priority ?? 0) !== (b.priority ?? 0)) return (a.priority ?? 0) > (b.priority ?? 0);
  return undefined; // the lottery decides; both orders are consistent with the rules
}

/**
 * Blocking pairs by definition: s prefers j to its match, and j has a free seat or holds a
 * student it ranks below s. Lottery ties count as not blocking.
 */
export function naiveBlockingPairs(
  students: Student[],
  slots: Slot[],
  result: MatchResult,
  options: MatchOptions,
): string[] {
  const slotOf = new Map(result.assignments.map((a) => [a.studentId, a.slotId]));
  const out: string[] = [];
  for (const st of students) {
    for (const { slot } of naiveList(st, slots, options)) {
      if (slot.id === slotOf.get(st.id)) break;
      const holders = students.filter((x) => slotOf.get(x.id) === slot.id);
      if (
        holders.length < slot.capacity ||
        holders.some((h) => slotPrefers(slot, st, h, options) === true)
      ) {
        out.push(`${st.id}-${slot.id}`);
      }
    }
  }
  return out;
}

/**
 * Where both sides rank by the score alone (no own lists, no rankings, no reserves, no cap), a
 * student orders slots by score then slot order, and a slot orders students by score, then
 * priority, then the seeded lottery (a lower hash of seed and id first, then input order). Both
 * agree with one order of the pairs, best score first, then slot order, then the slot's order
 * of students. Preferences that agree with one order of the pairs have exactly one stable
 * matching, and taking the pairs in that order, whenever the student is free and the slot has a
 * seat, finds it. Returns student id → slot id.
 */
export function greedyByPairs(
  students: Student[],
  slots: Slot[],
  options: MatchOptions,
): Map<string, string> {
  const o = resolveOptions(options);
  const pairs: { s: number; j: number; micro: number }[] = [];
  students.forEach((st, s) =>
    slots.forEach((slot, j) => {
      const micro = slot.capacity > 0 ? scoreResolved(st, slot, o) : 0;
      if (micro > 0) pairs.push({ s, j, micro });
    }),
  );
  const lottery = students.map((st) => hashString(o.seed, st.id));
  pairs.sort(
    (a, b) =>
      b.micro - a.micro ||
      a.j - b.j ||
      (students[b.s].priority ?? 0) - (students[a.s].priority ?? 0) ||
      lottery[a.s] - lottery[b.s] ||
      a.s - b.s,
  );
  const seats = slots.map((slot) => slot.capacity);
  const slotOf = new Map<string, string>();
  for (const { s, j } of pairs) {
    if (slotOf.has(students[s].id) || seats[j] === 0) continue;
    seats[j]--;
    slotOf.set(students[s].id, slots[j].id);
  }
  return slotOf;
}

/** Exhaustive best total (in millionths), optionally lexicographic on the count first. */
export function bruteForceOptimum(
  students: Student[],
  slots: Slot[],
  options: MatchOptions,
): { total: number; matched: number } {
  const lists = students.map((st) => naiveList(st, slots, options));
  const left = new Map(slots.map((x) => [x.id, x.capacity]));
  let best = { total: 0, matched: 0 };
  const better = (t: number, m: number) =>
    options.maximizeMatchedFirst
      ? m > best.matched || (m === best.matched && t > best.total)
      : t > best.total;
  const go = (i: number, total: number, matched: number) => {
    if (i === students.length) {
      if (better(total, matched)) best = { total, matched };
      return;
    }
    go(i + 1, total, matched);
    for (const { slot, micro } of lists[i]) {
      const l = left.get(slot.id)!;
      if (l <= 0) continue;
      left.set(slot.id, l - 1);
      go(i + 1, total + micro, matched + 1);
      left.set(slot.id, l);
    }
  };
  go(0, 0, 0);
  return best;
}

/**
 * An independent exact solver for medium instances: min-cost flow on an explicit residual graph
 * with Bellman–Ford (no potentials, no heap), augmenting while a path has positive gain.
 */
export function flowOptimum(students: Student[], slots: Slot[], options: MatchOptions): number {
  const lists = students.map((st) => naiveList(st, slots, options));
  const S = students.length;
  const J = slots.length;
  const source = S + J;
  const sink = source + 1;
  const n = sink + 1;
  const to: number[] = [];
  const cap: number[] = [];
  const cost: number[] = [];
  const adj: number[][] = Array.from({ length: n }, () => []);
  const edge = (u: number, v: number, c: number, w: number) => {
    adj[u].push(to.length);
    to.push(v);
    cap.push(c);
    cost.push(w);
    adj[v].push(to.length);
    to.push(u);
    cap.push(0);
    cost.push(-w);
  };
  const slotIdx = new Map(slots.map((x, j) => [x.id, j]));
  students.forEach((_, i) => edge(source, i, 1, 0));
  lists.forEach((list, i) =>
    list.forEach(({ slot, micro }) => edge(i, S + slotIdx.get(slot.id)!, 1, -micro)),
  );
  slots.forEach((x, j) => edge(S + j, sink, Math.max(0, x.capacity), 0));
  let total = 0;
  for (;;) {
    const dist = new Array<number>(n).fill(Infinity);
    const via = new Array<number>(n).fill(-1);
    dist[source] = 0;
    for (let round = 0; round < n; round++) {
      let changed = false;
      for (let u = 0; u < n; u++) {
        if (dist[u] === Infinity) continue;
        for (const e of adj[u]) {
          if (cap[e] > 0 && dist[u] + cost[e] < dist[to[e]]) {
            dist[to[e]] = dist[u] + cost[e];
            via[to[e]] = e;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    if (!(dist[sink] < 0)) return total;
    for (let v = sink; v !== source; v = to[via[v] ^ 1]) {
      cap[via[v]]--;
      cap[via[v] ^ 1]++;
    }
    total -= dist[sink];
  }
}

/**
 * The closest slot named in a no_eligible_slot reason: among the slots on the student's own list
 * or, without one, the slots of their region group (by policy) requiring a unit they hold, the
 * one meeting the largest share of its requirement weight (weights of 0 or less count as 1e-9;
 * a slot requiring nothing meets all of it), the first of the slots' order on ties; its heaviest
 * unmet requirement (the first on ties) and the level held of that unit.
 */
export function naiveClosest(
  st: Student,
  slots: Slot[],
  options: MatchOptions,
): { closestSlotId?: string; missingUnit?: string; missingMinLevel?: number; heldLevel?: number } {
  const policy = resolveOptions(options).policy;
  const weight = (w: number | undefined) => ((w ?? 1) > 0 ? (w ?? 1) : 1e-9);
  const level = (unit: string) => st.units[unit] ?? 0;
  const sameGroup = (slot: Slot) =>
    policy === 'same_region'
      ? slot.regionCode === st.regionCode
      : policy === 'same_province'
        ? slot.regionCode.slice(0, 2) === st.regionCode.slice(0, 2)
        : true;
  const considered = (slot: Slot) =>
    st.preferences
      ? st.preferences.includes(slot.id)
      : sameGroup(slot) && slot.requirements.some((r) => r.unit in st.units);
  let best: Slot | undefined;
  let bestShare = -1;
  for (const slot of slots) {
    if (!considered(slot)) continue;
    const total = slot.requirements.reduce((sum, r) => sum + weight(r.weight), 0);
    const met = slot.requirements.reduce(
      (sum, r) => sum + (level(r.unit) >= r.minLevel ? weight(r.weight) : 0),
      0,
    );
    const share = total > 0 ? met / total : 1;
    if (share > bestShare) {
      best = slot;
      bestShare = share;
    }
  }
  if (!best) return {};
  const unmet = best.requirements.filter((r) => level(r.unit) < r.minLevel);
  const heaviest = unmet.reduce<(typeof unmet)[number] | undefined>(
    (h, r) => (h === undefined || weight(r.weight) > weight(h.weight) ? r : h),
    undefined,
  );
  if (!heaviest) return { closestSlotId: best.id };
  return {
    closestSlotId: best.id,
    missingUnit: heaviest.unit,
    missingMinLevel: heaviest.minLevel,
    heldLevel: level(heaviest.unit),
  };
}
