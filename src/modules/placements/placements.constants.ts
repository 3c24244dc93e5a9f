import type { JobOptions } from 'bull';

export const PLACEMENTS_QUEUE = 'placements';
export const EXPIRE_OFFERS_JOB = 'expire-offers';

/** Offers past their deadline are closed this often. */
export const EXPIRY_EVERY_MS = 60_000;
/** Offers closed per transaction. */
export const EXPIRY_BATCH = 500;

/** One repeatable job (a fixed id, so every worker shares it); a failed tick just waits for the next. */
export const EXPIRE_OFFERS_JOB_OPTIONS: JobOptions = {
  repeat: { every: EXPIRY_EVERY_MS },
  jobId: EXPIRE_OFFERS_JOB,
  attempts: 1,
  removeOnComplete: { count: 10 },
  removeOnFail: { count: 50 },
};
