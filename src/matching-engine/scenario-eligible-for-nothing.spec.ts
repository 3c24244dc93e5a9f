import { match } from './index';
import { loadScenario, summarise } from './testing/scenario';

describe('scenario: a student eligible for nothing', () => {
  const sc = loadScenario('eligible-for-nothing');

  it('names the closest slot and the missing unit with both levels', () => {
    const sut = match(sc.students, sc.slots, sc.options);
    expect(summarise(sut)).toEqual(sc.expected);
    expect(sut.unmatched[0].reason).toEqual({
      code: 'no_eligible_slot',
      closestSlotId: 'hotel-front',
      missingUnit: 'I.551000.002.01',
      missingMinLevel: 3,
      heldLevel: 1,
      message:
        'closest slot hotel-front needs I.551000.002.01 at level 3, the student holds level 1',
    });
  });

  it('becomes eligible for the other regency’s slot when the policy allows it', () => {
    const sut = match(sc.students, sc.slots, { ...sc.options, regionPolicy: 'any' });
    expect(summarise(sut).assignments).toEqual({ s1: 'elsewhere' });
  });

  it('drops ineligible entries of a student’s own preference list', () => {
    const students = [{ ...sc.students[0], preferences: ['hotel-front', 'nope', 'elsewhere'] }];
    const sut = match(students, sc.slots, { ...sc.options, regionPolicy: 'prefer_same' });
    expect(sut.assignments[0]).toMatchObject({ slotId: 'elsewhere', rank: 1 });
  });
});
