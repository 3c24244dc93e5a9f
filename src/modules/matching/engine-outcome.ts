import type { MatchResult, MatchStats } from '../../matching-engine';

/** The unmatched reasons' codes, numbered in this order in `EngineOutcome.unmatched.code`. */
const REASON_CODES = ['no_eligible_slot', 'outranked'] as const;

/**
 * Rows' texts joined into a few long strings (a few copies to clone, not a million): part k
 * holds rows first[k] to first[k + 1] - 1, and row i's text is from end[i - 1] (0 for its part's
 * first row) to end[i] of its part. A part ends before it would pass PART_CHARS: V8 caps a
 * string at about 2^29 characters, and a national round's reasons alone are about 2^28.
 */
export interface TextColumn {
  parts: string[];
  first: number[];
  end: Int32Array;
}

/** The most characters a TextColumn's part holds (but for a row longer on its own). */
export const PART_CHARS = 1 << 27;

/**
 * The engine's result as the round's writer reads it, made where the engine ran: ids as the
 * database's numbers, each explanation and reason already the JSON text its row stores. Every
 * part is a typed array, moved out of the engine's thread rather than copied: a million result
 * objects are cloned one by one, which cost more than the matching itself.
 */
export interface EngineOutcome {
  stats: MatchStats;
  proposals: {
    student: Float64Array;
    slot: Float64Array;
    score: Float64Array;
    /** NaN where the engine gave no rank */
    rank: Float64Array;
    explanation: TextColumn;
  };
  unmatched: {
    student: Float64Array;
    /** the slot the reason names (first choice, or closest slot), NaN for none */
    slot: Float64Array;
    code: Uint8Array;
    reason: TextColumn;
  };
}

export function outcomeOf(result: MatchResult, partChars = PART_CHARS): EngineOutcome {
  const { assignments, unmatched } = result;
  const proposals = {
    student: new Float64Array(assignments.length),
    slot: new Float64Array(assignments.length),
    score: new Float64Array(assignments.length),
    rank: new Float64Array(assignments.length),
    explanation: textColumn(jsonOf(assignments.map((a) => a.explanation)), partChars),
  };
  assignments.forEach((a, i) => {
    proposals.student[i] = Number(a.studentId);
    proposals.slot[i] = Number(a.slotId);
    proposals.score[i] = a.score;
    proposals.rank[i] = a.rank ?? NaN;
  });
  const left = {
    student: new Float64Array(unmatched.length),
    slot: new Float64Array(unmatched.length),
    code: new Uint8Array(unmatched.length),
    reason: textColumn(jsonOf(unmatched.map((u) => u.reason)), partChars),
  };
  unmatched.forEach((u, i) => {
    const { reason } = u;
    left.student[i] = Number(u.studentId);
    left.code[i] = REASON_CODES.indexOf(reason.code);
    left.slot[i] =
      reason.code === 'outranked'
        ? Number(reason.slotId)
        : reason.closestSlotId
          ? Number(reason.closestSlotId)
          : NaN;
  });
  return { stats: result.stats, proposals, unmatched: left };
}

/** The buffers to move with an outcome (postMessage's transfer list). */
export function outcomeTransferables(outcome: EngineOutcome): ArrayBuffer[] {
  const { proposals: p, unmatched: u } = outcome;
  return [
    p.student,
    p.slot,
    p.score,
    p.rank,
    p.explanation.end,
    u.student,
    u.slot,
    u.code,
    u.reason.end,
  ].map((array) => array.buffer as ArrayBuffer);
}

export function reasonCode(outcome: EngineOutcome, i: number): string {
  return REASON_CODES[outcome.unmatched.code[i]];
}

/** Row i's text. */
export function textAt(column: TextColumn, i: number): string {
  const { parts, first, end } = column;
  let k = parts.length - 1;
  while (first[k] > i) k--;
  return parts[k].slice(i === first[k] ? 0 : end[i - 1], end[i]);
}

/**
 * Each value's JSON text. A value the engine shares between rows is frozen (a no_eligible_slot
 * reason: at national scale ~160,000 distinct ones among ~460,000 rows): its text is made once.
 */
function jsonOf(values: readonly object[]): string[] {
  const shared = new Map<object, string>();
  return values.map((value) => {
    if (!Object.isFrozen(value)) return JSON.stringify(value);
    let text = shared.get(value);
    if (text === undefined) shared.set(value, (text = JSON.stringify(value)));
    return text;
  });
}

function textColumn(texts: string[], partChars: number): TextColumn {
  const end = new Int32Array(texts.length);
  const parts: string[] = [];
  const first: number[] = [];
  let from = 0;
  let chars = 0;
  for (let i = 0; i < texts.length; i++) {
    const n = texts[i].length;
    if (i > from && chars + n > partChars) {
      parts.push(texts.slice(from, i).join(''));
      first.push(from);
      from = i;
      chars = 0;
    }
    chars += n;
    end[i] = chars;
  }
  parts.push((from === 0 ? texts : texts.slice(from)).join(''));
  first.push(from);
  return { parts, first, end };
}
