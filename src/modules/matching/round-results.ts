import { hash } from 'node:crypto';
import { EngineOutcome, reasonCode, textAt } from './engine-outcome';
import type { LoadedRound } from './round-loader';

/** A completed round's summary (matching_runs.stats), the same whether it ran whole or in parts. */
export interface RoundStats {
  students: number;
  eligible: number;
  matched: number;
  unmatched: number;
  averageScore: number;
  averageRank: number;
  stable: boolean;
  /** student–slot pairs that would both rather be together: 0 for a stable result, checked */
  blockingPairs: number;
  unmatchedByReason: Record<string, number>;
  perRegion: { regionCode: string; students: number; matched: number; averageScore: number }[];
  /** Of every proposal and unmatched row (run id aside): equal digests, equal results. */
  digest: string;
}

/**
 * What one part of a round (or a whole round) adds to the round's stats: counts and integer
 * sums only, so that the parts of a split round add up to exactly what the whole would give.
 */
export interface RoundTally {
  students: number;
  /** Students handed to the engine (the too young are not). */
  engineStudents: number;
  matched: number;
  unmatched: number;
  /** Sum of the matched scores in millionths (the engine's own unit: exact integers). */
  scoreMicro: number;
  rankSum: number;
  stable: boolean;
  blockingPairs: number;
  unmatchedByReason: Record<string, number>;
  perRegion: Record<string, { students: number; matched: number; scoreMicro: number }>;
  /** Sum modulo 2^128 of each row's hash, as 32 hex digits: the order rows come in is irrelevant. */
  digest: string;
}

const DIGEST_MASK = (1n << 128n) - 1n;

function rowHash(kind: 'p' | 'u', row: unknown[]): bigint {
  // The run id (the row's first value) is left out: two runs with the same result compare equal.
  const text = `${kind}\t${row
    .slice(1)
    .map((v) => (v === null ? '' : String(v as string | number)))
    .join('\t')}`;
  // One call, no Hash object a row: half the time of createHash at 100,000 rows.
  const sha = hash('sha256', text, 'buffer');
  return (sha.readBigUInt64BE(0) << 64n) | sha.readBigUInt64BE(8);
}

/** The digest of several parts' rows taken together: the sum of theirs. */
export function combineDigests(digests: readonly string[]): string {
  let sum = 0n;
  for (const d of digests) {
    sum = (sum + BigInt(`0x${d}`)) & DIGEST_MASK;
  }
  return sum.toString(16).padStart(32, '0');
}

/**
 * Turns the engine's result into the rows matching_proposals and matching_unmatched take
 * ([run, student, slot, school, company, score, rank, explanation] and [run, student, school,
 * reason code, slot, company, reason]), tallying them as they are made.
 */
export class RoundResultRows {
  private digest = 0n;

  private readonly tally: RoundTally;

  constructor(
    private readonly runId: number,
    private readonly loaded: LoadedRound,
    private readonly outcome: EngineOutcome,
  ) {
    const { blockingPairs } = outcome.stats;
    // toEngineOptions asks every round's engine for its certificate: a result without is a bug.
    if (blockingPairs === undefined) throw new Error('the engine result was not certified');
    this.tally = {
      students: loaded.studentInfo.size + loaded.tooYoung.length,
      engineStudents: outcome.stats.students,
      matched: 0,
      unmatched: 0,
      scoreMicro: 0,
      rankSum: 0,
      stable: outcome.stats.stable,
      blockingPairs,
      unmatchedByReason: {},
      perRegion: {},
      digest: '',
    };
    for (const info of loaded.studentInfo.values()) {
      this.region(info.regionCode).students++;
    }
    for (const s of loaded.tooYoung) {
      this.region(s.regionCode).students++;
    }
  }

  get proposalCount(): number {
    return this.outcome.proposals.student.length;
  }

  /** Proposal rows [from, to) of the result's assignments. */
  proposals(from: number, to: number): unknown[][] {
    const rows: unknown[][] = [];
    for (let i = from; i < Math.min(to, this.proposalCount); i++) rows.push(this.proposal(i));
    return rows;
  }

  /** The engine's unmatched rows, then the students too young to take part. */
  get unmatchedCount(): number {
    return this.outcome.unmatched.student.length + this.loaded.tooYoung.length;
  }

  /** Unmatched rows [from, to): a batch at a time, so that no row is made long before it is written. */
  unmatched(from: number, to: number): unknown[][] {
    const rows: unknown[][] = [];
    for (let i = from; i < Math.min(to, this.unmatchedCount); i++) {
      const row = this.unmatchedRow(i);
      const code = row[3] as string;
      this.tally.unmatched++;
      this.tally.unmatchedByReason[code] = (this.tally.unmatchedByReason[code] ?? 0) + 1;
      this.digest = (this.digest + rowHash('u', row)) & DIGEST_MASK;
      rows.push(row);
    }
    return rows;
  }

  /** The tally, once every row has been made. */
  finish(): RoundTally {
    return { ...this.tally, digest: this.digest.toString(16).padStart(32, '0') };
  }

  private unmatchedRow(i: number): unknown[] {
    const { runId, loaded, outcome } = this;
    const { unmatched } = outcome;
    if (i >= unmatched.student.length) {
      const s = loaded.tooYoung[i - unmatched.student.length];
      return [
        runId,
        s.id,
        s.schoolId,
        'too_young',
        null,
        null,
        JSON.stringify({
          code: 'too_young',
          message: 'Under 17, or under 18 without parental consent (Permenaker 6/2020)',
        }),
      ];
    }
    const studentId = unmatched.student[i];
    const slotId = Number.isNaN(unmatched.slot[i]) ? null : unmatched.slot[i];
    return [
      runId,
      studentId,
      loaded.studentInfo.get(studentId)?.schoolId ?? 0,
      reasonCode(outcome, i),
      slotId,
      slotId === null ? null : (loaded.slotCompany.get(slotId) ?? null),
      textAt(unmatched.reason, i),
    ];
  }

  private proposal(i: number): unknown[] {
    const p = this.outcome.proposals;
    const studentId = p.student[i];
    const slotId = p.slot[i];
    const score = p.score[i];
    const rank = Number.isNaN(p.rank[i]) ? null : p.rank[i];
    const info = this.loaded.studentInfo.get(studentId);
    const row = [
      this.runId,
      studentId,
      slotId,
      info?.schoolId ?? 0,
      this.loaded.slotCompany.get(slotId) ?? 0,
      score.toFixed(6),
      rank,
      textAt(p.explanation, i),
    ];
    const micro = Math.round(score * 1_000_000);
    this.tally.matched++;
    this.tally.scoreMicro += micro;
    this.tally.rankSum += rank ?? 0;
    const region = this.region(info?.regionCode ?? '');
    region.matched++;
    region.scoreMicro += micro;
    this.digest = (this.digest + rowHash('p', row)) & DIGEST_MASK;
    return row;
  }

  private region(code: string): RoundTally['perRegion'][string] {
    let entry = this.tally.perRegion[code];
    if (!entry) {
      entry = { students: 0, matched: 0, scoreMicro: 0 };
      this.tally.perRegion[code] = entry;
    }
    return entry;
  }
}

/** A round's stats from the tallies of its parts (one for a round run whole). */
export function statsOf(tallies: readonly RoundTally[]): RoundStats {
  const sum = (pick: (t: RoundTally) => number) => tallies.reduce((n, t) => n + pick(t), 0);
  const unmatchedByReason: Record<string, number> = {};
  const regions = new Map<string, { students: number; matched: number; scoreMicro: number }>();
  for (const t of tallies) {
    for (const [code, n] of Object.entries(t.unmatchedByReason)) {
      unmatchedByReason[code] = (unmatchedByReason[code] ?? 0) + n;
    }
    for (const [code, r] of Object.entries(t.perRegion)) {
      const entry = regions.get(code) ?? { students: 0, matched: 0, scoreMicro: 0 };
      entry.students += r.students;
      entry.matched += r.matched;
      entry.scoreMicro += r.scoreMicro;
      regions.set(code, entry);
    }
  }
  const matched = sum((t) => t.matched);
  const scoreMicro = sum((t) => t.scoreMicro);
  const rankSum = sum((t) => t.rankSum);
  // As the engine computes its averages (to 6 places), then to 4 for the summary.
  const averageScore = matched ? round6(scoreMicro / 1_000_000 / matched) : 0;
  const averageRank = matched ? round6(rankSum / matched) : 0;
  return {
    students: sum((t) => t.students),
    eligible: sum((t) => t.engineStudents) - (unmatchedByReason.no_eligible_slot ?? 0),
    matched,
    unmatched: sum((t) => t.unmatched),
    averageScore: round4(averageScore),
    averageRank: round4(averageRank),
    stable: tallies.every((t) => t.stable),
    // Parts are independent (round-parts.rules.ts): no pair spans two, so theirs add up.
    blockingPairs: sum((t) => t.blockingPairs),
    unmatchedByReason: Object.fromEntries(
      Object.entries(unmatchedByReason).sort(([a], [b]) => (a < b ? -1 : 1)),
    ),
    perRegion: [...regions.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([regionCode, r]) => ({
        regionCode,
        students: r.students,
        matched: r.matched,
        averageScore: r.matched === 0 ? 0 : round4(r.scoreMicro / 1_000_000 / r.matched),
      })),
    digest: combineDigests(tallies.map((t) => t.digest)),
  };
}

function round6(value: number): number {
  return Math.round(value * 1_000_000) / 1_000_000;
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
