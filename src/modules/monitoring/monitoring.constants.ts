import type { JobOptions } from 'bull';

/** The monitoring queue and its daily reminders job (missing journals, unconfirmed attendance). */
export const MONITORING_QUEUE = 'monitoring';
export const REMINDERS_JOB = 'daily-reminders';

/** Every day at 06:00 Western Indonesia Time: yesterday's journals are in, the day not begun. */
export const REMINDERS_CRON = '0 6 * * *';
export const REMINDERS_TZ = 'Asia/Jakarta';

/** One repeatable job (a fixed id, so every worker shares it); a failed run waits for the next day. */
export const REMINDERS_JOB_OPTIONS: JobOptions = {
  repeat: { cron: REMINDERS_CRON, tz: REMINDERS_TZ },
  jobId: REMINDERS_JOB,
  attempts: 3,
  backoff: { type: 'exponential', delay: 60_000 },
  removeOnComplete: { count: 10 },
  removeOnFail: { count: 50 },
};

/** A journal is missing once this many working days have passed without one. */
export const JOURNAL_MISSING_WORKING_DAYS = 3;
/** An attendance record is overdue once it has waited more than this many days for the mentor. */
export const ATTENDANCE_UNCONFIRMED_DAYS = 7;
/** Active placements checked (and their events and attention rows written) per transaction. */
export const REMINDERS_BATCH = 1_000;

/** The events the reminders write to the outbox (one per placement and day each). */
export const REMINDER_EVENT_TYPES = ['journal.missing', 'attendance.unconfirmed'] as const;
export type ReminderEventType = (typeof REMINDER_EVENT_TYPES)[number];
