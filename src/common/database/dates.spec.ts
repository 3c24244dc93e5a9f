import { addDays, addMonths, ageOn, isCalendarDate, todayUtc } from './dates';

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('26-01-01')).toBe(false);
  });

  it('adds days and months across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-15', 12)).toBe('2027-03-15');
  });

  it('computes the age on a day, the birthday itself counting', () => {
    expect(ageOn('2009-07-01', '2026-06-30')).toBe(16);
    expect(ageOn('2009-07-01', '2026-07-01')).toBe(17);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('takes today in UTC, whatever the server zone', () => {
    expect(todayUtc(new Date('2026-07-31T23:30:00-02:00'))).toBe('2026-08-01');
  });
});
