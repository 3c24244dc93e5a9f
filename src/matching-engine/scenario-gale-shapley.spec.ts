import { findBlockingPairs, match } from './index';
import { loadScenario, summarise } from './testing/scenario';

describe('scenario: one-to-one instance with a student-optimal and a slot-optimal stable matching', () => {
  const sc = loadScenario('gale-shapley-marriage');

  it('gives every student their first choice, the student-optimal stable matching', () => {
    const sut = match(sc.students, sc.slots, sc.options);
    expect(summarise(sut)).toEqual(sc.expected);
    expect(sut.assignments.every((a) => a.rank === 1)).toBe(true);
  });

  it('recognises the slot-optimal matching as stable too, and a mixed one as blocked', () => {
    const slotOptimal = {
      assignments: [
        ['a', 'Y'],
        ['b', 'Z'],
        ['c', 'X'],
      ],
    };
    const mixed = {
      assignments: [
        ['a', 'Z'],
        ['b', 'Y'],
        ['c', 'X'],
      ],
    };
    const asResult = (pairs: string[][]) => ({
      ...match(sc.students, sc.slots, sc.options),
      assignments: pairs.map(([studentId, slotId]) => ({
        studentId,
        slotId,
        score: 0,
        explanation: undefined as never,
      })),
    });
    expect(
      findBlockingPairs(sc.students, sc.slots, asResult(slotOptimal.assignments), sc.options),
    ).toEqual([]);
    expect(
      findBlockingPairs(sc.students, sc.slots, asResult(mixed.assignments), sc.options),
    ).toEqual([
      { studentId: 'a', slotId: 'Y' },
      { studentId: 'c', slotId: 'Z' },
    ]);
  });
});
