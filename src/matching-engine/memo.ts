import type { Compiled } from './compile';
import type { CandidateLists } from './lists';
import type { MatchOptions, MatchResult, Slot, Student } from './types';

/**
 * The compiled instance and candidate lists behind a result, kept only as long as the result
 * object lives. `findBlockingPairs` on a result straight from `match`, with the same arrays and
 * options, then skips rebuilding them and reads the lists as far as match made them. Inputs are
 * treated as immutable once matched; any other result object is checked from scratch, and a
 * result changed after match is still checked against what it says, not against what match gave.
 * The price: the match's arena (all of its working memory, ~350 MB at national scale) lives as
 * long as the result does.
 */
interface Built {
  students: Student[];
  slots: Slot[];
  optionsKey: string;
  c: Compiled;
  lists: CandidateLists;
  /** the slot index match gave each student (-1: none), checked against each assignment */
  slotOf: Int32Array;
}

const built = new WeakMap<MatchResult, Built>();

export function optionsKey(options: MatchOptions): string {
  const { clock: _clock, ...rest } = options;
  void _clock;
  return JSON.stringify(rest);
}

export function remember(result: MatchResult, entry: Built): void {
  built.set(result, entry);
}

export function recall(
  result: MatchResult,
  students: Student[],
  slots: Slot[],
  options: MatchOptions,
): Built | undefined {
  const hit = built.get(result);
  if (
    !hit ||
    hit.students !== students ||
    hit.slots !== slots ||
    hit.optionsKey !== optionsKey(options)
  )
    return undefined;
  return hit;
}
