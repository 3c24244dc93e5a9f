import { Role } from '../../common/auth/role.enum';
import { addDays } from '../../common/database/dates';
import { PlacementStatus } from '../placements/placements.types';
import { ATTENDANCE_UNCONFIRMED_DAYS, JOURNAL_MISSING_WORKING_DAYS } from './monitoring.constants';
import { AttendanceStatus, JournalStatus } from './monitoring.types';

/**
 * The monitoring rules, each once: which day a journal entry or an attendance record may be
 * for, who takes which step of the journal, when an entry is locked, what an assessment must
 * cover, and the attendance totals.
 */

/** Western Indonesia Time (WIB, UTC+7): the day of the province's students and companies. */
const WIB_OFFSET_MS = 7 * 3_600_000;

/** Today's date in WIB, as 'YYYY-MM-DD'. */
export function localToday(now: Date = new Date()): string {
  return new Date(now.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/** The placement as the day rules see it. */
export interface PlacementPeriod {
  status: PlacementStatus;
  startDate: string;
  endDate: string;
}

export type DayProblem =
  | 'placement_not_active'
  | 'day_in_future'
  | 'day_before_start'
  | 'day_after_end'
  | 'not_a_working_day';

/**
 * Why a journal entry cannot be for `day`, or null: a day of the active placement, not in
 * the future, within the placement's dates.
 */
export function journalDayProblem(
  placement: PlacementPeriod,
  day: string,
  today: string,
): DayProblem | null {
  if (placement.status !== PlacementStatus.Active) {
    return 'placement_not_active';
  }
  if (day > today) {
    return 'day_in_future';
  }
  if (day < placement.startDate) {
    return 'day_before_start';
  }
  if (day > placement.endDate) {
    return 'day_after_end';
  }
  return null;
}

/** Monday to Friday: the working week attendance is kept for. */
export function isWorkingDay(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

/** A journal day's rules, and the day must be a working day (Monday to Friday). */
export function attendanceDayProblem(
  placement: PlacementPeriod,
  day: string,
  today: string,
): DayProblem | null {
  return (
    journalDayProblem(placement, day, today) ?? (isWorkingDay(day) ? null : 'not_a_working_day')
  );
}

/** Working days from `from` to `to`, both included (none when `to` is before `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let day = from; day <= to; day = addDays(day, 1)) {
    count += isWorkingDay(day) ? 1 : 0;
  }
  return count;
}

/** An approved entry is locked: nobody changes it, nor its photo. */
export function isJournalLocked(status: JournalStatus): boolean {
  return status === JournalStatus.Approved;
}

export type JournalStep = 'approve' | 'return' | 'comment';

interface StepRule {
  from: JournalStatus[];
  /** The new status; null leaves it (a comment). */
  to: JournalStatus | null;
  actors: Role[];
}

/** The journal's review steps: the mentor approves or returns; the teacher comments. */
export const JOURNAL_STEPS: Record<JournalStep, StepRule> = {
  approve: {
    from: [JournalStatus.Submitted, JournalStatus.Returned],
    to: JournalStatus.Approved,
    actors: [Role.Admin, Role.Mentor],
  },
  return: {
    from: [JournalStatus.Submitted],
    to: JournalStatus.Returned,
    actors: [Role.Admin, Role.Mentor],
  },
  comment: {
    from: [JournalStatus.Submitted, JournalStatus.Approved, JournalStatus.Returned],
    to: null,
    actors: [Role.Admin, Role.Teacher],
  },
};

export function mayTakeJournalStep(step: JournalStep, role: Role): boolean {
  return JOURNAL_STEPS[step].actors.includes(role);
}

export function canTakeJournalStep(step: JournalStep, status: JournalStatus): boolean {
  return JOURNAL_STEPS[step].from.includes(status);
}

/** The practised units that are not the slot's (empty when all are). */
export function foreignUnits(slotUnits: readonly string[], practised: readonly string[]): string[] {
  return practised.filter((code) => !slotUnits.includes(code));
}

/** Who confirms attendance: the mentor (or an admin). */
export function mayConfirmAttendance(role: Role): boolean {
  return role === Role.Mentor || role === Role.Admin;
}

/** A confirmed record is locked for the student. */
export function isAttendanceLocked(confirmedAt: Date | null): boolean {
  return confirmedAt !== null;
}

/** Evidence (a letter) may be attached only to an excused or sick day. */
export function takesEvidence(status: AttendanceStatus): boolean {
  return status === AttendanceStatus.Izin || status === AttendanceStatus.Sakit;
}

export interface AttendanceTotals {
  hadir: number;
  izin: number;
  sakit: number;
  alpa: number;
  recorded: number;
  confirmed: number;
  /** Percent of recorded days present (hadir), one decimal; null when nothing is recorded. */
  rate: number | null;
}

export function attendanceTotals(
  records: readonly { status: AttendanceStatus; confirmed: boolean }[],
): AttendanceTotals {
  const totals: AttendanceTotals = {
    hadir: 0,
    izin: 0,
    sakit: 0,
    alpa: 0,
    recorded: records.length,
    confirmed: 0,
    rate: null,
  };
  for (const record of records) {
    totals[record.status] += 1;
    totals.confirmed += record.confirmed ? 1 : 0;
  }
  totals.rate = presenceRate(totals.hadir, totals.recorded);
  return totals;
}

/**
 * How a journal entry's move from `from` (null: a new entry) to `to` changes its placement's
 * count of entries waiting for the mentor's review (the submitted ones): +1, 0 or -1.
 */
export function journalWaitingDelta(from: JournalStatus | null, to: JournalStatus): number {
  const waiting = (s: JournalStatus | null): number => (s === JournalStatus.Submitted ? 1 : 0);
  return waiting(to) - waiting(from);
}

/** How an attendance day's status change (from null: a new day) changes the days present. */
export function presentDelta(from: AttendanceStatus | null, to: AttendanceStatus): number {
  const present = (s: AttendanceStatus | null): number => (s === AttendanceStatus.Hadir ? 1 : 0);
  return present(to) - present(from);
}

/** Percent of recorded days present, one decimal; null when nothing is recorded. */
export function presenceRate(present: number, recorded: number): number | null {
  return recorded > 0 ? Math.round((present / recorded) * 1000) / 10 : null;
}

/**
 * The working days of the placement that ended without a journal entry since the last one:
 * from the day after `lastEntry` (or the start, when there is none) to yesterday, within the
 * placement's dates. Today does not count: the student may still write it.
 */
export function workingDaysWithoutJournal(
  period: { startDate: string; endDate: string },
  lastEntry: string | null,
  today: string,
): number {
  const from =
    lastEntry !== null && lastEntry >= period.startDate ? addDays(lastEntry, 1) : period.startDate;
  const yesterday = addDays(today, -1);
  return workingDaysBetween(from, yesterday < period.endDate ? yesterday : period.endDate);
}

/** A placement needs a journal reminder after JOURNAL_MISSING_WORKING_DAYS (3) such days. */
export function isJournalMissing(missingWorkingDays: number): boolean {
  return missingWorkingDays >= JOURNAL_MISSING_WORKING_DAYS;
}

/**
 * The first day whose attendance is not overdue: a record still unconfirmed for a day before
 * it has waited more than ATTENDANCE_UNCONFIRMED_DAYS (7) days for the mentor.
 */
export function attendanceOverdueBefore(today: string): string {
  return addDays(today, -ATTENDANCE_UNCONFIRMED_DAYS);
}

/** What a placement needs attention for, as the daily reminders find it. */
export interface AttentionFinding {
  /** Working days ended without a journal (0 unless the journal is missing). */
  journalMissingDays: number;
  lastJournalDate: string | null;
  /** Attendance records unconfirmed for more than 7 days, and the oldest one's day. */
  unconfirmedDays: number;
  oldestUnconfirmedDay: string | null;
}

/**
 * The reminders' verdict on one active placement, or null when it needs no attention. Both
 * counts are cut to what is due: a journal gap under 3 working days counts 0.
 */
export function attentionFinding(
  period: { startDate: string; endDate: string },
  lastJournalDate: string | null,
  overdue: { count: number; oldest: string | null },
  today: string,
): AttentionFinding | null {
  const gap = workingDaysWithoutJournal(period, lastJournalDate, today);
  const journalMissingDays = isJournalMissing(gap) ? gap : 0;
  if (journalMissingDays === 0 && overdue.count === 0) {
    return null;
  }
  return {
    journalMissingDays,
    lastJournalDate,
    unconfirmedDays: overdue.count,
    oldestUnconfirmedDay: overdue.count > 0 ? overdue.oldest : null,
  };
}

export interface AssessmentProblem {
  field: string;
  problem: string;
}

/**
 * What is wrong with a final assessment's units, or an empty list: every one of the slot's
 * units scored exactly once at a level 1–5, and no other unit.
 */
export function assessmentProblems(
  slotUnits: readonly string[],
  units: readonly { unitCode: string; level: number }[],
): AssessmentProblem[] {
  const problems: AssessmentProblem[] = [];
  const seen = new Set<string>();
  for (const unit of units) {
    if (seen.has(unit.unitCode)) {
      problems.push({ field: 'units', problem: `${unit.unitCode} is scored twice` });
    }
    seen.add(unit.unitCode);
    if (!slotUnits.includes(unit.unitCode)) {
      problems.push({ field: 'units', problem: `${unit.unitCode} is not one of the slot's units` });
    }
    if (!Number.isInteger(unit.level) || unit.level < 1 || unit.level > 5) {
      problems.push({ field: 'units', problem: `${unit.unitCode}: level must be 1 to 5` });
    }
  }
  const missing = slotUnits.filter((code) => !seen.has(code));
  if (missing.length > 0) {
    problems.push({ field: 'units', problem: `missing the slot's units ${missing.join(', ')}` });
  }
  return problems;
}

/** Whether a placement's final assessment may be given now: only while it is active. */
export function mayComplete(status: PlacementStatus): boolean {
  return status === PlacementStatus.Active;
}

/**
 * Why a monitoring visit cannot be recorded for `day`, or null: the placement under way or
 * finished, the day not in the future and not before the placement starts.
 */
export function visitDayProblem(
  placement: PlacementPeriod,
  day: string,
  today: string,
): DayProblem | null {
  if (
    placement.status !== PlacementStatus.Active &&
    placement.status !== PlacementStatus.Completed
  ) {
    return 'placement_not_active';
  }
  if (day > today) {
    return 'day_in_future';
  }
  return day < placement.startDate ? 'day_before_start' : null;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A certificate's verification code from 16 random bytes: 16 characters, no 0/O or 1/I. */
export function verificationCode(random: Buffer): string {
  return [...random.subarray(0, 16)].map((b) => CODE_ALPHABET[b % 32]).join('');
}
