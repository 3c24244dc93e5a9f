import { match } from './index';
import { loadScenario, summarise } from './testing/scenario';

describe('scenario: a slot with capacity 0', () => {
  const sc = loadScenario('capacity-zero');

  it.each(['stable', 'optimal'] as const)(
    'places nobody there (%s) and names it as the closest slot',
    (mode) => {
      const sut = match(sc.students, sc.slots, { ...sc.options, mode });
      expect(summarise(sut)).toEqual(sc.expected);
      expect(sut.unmatched[0].reason).toMatchObject({
        code: 'no_eligible_slot',
        closestSlotId: 'closed',
      });
      expect(sut.unmatched[0].reason.message).toContain('no capacity');
    },
  );
});
