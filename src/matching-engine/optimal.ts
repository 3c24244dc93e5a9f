import type { Candidates } from './candidates';
import type { Compiled } from './compile';
import type { Holding } from './stable';

/**
 * Exact capacitated maximum-weight matching by successive shortest paths with potentials
 * (the Hungarian method, sparse, one student at a time).
 *
 * Dual view: every student has a surplus a ≥ 0 and every slot a price p ≥ 0 with
 * a + p ≥ w on every eligible pair, equality on matched pairs, a = 0 when unmatched and p = 0
 * while a slot has a free seat. Each student is "unmatched" by a private dummy of weight 0, so
 * adding a student is one Dijkstra over reduced costs a + p − w ≥ 0 that stops at the first free
 * seat or dummy; only the nodes it settled change their duals. Weights are integers (scores in
 * millionths), so every distance is an exact integer in a double and the optimum is exact.
 *
 * With `maximizeMatchedFirst` every real pair gets a bonus larger than any total score
 * difference, which makes the objective lexicographic (count, then fit); duals stay bounded by
 * about two edge weights, so the bonus still fits exactly.
 */
export function maxWeightMatching(c: Compiled, cand: Candidates, order?: Int32Array): Holding {
  const { nS, nJ, mem } = c;
  const start = cand.start;
  const cs = cand.slot;
  let bonus = 0;
  if (c.o.maximizeMatchedFirst) {
    let maxW = 0;
    for (let e = 0; e < cand.micro.length; e++) if (cand.micro[e] > maxW) maxW = cand.micro[e];
    bonus = (Math.min(nS, cand.micro.length) + 1) * (maxW + 1);
  }
  const w = mem.float64(cand.micro.length);
  for (let e = 0; e < w.length; e++) w[e] = cand.micro[e] + bonus;

  const cap = mem.int32(nJ);
  const seatOff = mem.int32(nJ + 1);
  for (let j = 0; j < nJ; j++) {
    cap[j] = c.jCap[j] < cand.degree[j] ? c.jCap[j] : cand.degree[j];
    seatOff[j + 1] = seatOff[j] + cap[j];
  }
  const seat = mem.int32(seatOff[nJ]);
  const load = mem.int32(nJ);
  const seatPos = mem.int32(nS);
  const slotOf = mem.int32(nS).fill(-1);
  const edgeOf = mem.int32(nS).fill(-1);
  const a = mem.float64(nS);
  const p = mem.float64(nJ);

  // Dijkstra state, reset through the touched lists after each search. A settled slot's dist
  // is -Infinity, so the scan of a row needs no other test to pass it by (a row's own slot is
  // always settled); its distance is kept in settledDist.
  const dist = mem.float64(nJ).fill(Infinity);
  const viaRow = mem.int32(nJ);
  const viaEdge = mem.int32(nJ);
  const touched = mem.int32(nJ);
  const settled = mem.int32(nJ);
  const settledDist = mem.float64(nJ);
  const rows = mem.int32(nS);
  const rowDist = mem.float64(nS);
  let heapKey = mem.float64(1024);
  let heapNode = mem.int32(1024);

  const assign = (k: number, j: number, e: number) => {
    seatPos[k] = seatOff[j] + load[j];
    seat[seatOff[j] + load[j]++] = k;
    slotOf[k] = j;
    edgeOf[k] = e;
  };
  const unassign = (k: number) => {
    const j = slotOf[k];
    const last = seatOff[j] + --load[j];
    const at = seatPos[k];
    seat[at] = seat[last];
    seatPos[seat[at]] = at;
    slotOf[k] = -1;
    edgeOf[k] = -1;
  };

  let nTouched = 0;
  let nRows = 0;
  /** the cheapest way found so far to finish the current search (see below) */
  let bestD = 0;
  let heapSize = 0;
  const heapPush = (key: number, node: number) => {
    if (heapSize === heapKey.length) {
      const k2 = mem.float64(heapSize * 2);
      k2.set(heapKey);
      heapKey = k2;
      const n2 = mem.int32(heapSize * 2);
      n2.set(heapNode);
      heapNode = n2;
    }
    let x = heapSize++;
    while (x > 0) {
      const parent = (x - 1) >> 1;
      if (heapKey[parent] <= key) break;
      heapKey[x] = heapKey[parent];
      heapNode[x] = heapNode[parent];
      x = parent;
    }
    heapKey[x] = key;
    heapNode[x] = node;
  };
  const relaxRow = (k: number, d: number) => {
    rows[nRows] = k;
    rowDist[nRows++] = d;
    const dk = d + a[k];
    for (let e = start[k], end = start[k + 1]; e < end; e++) {
      // A row's edges come best first and prices are never negative: once the weight alone
      // cannot bring a slot within the cheapest finish found, no later edge can.
      if (dk - w[e] > bestD) break;
      const j = cs[e];
      const nd = dk + p[j] - w[e];
      if (nd < dist[j]) {
        if (dist[j] === Infinity) touched[nTouched++] = j;
        dist[j] = nd;
        viaRow[j] = k;
        viaEdge[j] = e;
        heapPush(nd, j);
      }
    }
  };
  for (let idx = 0; idx < nS; idx++) {
    const i = order ? order[idx] : idx;
    if (start[i] === start[i + 1]) continue;
    let best = 0;
    for (let e = start[i]; e < start[i + 1]; e++) {
      const v = w[e] - p[cs[e]];
      if (v > best) best = v;
    }
    a[i] = best;
    nTouched = 0;
    nRows = 0;
    heapSize = 0;
    let nSettled = 0;
    // The cheapest way found so far to finish: a free seat (target >= 0) or a row's dummy.
    bestD = a[i];
    let dummyRow = i;
    let target = -1;
    relaxRow(i, 0);
    while (heapSize > 0) {
      const d = heapKey[0];
      const j = heapNode[0];
      // pop
      const lastKey = heapKey[--heapSize];
      const lastNode = heapNode[heapSize];
      let x = 0;
      for (;;) {
        let m = 2 * x + 1;
        if (m >= heapSize) break;
        if (m + 1 < heapSize && heapKey[m + 1] < heapKey[m]) m++;
        if (heapKey[m] >= lastKey) break;
        heapKey[x] = heapKey[m];
        heapNode[x] = heapNode[m];
        x = m;
      }
      heapKey[x] = lastKey;
      heapNode[x] = lastNode;
      if (d > dist[j]) continue;
      if (d > bestD) break;
      if (load[j] < cap[j]) {
        // Ties go to the real seat: same total, one more student placed.
        target = j;
        bestD = d;
        break;
      }
      if (d === bestD) break;
      settledDist[nSettled] = d;
      settled[nSettled++] = j;
      dist[j] = -Infinity;
      for (let q = seatOff[j], end = seatOff[j] + load[j]; q < end; q++) {
        const k = seat[q];
        if (d + a[k] < bestD) {
          bestD = d + a[k];
          dummyRow = k;
        }
        relaxRow(k, d);
      }
    }
    const D = bestD;
    // Duals: settled slots rise by what they were short of D, reached rows fall by the same.
    for (let q = 0; q < nSettled; q++) {
      const j = settled[q];
      p[j] += D - settledDist[q];
    }
    for (let q = 0; q < nRows; q++) a[rows[q]] -= D - rowDist[q];
    // Augment backwards along the alternating path.
    let col: number;
    if (target >= 0) {
      col = target;
    } else {
      col = slotOf[dummyRow];
      if (dummyRow !== i) unassign(dummyRow);
      a[dummyRow] = 0;
    }
    while (col >= 0) {
      const k = viaRow[col];
      const e = viaEdge[col];
      const from = slotOf[k];
      if (from >= 0) unassign(k);
      assign(k, col, e);
      col = k === i ? -1 : from;
    }
    for (let q = 0; q < nTouched; q++) dist[touched[q]] = Infinity;
  }
  // Edges become ranks: an edge's place in its student's list.
  for (let s = 0; s < nS; s++) if (edgeOf[s] >= 0) edgeOf[s] -= start[s];
  return { slotOf, entryOf: edgeOf };
}

/**
 * Students ordered by connected part of the eligibility graph (union–find over slots). The
 * parts are independent problems; solving them one after another keeps each search's working
 * set small and, under a regional policy, is exactly the per-region decomposition.
 */
export function componentOrder(
  c: Compiled,
  cand: Candidates,
): { order: Int32Array; components: number } {
  const mem = c.mem;
  const parent = mem.int32(c.nJ);
  for (let j = 0; j < c.nJ; j++) parent[j] = j;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let s = 0; s < c.nS; s++) {
    const e0 = cand.start[s];
    for (let e = e0 + 1; e < cand.start[s + 1]; e++) {
      const x = find(cand.slot[e0]);
      const y = find(cand.slot[e]);
      if (x !== y) parent[x < y ? y : x] = x < y ? x : y;
    }
  }
  const count = mem.int32(c.nJ + 1);
  const root = mem.int32(c.nS).fill(-1);
  let components = 0;
  const seen = mem.uint8(c.nJ);
  for (let s = 0; s < c.nS; s++) {
    if (cand.start[s] === cand.start[s + 1]) continue;
    root[s] = find(cand.slot[cand.start[s]]);
    if (!seen[root[s]]) {
      seen[root[s]] = 1;
      components++;
    }
    count[root[s] + 1]++;
  }
  for (let j = 0; j < c.nJ; j++) count[j + 1] += count[j];
  const order = mem.int32(count[c.nJ]);
  const from = mem.int32Copy(count);
  for (let s = 0; s < c.nS; s++) if (root[s] >= 0) order[count[root[s]]++] = s;
  // Within a part, students with the shortest lists first: each search then meets fewer
  // students who could move elsewhere (on Banten's instance, a fifth of the edges scanned in
  // index order). The order changes the time, never the total, though it may pick another of
  // several optimal matchings.
  const key = mem.float64(order.length);
  for (let q = 0; q < order.length; q++) {
    const s = order[q];
    key[q] = (cand.start[s + 1] - cand.start[s]) * c.nS + s;
  }
  for (let j = 0; j < c.nJ; j++) {
    if (count[j] - from[j] < 2) continue;
    const part = key.subarray(from[j], count[j]).sort();
    for (let q = 0; q < part.length; q++) order[from[j] + q] = part[q] % c.nS;
  }
  return { order, components };
}
