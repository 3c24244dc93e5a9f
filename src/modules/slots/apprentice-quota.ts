import { addDays } from '../../common/database/dates';

/** Seats a company holds over a period of days (both ends included). */
export interface SeatInterval {
  start: string;
  end: string;
  seats: number;
}

/**
 * The most seats held on any single day, and the first day it happens: a sweep over the
 * interval ends. Permenaker 6/2020 limits this peak to 20 % of the company's workforce.
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
