import { findBlockingPairs, match } from './index';
import { loadScenario, summarise } from './testing/scenario';

describe('scenario: classic hospitals/residents with rankings on both sides', () => {
  const sc = loadScenario('hospitals-residents');
  const sut = match(sc.students, sc.slots, sc.options);

  it('returns the resident-optimal stable matching', () => {
    expect(summarise(sut)).toEqual(sc.expected);
    expect(findBlockingPairs(sc.students, sc.slots, sut, sc.options)).toEqual([]);
  });

  it('explains the left-out resident with the cut-off of its first choice', () => {
    const r4 = sut.unmatched.find((u) => u.studentId === 'r4')!;
    expect(r4.reason).toMatchObject({ code: 'outranked', slotId: 'h3', eligibleSlots: 2 });
  });

  it('reports each resident’s rank of the slot it got', () => {
    const ranks = Object.fromEntries(sut.assignments.map((a) => [a.studentId, a.rank]));
    expect(ranks).toEqual({ r1: 1, r2: 1, r3: 2, r5: 1 });
    expect(sut.stats).toMatchObject({
      mode: 'stable',
      stable: true,
      matched: 4,
      unmatched: 1,
      seats: 4,
    });
  });
});
