import { match, score } from './index';
import { loadScenario, summarise } from './testing/scenario';

describe('scenario: rankings derived from competency fit and region', () => {
  const sc = loadScenario('competency-fit');
  const byId = <T extends { id: string }>(xs: T[], id: string) => xs.find((x) => x.id === id)!;

  it('places by score on both sides', () => {
    expect(summarise(match(sc.students, sc.slots, sc.options))).toEqual(sc.expected);
  });

  it('scores from how far each unit clears its bar, weighted, plus the region effect', () => {
    const s1 = byId(sc.students, 's1');
    // welding (weight 2) at 5 over a bar of 3 is full marks; assembly at 3 over 2 is half.
    // competency = (2·1 + 1·0.5) / 3; same province, other regency = half the region effect.
    expect(score(s1, byId(sc.slots, 'weld'), sc.options)).toBe(
      Math.round((0.8 * (2.5 / 3) + 0.2 * 0.5) * 1e6) / 1e6,
    );
    expect(score(byId(sc.students, 's3'), byId(sc.slots, 'weld'), sc.options)).toBe(0);
  });

  it('explains the assignment: units met, region effect, rank', () => {
    const sut = match(sc.students, sc.slots, sc.options);
    const a = sut.assignments.find((x) => x.studentId === 's1')!;
    expect(a.explanation).toEqual({
      met: [
        { unit: 'C.250000.001.01', minLevel: 3, level: 5 },
        { unit: 'C.290000.010.01', minLevel: 2, level: 3 },
      ],
      region: 'same_province',
      regionEffect: 0.1,
      competency: 0.833333,
      studentRank: 1,
      listLength: 2,
    });
    const s3 = sut.unmatched.find((u) => u.studentId === 's3')!.reason;
    expect(s3).toMatchObject({
      code: 'outranked',
      slotId: 'assembly',
      cutoffScore: 0.8,
      score: 0.3,
    });
  });

  it('finds the optimum of total fit in optimal mode and flags it as not stable', () => {
    const sut = match(sc.students, sc.slots, { ...sc.options, mode: 'optimal' });
    expect(sut.stats.stable).toBe(false);
    // s1→weld + s2→assembly (0.766667 + 0.8) beats s1→assembly + s2→weld.
    expect(summarise(sut).assignments).toEqual({ s1: 'weld', s2: 'assembly' });
  });
});
