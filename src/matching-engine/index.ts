import { blockingPairsOf } from './blocking';
import { buildCandidates } from './candidates';
import { compile, Compiled, compilePacked } from './compile';
import { heldMicros, MatchRows, placedEntries, resultRows } from './explain';
import { candidateLists, CandidateLists, WholeLists } from './lists';
import { optionsKey, remember } from './memo';
import { componentOrder, maxWeightMatching } from './optimal';
import type { PackedInput } from './packed';
import { resolveOptions, ResolvedOptions } from './score';
import { deferredAcceptance, Holding } from './stable';
import type { MatchOptions, MatchResult, Slot, Student } from './types';

export * from './types';
export { score } from './score';
export { findBlockingPairs } from './blocking';
export type { MatchRows, RowColumns } from './explain';
export { JsonBytes } from './json-bytes';
export { InputPacker, packInput, slotSizes, transferablesOf } from './packed';
export type { PackedInput, PackSizes } from './packed';

/**
 * Assigns students to slots. `stable`: student-proposing deferred acceptance (no blocking pair,
 * student-optimal, strategy-proof for students). `optimal`: the exact maximum total fit, which
 * may leave blocking pairs (stats.stable is false). Same input and options, same output.
 */
export function match(students: Student[], slots: Slot[], options: MatchOptions): MatchResult {
  const run = solve(options, (o) => compile(students, slots, o), false);
  const result = run.rows.toResult();
  run.lap('result');
  remember(result, {
    students,
    slots,
    optionsKey: optionsKey(options),
    c: run.c,
    lists: run.lists,
    slotOf: run.slotOf,
  });
  return result;
}

/**
 * `match` on input packed by `packInput` (in another thread, say): the same result, as rows
 * made into objects one at a time when read (`MatchRows.toResult` makes them all).
 */
export function matchPacked(input: PackedInput, options: MatchOptions): MatchRows {
  // Nothing keeps the lists for a certificate later: their memory is the rows' spare.
  return solve(options, (o) => compilePacked(input, o), true).rows;
}

function solve(
  options: MatchOptions,
  compileInput: (o: ResolvedOptions) => Compiled,
  /** whether the lists are released once the rows are made (`MatchRows.takeSpare`) */
  releaseLists: boolean,
): {
  rows: MatchRows;
  c: Compiled;
  lists: CandidateLists;
  slotOf: Int32Array;
  /** times a stage after solving (the clock's, if any) */
  lap: (stage: string) => void;
} {
  const o = resolveOptions(options);
  if (o.mode !== 'stable' && o.mode !== 'optimal')
    throw new RangeError(`unknown mode ${String(o.mode)}`);
  if (o.mode === 'optimal' && (Number.isFinite(o.schoolCompanyCap) || options.reserves)) {
    // Both are choice rules of deferred acceptance; a max-weight matching has no such notion.
    throw new RangeError('schoolCompanyCap and reserves apply to stable mode only');
  }
  const clock = options.clock;
  const timings: Record<string, number> = {};
  let last = clock ? clock() : 0;
  const lap = (stage: string) => {
    if (!clock) return;
    const now = clock();
    timings[stage] = now - last;
    last = now;
  };

  const c = compileInput(o);
  lap('compile');
  let lists: CandidateLists;
  let holding: Holding;
  let components: number | undefined;
  if (o.mode === 'stable') {
    // Made as the students go down them: the first scan here, the rest while matching.
    lists = candidateLists(c);
    lap('candidates');
    holding = deferredAcceptance(c, lists);
    lap('matching');
  } else {
    const cand = buildCandidates(c);
    lap('candidates');
    lists = new WholeLists(c, cand);
    const parts = componentOrder(c, cand);
    components = parts.components;
    lap('components');
    holding = maxWeightMatching(c, cand, parts.order);
    lap('matching');
  }
  const micro = heldMicros(c, lists, holding);
  let blockingPairs: number | undefined;
  if (options.certify) {
    blockingPairs = blockingPairsOf(c, lists, holding.slotOf, micro).length;
    lap('certificate');
  }
  const placed = placedEntries(c, lists, holding, micro);
  lists.settle();
  const rows = resultRows(c, lists, holding, placed, o.mode, releaseLists);
  lap('explain');
  if (blockingPairs !== undefined) rows.stats.blockingPairs = blockingPairs;
  if (components !== undefined) rows.stats.components = components;
  if (clock) rows.stats.timings = timings;
  return { rows, c, lists, slotOf: holding.slotOf, lap };
}
