import { isCalendarDate, todayUtc } from './dates';

describe('cohort dates', () => {
  it.each([
    ['2026-07-01', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
    ['2026-7-1', false],
  ])('isCalendarDate(%s) is %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });

  it('takes today in UTC, whatever the server zone', () => {
    expect(todayUtc(new Date('2026-07-31T23:30:00-02:00'))).toBe('2026-08-01');
  });
});
