import { match } from './index';
import { loadScenario } from './testing/scenario';

describe('scenario: ties broken by priority, then a seeded lottery', () => {
  const sc = loadScenario('ties-lottery');
  const winner = (seed: number, students = sc.students) =>
    match(students, sc.slots, { ...sc.options, seed }).assignments.map((a) => a.studentId);

  it('gives the seat to exactly one twin, the same one for the same seed', () => {
    expect(winner(7)).toHaveLength(1);
    expect(winner(7)).toEqual(winner(7));
  });

  it('lets the seed decide: some seed picks each twin', () => {
    const winners = new Set(Array.from({ length: 20 }, (_, seed) => winner(seed)[0]));
    expect(winners).toEqual(new Set(['twin-a', 'twin-b']));
  });

  it('does not depend on input order', () => {
    for (let seed = 0; seed < 10; seed++)
      expect(winner(seed, [...sc.students].reverse())).toEqual(winner(seed));
  });

  it('lets priority win before the lottery', () => {
    for (let seed = 0; seed < 10; seed++) {
      expect(winner(seed, [sc.students[0], { ...sc.students[1], priority: 1 }])).toEqual([
        'twin-b',
      ]);
    }
  });

  it('explains the loser as outranked at the same score', () => {
    const sut = match(sc.students, sc.slots, sc.options);
    expect(sut.unmatched[0].reason).toMatchObject({ code: 'outranked', slotId: 'workshop' });
    const r = sut.unmatched[0].reason as { cutoffScore: number; score: number };
    expect(r.cutoffScore).toBe(r.score);
  });
});
