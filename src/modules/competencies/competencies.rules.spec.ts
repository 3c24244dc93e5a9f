import { CompetencyUnitKind } from './competencies.types';
import { unitKind } from './competencies.rules';

describe('competency rules', () => {
  it.each([
    ['C.293020.001.01', CompetencyUnitKind.Skkni],
    ['TKR-LOCAL-01', CompetencyUnitKind.Local],
    ['c.293020.001.01', null],
    ['X', null],
  ])('knows the kind of the code %s', (code, kind) => {
    expect(unitKind(code)).toBe(kind);
  });
});
