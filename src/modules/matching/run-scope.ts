import type { RunScope } from './matching-run.entity';

/**
 * Two rounds overlap when they could hold the same student: their regions intersect (an empty
 * list means every region) and neither their graduation years nor their cohorts tell them apart.
 */
export function scopesOverlap(a: RunScope, b: RunScope): boolean {
  const regions =
    a.regionCodes.length === 0 ||
    b.regionCodes.length === 0 ||
    a.regionCodes.some((c) => b.regionCodes.includes(c));
  const years =
    a.graduationYear === null || b.graduationYear === null || a.graduationYear === b.graduationYear;
  const cohorts = a.cohortId === null || b.cohortId === null || a.cohortId === b.cohortId;
  return regions && years && cohorts;
}
