import { Candidates, loadStudent, newProbe, Probe, relation } from './candidates';
import type { Compiled } from './compile';
import type { Holding } from './stable';
import { levelQuality, REGION_PROVINCE, REGION_SAME, SCORE_SCALE } from './score';
import type {
  Assignment,
  AssignmentExplanation,
  MatchResult,
  RequirementMet,
  Unmatched,
  UnmatchedReason,
} from './types';

const round6 = (x: number) => Math.round(x * SCORE_SCALE) / SCORE_SCALE;

function explainAssignment(
  c: Compiled,
  s: number,
  j: number,
  rank: number,
  listLength: number,
): AssignmentExplanation {
  const units = c.students[s].units;
  const met: RequirementMet[] = [];
  let sumW = 0;
  let acc = 0;
  for (let r = c.jReqStart[j]; r < c.jReqStart[j + 1]; r++) {
    const unit = c.unitCodes[c.jReqUnit[r]];
    const level = units[unit];
    met.push({ unit, minLevel: c.jReqMin[r], level });
    sumW += c.jReqWeight[r];
    acc += c.jReqWeight[r] * levelQuality(level, c.jReqMin[r]);
  }
  const rel = relation(c, s, j);
  const reg = rel === REGION_SAME ? 1 : rel === REGION_PROVINCE ? 0.5 : 0;
  const total = c.o.wc + c.o.wr;
  return {
    met,
    region:
      rel === REGION_SAME ? 'same_region' : rel === REGION_PROVINCE ? 'same_province' : 'other',
    regionEffect: round6((c.o.wr * reg) / total),
    competency: round6(sumW > 0 ? acc / sumW : 1),
    studentRank: rank,
    listLength,
  };
}

/** Slots grouped by every unit they require, per region group, for "closest slot" look-ups. */
interface UnitIndex {
  start: Int32Array;
  slot: Int32Array;
}

function groupOf(c: Compiled, isStudent: boolean, x: number): number {
  const p = c.o.policy;
  if (p === 'same_region') return isStudent ? c.sRegion[x] : c.jRegion[x];
  if (p === 'same_province') return isStudent ? c.sProvince[x] : c.jProvince[x];
  return 0;
}

function buildUnitIndex(c: Compiled): UnitIndex {
  const groups =
    c.o.policy === 'same_region'
      ? c.regionCount
      : c.o.policy === 'same_province'
        ? c.provinceCount
        : 1;
  const start = new Int32Array(groups * c.nU + 1);
  for (let j = 0; j < c.nJ; j++) {
    for (let r = c.jReqStart[j]; r < c.jReqStart[j + 1]; r++)
      start[groupOf(c, false, j) * c.nU + c.jReqUnit[r] + 1]++;
  }
  for (let i = 1; i < start.length; i++) start[i] += start[i - 1];
  const fill = start.slice();
  const slot = new Int32Array(start[start.length - 1]);
  for (let j = 0; j < c.nJ; j++) {
    for (let r = c.jReqStart[j]; r < c.jReqStart[j + 1]; r++)
      slot[fill[groupOf(c, false, j) * c.nU + c.jReqUnit[r]]++] = j;
  }
  return { start, slot };
}

/**
 * The slot a student came closest to: largest share of requirement weight met, lower index on
 * ties; `missing` is its heaviest unmet requirement (-1 when all are met). No allocation per
 * slot, since this runs for every student with an empty list.
 */
function closest(c: Compiled, slots: ArrayLike<number>, from: number, to: number, probe: Probe, out: Int32Array): void {
  let best = -1;
  let bestShare = -1;
  let bestMissing = -1;
  for (let k = from; k < to; k++) {
    const j = slots[k];
    let sumW = 0;
    let metW = 0;
    let missing = -1;
    for (let r = c.jReqStart[j]; r < c.jReqStart[j + 1]; r++) {
      const w = c.jReqWeight[r] > 0 ? c.jReqWeight[r] : 1e-9;
      sumW += w;
      if (probe.level[c.jReqUnit[r]] >= c.jReqMin[r]) metW += w;
      else if (missing < 0 || w > c.jReqWeight[missing]) missing = r;
    }
    const share = sumW > 0 ? metW / sumW : 1;
    if (share > bestShare || (share === bestShare && j < best)) {
      best = j;
      bestShare = share;
      bestMissing = missing;
    }
  }
  if (best >= 0 && (out[0] < 0 || bestShare > out[2] / 1e9 || (bestShare * 1e9 === out[2] && best < out[0]))) {
    out[0] = best;
    out[1] = bestMissing;
    out[2] = Math.round(bestShare * 1e9);
  }
}

function noEligible(c: Compiled, s: number, probe: Probe, index: () => UnitIndex): UnmatchedReason {
  loadStudent(c, s, probe);
  const prefs = c.students[s].preferences;
  const found = new Int32Array([-1, -1, -1]);
  if (prefs) {
    const listed: number[] = [];
    for (const id of prefs) {
      const j = c.slotIndex.get(id);
      if (j !== undefined) listed.push(j);
    }
    closest(c, listed, 0, listed.length, probe, found);
  } else {
    const idx = index();
    const g = groupOf(c, true, s);
    for (let i = 0; i < probe.heldCount; i++) {
      const b = g * c.nU + probe.held[i];
      closest(c, idx.slot, idx.start[b], idx.start[b + 1], probe, found);
    }
  }
  const best = found[0];
  const bestMissing = found[1];
  if (best < 0) {
    return {
      code: 'no_eligible_slot',
      message: 'no open slot within the region policy requires any unit this student holds',
    };
  }
  const slotId = c.slots[best].id;
  if (bestMissing < 0) {
    // Every unit met: what excluded it was the programme, the region or a zero capacity.
    const why =
      c.jCap[best] <= 0 ? 'it has no capacity' : 'the programme or region is not accepted';
    return {
      code: 'no_eligible_slot',
      closestSlotId: slotId,
      message: `closest slot ${slotId} meets every unit but ${why}`,
    };
  }
  const unit = c.unitCodes[c.jReqUnit[bestMissing]];
  const held = probe.level[c.jReqUnit[bestMissing]];
  const min = c.jReqMin[bestMissing];
  return {
    code: 'no_eligible_slot',
    closestSlotId: slotId,
    missingUnit: unit,
    missingMinLevel: min,
    heldLevel: held,
    message: `closest slot ${slotId} needs ${unit} at level ${min}, the student holds level ${held}`,
  };
}

export function buildResult(
  c: Compiled,
  cand: Candidates,
  h: Holding,
  mode: 'stable' | 'optimal',
): MatchResult {
  const { nS, nJ } = c;
  const assignments: Assignment[] = [];
  const unmatched: Unmatched[] = [];
  const lowest = new Int32Array(nJ).fill(SCORE_SCALE + 1);
  let total = 0;
  let rankSum = 0;
  for (let s = 0; s < nS; s++) {
    const j = h.slotOf[s];
    if (j < 0) continue;
    const e = h.edgeOf[s];
    const micro = cand.micro[e];
    if (micro < lowest[j]) lowest[j] = micro;
    const rank = e - cand.start[s] + 1;
    total += micro;
    rankSum += rank;
    assignments.push({
      studentId: c.students[s].id,
      slotId: c.slots[j].id,
      score: micro / SCORE_SCALE,
      rank,
      explanation: explainAssignment(c, s, j, rank, cand.start[s + 1] - cand.start[s]),
    });
  }
  const probe = newProbe(c);
  let unitIndex: UnitIndex | undefined;
  const index = () => (unitIndex ??= buildUnitIndex(c));
  for (let s = 0; s < nS; s++) {
    if (h.slotOf[s] >= 0) continue;
    const first = cand.start[s];
    const count = cand.start[s + 1] - first;
    let reason: UnmatchedReason;
    if (count === 0) {
      reason = noEligible(c, s, probe, index);
    } else {
      const j = cand.slot[first];
      const cutoff = lowest[j] <= SCORE_SCALE ? lowest[j] / SCORE_SCALE : 0;
      const by =
        mode === 'stable' ? 'students it ranks higher' : 'an assignment of greater total fit';
      reason = {
        code: 'outranked',
        slotId: c.slots[j].id,
        cutoffScore: cutoff,
        score: cand.micro[first] / SCORE_SCALE,
        eligibleSlots: count,
        message: `all ${count} eligible slot(s) are filled by ${by}; first choice ${c.slots[j].id} admitted down to score ${cutoff}`,
      };
    }
    unmatched.push({ studentId: c.students[s].id, reason });
  }
  let seats = 0;
  for (let j = 0; j < nJ; j++) seats += c.jCap[j];
  const matched = assignments.length;
  return {
    assignments,
    unmatched,
    stats: {
      mode,
      stable: mode === 'stable',
      students: nS,
      slots: nJ,
      seats,
      eligiblePairs: cand.slot.length,
      matched,
      unmatched: unmatched.length,
      totalScore: total / SCORE_SCALE,
      averageScore: matched ? round6(total / SCORE_SCALE / matched) : 0,
      averageRank: matched ? round6(rankSum / matched) : 0,
    },
  };
}
