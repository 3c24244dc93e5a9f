import { apprenticeLimit, durationProblem, peakSeats } from './slots.rules';

describe('apprenticeLimit', () => {
  it('is 20 % of the workforce, rounded down', () => {
    expect(apprenticeLimit(0)).toBe(0);
    expect(apprenticeLimit(4)).toBe(0);
    expect(apprenticeLimit(5)).toBe(1);
    expect(apprenticeLimit(49)).toBe(9);
    expect(apprenticeLimit(250)).toBe(50);
  });
});

describe('peakSeats', () => {
  it('is zero for nothing', () => {
    expect(peakSeats([])).toEqual({ peak: 0, on: null });
  });

  it('adds overlapping intervals and finds the first busiest day', () => {
    expect(
      peakSeats([
        { start: '2026-01-01', end: '2026-06-30', seats: 2 },
        { start: '2026-03-01', end: '2026-12-31', seats: 3 },
        { start: '2026-07-01', end: '2026-12-31', seats: 1 },
      ]),
    ).toEqual({ peak: 5, on: '2026-03-01' });
  });

  it('does not count back-to-back intervals as overlapping', () => {
    expect(
      peakSeats([
        { start: '2026-01-01', end: '2026-06-30', seats: 2 },
        { start: '2026-07-01', end: '2026-12-31', seats: 2 },
      ]).peak,
    ).toBe(2);
  });

  it('counts intervals sharing one day', () => {
    expect(
      peakSeats([
        { start: '2026-01-01', end: '2026-06-30', seats: 2 },
        { start: '2026-06-30', end: '2026-12-31', seats: 2 },
      ]),
    ).toEqual({ peak: 4, on: '2026-06-30' });
  });
});

describe('durationProblem', () => {
  it('accepts up to the day before 12 months later', () => {
    expect(durationProblem('2026-01-04', '2027-01-03')).toBeNull();
    expect(durationProblem('2026-01-04', '2026-01-05')).toBeNull();
  });

  it('refuses 12 months or more', () => {
    expect(durationProblem('2026-01-04', '2027-01-04')).toEqual({
      kind: 'too_long',
      endBefore: '2027-01-04',
    });
  });

  it('refuses an end on or before the start', () => {
    expect(durationProblem('2026-01-04', '2026-01-04')).toEqual({ kind: 'not_after_start' });
    expect(durationProblem('2026-01-04', '2025-12-31')).toEqual({ kind: 'not_after_start' });
  });

  it('names the dates that are not calendar dates', () => {
    expect(durationProblem('2026-02-30', '2026-13-01')).toEqual({
      kind: 'not_a_date',
      fields: ['startDate', 'endDate'],
    });
    expect(durationProblem('2026-01-04', '2026-02-30')).toEqual({
      kind: 'not_a_date',
      fields: ['endDate'],
    });
  });
});
