import { findBlockingPairs, match } from './index';
import type { Student } from './types';

describe('scenario: empty inputs', () => {
  it.each(['stable', 'optimal'] as const)(
    'no students and no slots give an empty result (%s)',
    (mode) => {
      const sut = match([], [], { mode });
      expect(sut.assignments).toEqual([]);
      expect(sut.unmatched).toEqual([]);
      expect(sut.stats).toMatchObject({
        students: 0,
        slots: 0,
        matched: 0,
        averageScore: 0,
        averageRank: 0,
      });
      expect(findBlockingPairs([], [], sut, { mode })).toEqual([]);
    },
  );

  it('students and no slots: all unmatched with no eligible slot and no closest one', () => {
    const students: Student[] = [{ id: 'a', regionCode: '3601', units: { 'A.000000.001.01': 2 } }];
    const sut = match(students, [], { mode: 'stable' });
    expect(sut.unmatched).toEqual([
      {
        studentId: 'a',
        reason: { code: 'no_eligible_slot', message: expect.stringContaining('no open slot') },
      },
    ]);
  });

  it('slots and no students: nothing assigned, seats counted', () => {
    const sut = match(
      [],
      [{ id: 'x', companyId: 'c', regionCode: '3601', capacity: 4, requirements: [] }],
      { mode: 'optimal' },
    );
    expect(sut.stats).toMatchObject({ seats: 4, matched: 0 });
  });
});
