import { peakSeats } from './apprentice-quota';

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
