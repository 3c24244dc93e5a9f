import { addDays, addMonths, isCalendarDate } from '../../common/database/dates';

/** Permenaker 6/2020: an apprenticeship lasts at most 12 months. */
export const MAX_DURATION_MONTHS = 12;

/** Permenaker 6/2020: apprentices at any time at most 20 % of the workforce (rounded down). */
export function apprenticeLimit(workforceSize: number): number {
  return Math.floor((workforceSize * 20) / 100);
}

/** Seats a company holds over a period of days (both ends included). */
export interface SeatInterval {
  start: string;
  end: string;
  seats: number;
}

/**
 * The most seats held on any single day, and the first day it happens: a sweep over the
 * interval ends. Permenaker 6/2020 limits this peak to `apprenticeLimit` of the workforce.
 */
export function peakSeats(intervals: SeatInterval[]): { peak: number; on: string | null } {
  const events: { day: string; delta: number }[] = [];
  for (const interval of intervals) {
    if (interval.seats > 0 && interval.end >= interval.start) {
      events.push({ day: interval.start, delta: interval.seats });
      events.push({ day: addDays(interval.end, 1), delta: -interval.seats });
    }
  }
  // Same day: releases before arrivals, so back-to-back intervals never overlap.
  events.sort((a, b) => (a.day === b.day ? a.delta - b.delta : a.day < b.day ? -1 : 1));
  let current = 0;
  let peak = 0;
  let on: string | null = null;
  for (const event of events) {
    current += event.delta;
    if (current > peak) {
      peak = current;
      on = event.day;
    }
  }
  return { peak, on };
}

/** What is wrong with a slot's period, or null when it is a valid apprenticeship. */
export type DurationProblem =
  | { kind: 'not_a_date'; fields: ('startDate' | 'endDate')[] }
  | { kind: 'not_after_start' }
  | { kind: 'too_long'; endBefore: string };

/** A slot runs from `start` to `end` (after it) for less than 12 months. */
export function durationProblem(start: string, end: string): DurationProblem | null {
  const fields = (['startDate', 'endDate'] as const).filter(
    (field) => !isCalendarDate(field === 'startDate' ? start : end),
  );
  if (fields.length > 0) {
    return { kind: 'not_a_date', fields };
  }
  if (end <= start) {
    return { kind: 'not_after_start' };
  }
  const endBefore = addMonths(start, MAX_DURATION_MONTHS);
  return end >= endBefore ? { kind: 'too_long', endBefore } : null;
}
