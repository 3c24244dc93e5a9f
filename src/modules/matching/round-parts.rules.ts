import type { MatchOptions } from '../../matching-engine';
import type { RunScope } from './matching-run.entity';

/** The key of a round run as one part. */
export const WHOLE_ROUND = 'all';

/** One independently computed part of a round: the students domiciled in these regions. */
export interface RoundPart {
  /** The province code ('32'): the part's name in matching_run_parts and in its job id. */
  key: string;
  /** The scope's regions in that province (where its graduates live when it names none), sorted. */
  regionCodes: string[];
}

/**
 * The parts a round splits into, or one part (`key: 'all'`) when it must run whole.
 *
 * Under the same-province and same-region policies a student is eligible only for slots of
 * their own province, so the students and slots of two provinces never meet: a province's
 * result (stable or optimal) depends on that province's rows alone, and the round's result is
 * the union of its provinces' results (round-parts.rules.spec.ts checks this against the engine
 * on random instances). Every other rule of the engine is per slot or per student (reserves,
 * maxPreferences, explicit lists and rankings, the seeded lottery, whose order within a subset
 * is the subset of the whole's order). These keep a round whole:
 * - a policy that lets students cross provinces (prefer_same, any);
 * - schoolCompanyCap, which counts a school's students per company across all of the company's
 *   slots, wherever the students live and the slots lie;
 * - a cohort's round: a few hundred students at most, where parts would only add jobs;
 * - a scope in one province (for a scope naming no region: whose graduates all live in one,
 *   `regionsWithGraduates`, so that no part is made for a province without any).
 *
 * One detail keeps explanations identical too: a student's own list may name a slot of another
 * province (never eligible), which the engine may still cite as the "closest slot" of a student
 * with no eligible one; so a part also loads the slots its students list elsewhere
 * (RoundLoader), which no student of the part can take.
 */
export function partsOf(
  scope: RunScope,
  options: Pick<MatchOptions, 'regionPolicy' | 'schoolCompanyCap'>,
  regionsWithGraduates: readonly string[],
): RoundPart[] {
  const policy = options.regionPolicy ?? 'same_province';
  const whole: RoundPart[] = [{ key: WHOLE_ROUND, regionCodes: [...scope.regionCodes].sort() }];
  if (policy !== 'same_province' && policy !== 'same_region') {
    return whole;
  }
  if (options.schoolCompanyCap !== undefined || scope.cohortId !== null) {
    return whole;
  }
  const codes = scope.regionCodes.length > 0 ? scope.regionCodes : regionsWithGraduates;
  const byProvince = new Map<string, string[]>();
  for (const code of [...new Set(codes)].sort()) {
    const province = code.slice(0, 2);
    byProvince.set(province, [...(byProvince.get(province) ?? []), code]);
  }
  if (byProvince.size < 2) {
    return whole;
  }
  return [...byProvince.entries()].map(([key, regionCodes]) => ({ key, regionCodes }));
}

/** Progress of a split round: the share of its parts finished, 99 at most until merged. */
export function partsProgress(finished: number, total: number): number {
  if (total <= 0) {
    return 0;
  }
  return Math.min(99, Math.floor((100 * finished) / total));
}
