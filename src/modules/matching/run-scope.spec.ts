import type { RunScope } from './matching-run.entity';
import { scopesOverlap } from './run-scope';

const scope = (change: Partial<RunScope>): RunScope => ({
  regionCodes: [],
  graduationYear: null,
  cohortId: null,
  onlyUnplaced: true,
  ...change,
});

describe('scopesOverlap', () => {
  it('treats an empty region list as every region', () => {
    expect(scopesOverlap(scope({}), scope({ regionCodes: ['3672'] }))).toBe(true);
  });

  it('separates disjoint regions, different years and different cohorts', () => {
    expect(scopesOverlap(scope({ regionCodes: ['3601'] }), scope({ regionCodes: ['3672'] }))).toBe(
      false,
    );
    expect(scopesOverlap(scope({ graduationYear: 2025 }), scope({ graduationYear: 2026 }))).toBe(
      false,
    );
    expect(scopesOverlap(scope({ cohortId: 1 }), scope({ cohortId: 2 }))).toBe(false);
  });

  it('overlaps on a shared region and year', () => {
    expect(
      scopesOverlap(
        scope({ regionCodes: ['3601', '3672'], graduationYear: 2026 }),
        scope({ regionCodes: ['3672'], graduationYear: 2026 }),
      ),
    ).toBe(true);
  });
});
